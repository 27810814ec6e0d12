// parallel_sum.hpp: your solution of the `parallel_sum` exercise. Submit this one file.
//
// The exact sum of many ints, computed by several threads at once. Read README.md first.
// This skeleton compiles, but it is not a solution yet: it always returns 0. Replace the
// body, keep the signature exactly as it is (the grader calls it), and add the helper
// functions you need (inline, in this header).
#pragma once

#include <span>

// Returns the sum of all elements of `data`, exactly, in 64 bits, with up to `threads`
// threads working at once (threads >= 1, and it may exceed data.size()). Only reads
// `data`. Safe to call from several threads at once.
inline long long parallel_sum(std::span<const int> data, unsigned threads) {
  (void)data;     // Replace these lines: split `data` into `threads` parts, sum each part in
  (void)threads;  // its own thread into a local long long, then add the partial sums.
  return 0;
}
