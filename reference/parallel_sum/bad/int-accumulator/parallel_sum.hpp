// Known-bad `parallel_sum`: std::accumulate(first, last, 0) sums in the type of its initial
// value, `0`, an int, not in the long long the result is stored in. Each chunk's sum
// overflows int as soon as it passes 2,147,483,647: undefined behaviour, which
// UndefinedBehaviorSanitizer stops at, and in an optimised build a sum wrapped modulo 2^32.
#pragma once

#include <cstddef>
#include <numeric>
#include <span>
#include <thread>
#include <vector>

inline long long parallel_sum(std::span<const int> data, unsigned threads) {
  const std::size_t chunk = data.size() / threads;
  std::vector<long long> partial(threads, 0);
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t begin = t * chunk;
    const std::size_t end = t + 1 == threads ? data.size() : begin + chunk;
    workers.emplace_back([&partial, data, begin, end, t] {
      // The bug: the 0 makes the accumulator an int; 0LL would make it a long long.
      partial[t] = std::accumulate(data.begin() + begin, data.begin() + end, 0);
    });
  }
  for (std::thread& worker : workers) worker.join();
  long long total = 0;
  for (const long long sum : partial) total += sum;
  return total;
}
