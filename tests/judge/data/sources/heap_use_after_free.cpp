// A consumer peeks at the front job; another thread drops it; then the consumer reads the job.
// The steps are ordered by relaxed flags, which do not synchronise: the read is not ordered
// after the delete, and ThreadSanitizer reports a heap-use-after-free.
#include <atomic>
#include <thread>

#include "job_queue.hpp"

JobQueue queue;
std::atomic<bool> peeked{false};
std::atomic<bool> dropped{false};

[[gnu::noinline]] long Consume() {
  Job* job = queue.Front();
  peeked.store(true, std::memory_order_relaxed);
  while (!dropped.load(std::memory_order_relaxed)) std::this_thread::yield();
  return job->payload;
}

void Drop() {
  while (!peeked.load(std::memory_order_relaxed)) std::this_thread::yield();
  queue.DropFront();
  dropped.store(true, std::memory_order_relaxed);
}

int main() {
  queue.Push(1, 42);
  long payload = 0;
  std::thread consumer([&] { payload = Consume(); });
  std::thread dropper(Drop);
  consumer.join();
  dropper.join();
  return payload == 42 ? 0 : 1;
}
