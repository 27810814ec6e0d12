// A counter whose increment() takes its own lock twice.
#pragma once

#include <mutex>

class Counter {
 public:
  void increment(long long by = 1) {
    std::lock_guard<std::mutex> lock(mutex_);
    add(by);
  }

  bool increment_if_below(long long limit) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (count_ >= limit) return false;
    ++count_;
    return true;
  }

  long long value() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }

 private:
  void add(long long by) {
    std::lock_guard<std::mutex> again(mutex_);  // the same mutex, already held
    count_ += by;
  }

  mutable std::mutex mutex_;
  long long count_ = 0;
};
