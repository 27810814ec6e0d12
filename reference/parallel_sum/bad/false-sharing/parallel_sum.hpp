// Known-bad `parallel_sum`: false sharing of per-thread sums. Each thread adds every
// element straight into its own slot partial[t] of one std::vector<long long>. The slots
// are 8 bytes apart, so all of them share one 64-byte cache line: each core's write takes
// the line away from the other core, and the line bounces between them once per element.
// The sum is exact and there is no data race (every slot has one writer), but every
// addition is a load and a store through memory, and at two threads each of them may wait
// for the cache line as well. Measured on the 2-core grading machine, 10M ints, -O2: 28 ms
// at one thread, 16.4 ms at two (14.1 ms with the slots 64 bytes apart: the false sharing
// itself costs about 15% there), against the reference's 7.4 ms and 3.8 ms.
//
// The compiler cannot keep partial[t] in a register here: the loop bounds `size` and
// `chunk` are long long variables captured by reference, and a store to a long long
// (partial[t]) might change them, so at -O2 every iteration loads the slot, adds and
// stores it back (objdump shows `add %rcx,(%rax)` in the loop). Had the bounds been copied
// into the lambda, or had the sum been kept in a local, GCC would have kept it in a register
// and the false sharing would have disappeared.
#pragma once

#include <algorithm>
#include <span>
#include <thread>
#include <vector>

inline long long parallel_sum(std::span<const int> data, unsigned threads) {
  const long long size = static_cast<long long>(data.size());
  const long long chunk = (size + threads - 1) / threads;
  std::vector<long long> partial(threads, 0);
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (long long i = t * chunk; i < std::min(size, (t + 1) * chunk); ++i) {
        partial[t] += data[i];  // the bug: a shared cache line written once per element
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  long long total = 0;
  for (const long long sum : partial) total += sum;
  return total;
}
