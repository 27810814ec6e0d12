// Lock-free and race-free by ThreadSanitizer's rules, but increment_if_below checks the
// value and adds in two separate atomic steps. The bug only shows when a thread is
// preempted, or overtaken on another core, between the load and the fetch_add: then two
// threads both pass the check at limit - 1 and the count overshoots. A compare_exchange
// loop makes the check and the add one step.
#pragma once

#include <atomic>

class Counter {
 public:
  void increment(long long by = 1) { count_.fetch_add(by); }

  bool increment_if_below(long long limit) {
    if (count_.load() < limit) {
      count_.fetch_add(1);
      return true;
    }
    return false;
  }

  long long value() const { return count_.load(); }

 private:
  std::atomic<long long> count_{0};
};
