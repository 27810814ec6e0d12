// Known-bad `parallel_sum`: a mutex per element. Every thread adds each of its elements to
// one shared total under one std::mutex. The sum is exact and there is no data race, but
// the threads take turns on the lock 10 million times: the work is serialised, and every
// hand-over of the lock between cores costs far more than the addition it protects.
#pragma once

#include <cstddef>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

inline long long parallel_sum(std::span<const int> data, unsigned threads) {
  std::mutex mutex;
  long long total = 0;  // guarded by mutex
  const std::size_t chunk = data.size() / threads;
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t begin = t * chunk;
    const std::size_t end = t + 1 == threads ? data.size() : begin + chunk;
    workers.emplace_back([&, begin, end] {
      for (std::size_t i = begin; i < end; ++i) {
        std::lock_guard<std::mutex> lock(mutex);  // the bug: one lock hold per element
        total += data[i];
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  return total;
}
