// A counter that refuses to go past its limit. The refusal path unlocks, forgets to return,
// and unlocks the mutex a second time.
#pragma once
#include <mutex>

class LimitedCounter {
 public:
  explicit LimitedCounter(long limit) : limit_(limit) {}

  [[gnu::noinline]] bool Add(long n) {
    mutex_.lock();
    if (value_ + n > limit_) {
      mutex_.unlock();
    }
    value_ += n;
    mutex_.unlock();
    return true;
  }

 private:
  std::mutex mutex_;
  long limit_;
  long value_ = 0;
};
