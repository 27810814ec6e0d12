// A plain long long incremented with ++ and no synchronisation: looks atomic, is not
// (load, add, store), and is a data race by the C++ memory model.
#pragma once

class Counter {
 public:
  void increment(long long by = 1) { count_ += by; }

  bool increment_if_below(long long limit) {
    if (count_ < limit) {
      ++count_;
      return true;
    }
    return false;
  }

  long long value() const { return count_; }

 private:
  long long count_ = 0;
};
