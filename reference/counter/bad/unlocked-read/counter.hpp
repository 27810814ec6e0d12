// Writers lock, but value() reads count_ without the lock ("a read cannot hurt"). A read
// concurrent with a locked write is still a data race: undefined behaviour, and in practice
// a torn or stale value on some machines.
#pragma once

#include <mutex>

class Counter {
 public:
  void increment(long long by = 1) {
    std::lock_guard<std::mutex> lock(mutex_);
    count_ += by;
  }

  bool increment_if_below(long long limit) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (count_ >= limit) return false;
    ++count_;
    return true;
  }

  long long value() const { return count_; }

 private:
  std::mutex mutex_;
  long long count_ = 0;
};
