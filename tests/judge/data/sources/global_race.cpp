// Two producers count what they push in a global that no lock guards.
#include <thread>

#include "blocking_queue.hpp"

BlockingQueue queue;
long pushed = 0;

void Produce(long first) {
  for (long i = 0; i < 100; ++i) {
    ++pushed;
    queue.Push(first + i);
  }
}

int main() {
  std::thread a(Produce, 0);
  std::thread b(Produce, 1000);
  a.join();
  b.join();
  return pushed == 200 ? 0 : 1;
}
