// Two threads increment one unsynchronised counter.
#include <thread>

#include "counter.hpp"

Counter counter;

void Work() {
  for (int i = 0; i < 1000; ++i) counter.Increment();
}

int main() {
  std::thread a(Work);
  std::thread b(Work);
  a.join();
  b.join();
  return counter.Value() == 2000 ? 0 : 1;
}
