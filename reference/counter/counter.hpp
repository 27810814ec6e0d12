// Reference solution of `counter`: the lecture's Lock, in C++.
//
// One std::mutex guards count_, and every member takes it for its whole operation. This is
// the lecture's `with lock: counter += 1`, and it makes increment_if_below atomic as a whole:
// the comparison and the addition happen under the same lock hold, so no other thread can
// add between them. (std::atomic<long long> with fetch_add and a compare_exchange loop for
// increment_if_below is also correct and lock-free; the mutex is chosen because it is the
// lecture's tool and because it stays correct if more fields join count_ later.)
#pragma once

#include <mutex>

class Counter {
 public:
  void increment(long long by = 1) {
    std::lock_guard<std::mutex> lock(mutex_);
    count_ += by;
  }

  // Adds 1 only if value() < limit; returns whether it did.
  bool increment_if_below(long long limit) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (count_ >= limit) {
      return false;
    }
    ++count_;
    return true;
  }

  long long value() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }

 private:
  mutable std::mutex mutex_;  // value() is const but must lock too
  long long count_ = 0;       // guarded by mutex_
};
