// A counter whose increment is not synchronised: two threads calling Increment race.
#pragma once

class Counter {
 public:
  [[gnu::noinline]] void Increment() {
    value_ = value_ + 1;
  }
  long Value() const { return value_; }

 private:
  long value_ = 0;
};
