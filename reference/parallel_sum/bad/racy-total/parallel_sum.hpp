// Known-bad `parallel_sum`: each thread sums its chunk in a local variable, correctly, and
// then adds it to one shared `long long total` with a plain `+=`, without a lock. That
// `+=` is a read, an add and a write: two threads that finish together can both read the
// old total, and one partial sum is lost. Rare in a short run, but a data race:
// ThreadSanitizer reports it every time two threads do it unsynchronised.
#pragma once

#include <cstddef>
#include <span>
#include <thread>
#include <vector>

inline long long parallel_sum(std::span<const int> data, unsigned threads) {
  long long total = 0;
  const std::size_t chunk = data.size() / threads;
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t begin = t * chunk;
    const std::size_t end = t + 1 == threads ? data.size() : begin + chunk;
    workers.emplace_back([&total, data, begin, end] {
      long long sum = 0;
      for (std::size_t i = begin; i < end; ++i) sum += data[i];
      total += sum;  // the bug: a shared variable written by every thread without a lock
    });
  }
  for (std::thread& worker : workers) worker.join();
  return total;
}
