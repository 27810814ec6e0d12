#pragma once

#include <span>
#include <thread>
#include <vector>

// One slice per thread, each summed into its own slot; the slots are added at the end.
inline long long parallel_sum(std::span<const int> data, unsigned threads) {
  std::vector<long long> sums(threads, 0);
  const std::size_t per_thread = data.size() / threads;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t from = t * per_thread;
    const std::size_t to = t + 1 == threads ? data.size() : from + per_thread;
    std::thread worker([&sums, data, t, from, to] {
      long long sum = 0;
      for (std::size_t i = from; i < to; ++i) sum += data[i];
      sums[t] = sum;
    });
    worker.join();
  }
  long long total = 0;
  for (long long sum : sums) total += sum;
  return total;
}
