// Every member function is locked, so there is no data race, but increment_if_below is
// check-then-act: it releases the lock between value() and increment(), and two threads can
// both see value() == limit - 1 and both add, overshooting the limit.
#pragma once

#include <mutex>

class Counter {
 public:
  void increment(long long by = 1) {
    std::lock_guard<std::mutex> lock(mutex_);
    count_ += by;
  }

  bool increment_if_below(long long limit) {
    if (value() < limit) {
      increment();
      return true;
    }
    return false;
  }

  long long value() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }

 private:
  mutable std::mutex mutex_;
  long long count_ = 0;
};
