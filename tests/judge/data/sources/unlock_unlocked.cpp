// Adds past the limit of a LimitedCounter.
#include <thread>

#include "limited_counter.hpp"

LimitedCounter counter(10);

void Work() {
  for (int i = 0; i < 20; ++i) counter.Add(1);
}

int main() {
  std::thread worker(Work);
  worker.join();
}
