// Known-bad `parallel_sum`: serial in disguise. It splits the data into `threads` chunks
// and gives each chunk its own std::thread, but joins each thread right after starting it,
// so the next one starts only when the previous one has finished: one thread works at a
// time. The sum is exact; the time is the one-thread time (plus thread starts) at every
// thread count.
#pragma once

#include <cstddef>
#include <span>
#include <thread>

inline long long parallel_sum(std::span<const int> data, unsigned threads) {
  const std::size_t chunk = data.size() / threads;
  long long total = 0;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t begin = t * chunk;
    const std::size_t end = t + 1 == threads ? data.size() : begin + chunk;
    long long partial = 0;
    std::thread worker([&partial, data, begin, end] {
      for (std::size_t i = begin; i < end; ++i) partial += data[i];
    });
    worker.join();  // the bug: waits for this chunk before the next thread starts
    total += partial;
  }
  return total;
}
