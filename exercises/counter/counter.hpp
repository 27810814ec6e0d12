// counter.hpp: your solution of the `counter` exercise. Submit this one file.
//
// A Counter that any number of threads may use at the same time. Read README.md first.
// This skeleton compiles, but it is not a solution yet: increment() adds nothing,
// increment_if_below() never adds, and value() always says 0. Replace each body, keep every
// signature exactly as it is (the grader calls them), and add the private members you need.
#pragma once

class Counter {
 public:
  // Adds `by` (which may be negative or zero) to the count. Safe to call from many
  // threads at once: no addition may ever be lost.
  void increment(long long by = 1) {
    (void)by;  // Replace this line: add `by` to the count.
  }

  // Adds 1 only if value() < limit, and returns whether it did. The comparison and the
  // addition must happen as one step: with many threads calling it with the same limit,
  // the count must end exactly at the limit, never above it.
  bool increment_if_below(long long limit) {
    (void)limit;  // Replace this line.
    return false;
  }

  // The current count. Callable on a const Counter, and safe while other threads change it.
  long long value() const {
    return 0;  // Replace this line.
  }
};
