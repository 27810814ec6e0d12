// std::atomic everywhere, so ThreadSanitizer sees no data race, but increment() is a load
// followed by a separate store: two threads can load the same value and one store wins,
// losing the other's increment. The read-modify-write must be one atomic operation
// (fetch_add).
#pragma once

#include <atomic>

class Counter {
 public:
  void increment(long long by = 1) { count_.store(count_.load() + by); }

  bool increment_if_below(long long limit) {
    long long seen = count_.load();
    while (seen < limit) {
      if (count_.compare_exchange_weak(seen, seen + 1)) return true;
    }
    return false;
  }

  long long value() const { return count_.load(); }

 private:
  std::atomic<long long> count_{0};
};
