// The lock guards only the store: increment() computes count_ + by before it takes the lock,
// so a thread that is preempted (or blocks on the mutex) between the read and the lock
// writes back a value computed from an old count, and the increments made meanwhile are
// lost. count_ is atomic, so ThreadSanitizer sees no data race; the bug shows only when a
// thread loses the processor inside that short window. On one core that takes a preemption
// at exactly the wrong instruction, which is why the grader also runs with schedule chaos.
// The read, the addition and the write must all be inside one lock hold.
#pragma once

#include <atomic>
#include <mutex>

class Counter {
 public:
  void increment(long long by = 1) {
    const long long next = count_.load() + by;
    std::lock_guard<std::mutex> lock(mutex_);
    count_.store(next);
  }

  bool increment_if_below(long long limit) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (count_.load() >= limit) return false;
    count_.store(count_.load() + 1);
    return true;
  }

  long long value() const { return count_.load(); }

 private:
  std::mutex mutex_;
  std::atomic<long long> count_{0};
};
