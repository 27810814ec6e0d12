// Known-bad `parallel_sum`: one shared std::atomic<long long> total, and every thread adds
// each of its elements to it. The sum is exact and there is no data race, but each `+=` is
// a locked read-modify-write of the one cache line that all cores fight over: the threads
// are slower together than one thread with a plain local sum.
#pragma once

#include <atomic>
#include <cstddef>
#include <span>
#include <thread>
#include <vector>

inline long long parallel_sum(std::span<const int> data, unsigned threads) {
  std::atomic<long long> total{0};
  const std::size_t chunk = data.size() / threads;
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t begin = t * chunk;
    const std::size_t end = t + 1 == threads ? data.size() : begin + chunk;
    workers.emplace_back([&total, data, begin, end] {
      for (std::size_t i = begin; i < end; ++i) total += data[i];  // the bug: once per element
    });
  }
  for (std::thread& worker : workers) worker.join();
  return total.load();
}
