// Known-bad `parallel_sum`: the lost tail. Every thread sums size / threads elements, so
// when the size is not a multiple of `threads` the last size % threads elements are summed
// by nobody (and with fewer elements than threads, none is).
#pragma once

#include <cstddef>
#include <span>
#include <thread>
#include <vector>

inline long long parallel_sum(std::span<const int> data, unsigned threads) {
  const std::size_t chunk = data.size() / threads;
  std::vector<long long> partial(threads, 0);
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&partial, data, chunk, t] {
      long long sum = 0;
      // The bug: the last thread should run to data.size(), not to (t + 1) * chunk.
      for (std::size_t i = t * chunk; i < (t + 1) * chunk; ++i) sum += data[i];
      partial[t] = sum;
    });
  }
  for (std::thread& worker : workers) worker.join();
  long long total = 0;
  for (const long long sum : partial) total += sum;
  return total;
}
