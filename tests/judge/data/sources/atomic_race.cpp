// A monitor reads the counter, then a worker increments it. The relaxed flag that orders them
// does not synchronise: the plain read races with the atomic increment.
#include <atomic>
#include <thread>

#include "atomic_counter.hpp"

std::atomic<bool> looked{false};

int main() {
  auto* counter = new AtomicCounter;
  long seen = -1;
  std::thread monitor([&] {
    seen = counter->Value();
    looked.store(true, std::memory_order_relaxed);
  });
  std::thread worker([&] {
    while (!looked.load(std::memory_order_relaxed)) std::this_thread::yield();
    counter->Increment();
  });
  monitor.join();
  worker.join();
  delete counter;
  return seen == 0 ? 0 : 1;
}
