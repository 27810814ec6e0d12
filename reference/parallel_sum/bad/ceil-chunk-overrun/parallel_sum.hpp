// Known-bad `parallel_sum`: chunks of ceil(size / threads) elements, without clamping the
// last ones to the end of the data. With 10 elements and 4 threads the chunks are 3 long
// and the last thread reads data[9], data[10] and data[11]: two ints past the end of the
// array (and with fewer elements than threads, threads start beyond the end). Reading them
// is undefined behaviour; AddressSanitizer stops at the first one.
#pragma once

#include <cstddef>
#include <span>
#include <thread>
#include <vector>

inline long long parallel_sum(std::span<const int> data, unsigned threads) {
  const std::size_t chunk = (data.size() + threads - 1) / threads;
  std::vector<long long> partial(threads, 0);
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&partial, data, chunk, t] {
      long long sum = 0;
      // The bug: the end should be std::min((t + 1) * chunk, data.size()).
      for (std::size_t i = t * chunk; i < (t + 1) * chunk; ++i) sum += data[i];
      partial[t] = sum;
    });
  }
  for (std::thread& worker : workers) worker.join();
  long long total = 0;
  for (const long long sum : partial) total += sum;
  return total;
}
