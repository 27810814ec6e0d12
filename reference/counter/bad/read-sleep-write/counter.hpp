// The lecture's racy counter: read the shared value, sleep, write back the old value plus
// the amount, with no lock. An increment another thread makes during the sleep is lost.
#pragma once

#include <chrono>
#include <random>
#include <thread>

class Counter {
 public:
  void increment(long long by = 1) {
    long long old_count = count_;
    // The lecture's time.sleep(random.randint(0, 1)), in microseconds instead of seconds.
    thread_local std::minstd_rand coin;
    std::this_thread::sleep_for(std::chrono::microseconds(coin() % 2));
    count_ = old_count + by;
  }

  bool increment_if_below(long long limit) {
    if (count_ < limit) {
      increment();
      return true;
    }
    return false;
  }

  long long value() const { return count_; }

 private:
  long long count_ = 0;
};
