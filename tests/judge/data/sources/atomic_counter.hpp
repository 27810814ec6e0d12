// A counter incremented atomically whose Value() reads the same long with a plain load.
#pragma once

class AtomicCounter {
 public:
  [[gnu::noinline]] void Increment() { __atomic_fetch_add(&value_, 1, __ATOMIC_RELAXED); }
  [[gnu::noinline]] long Value() const { return value_; }

 private:
  long value_ = 0;
};
