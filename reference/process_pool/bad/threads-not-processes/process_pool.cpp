// The lecture's thread version: one std::thread per "worker" instead of a forked process.
// In C++ threads do run in parallel and the results come out right, but f runs in the
// caller's process: it shares the caller's memory, and a crash in f kills the caller.
#include "process_pool.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>

std::vector<std::string> process_map(const std::function<std::string(const std::string&)>& f,
                                     const std::vector<std::string>& items, unsigned processes) {
  if (processes == 0) throw std::invalid_argument("process_map: processes must be positive");
  const std::size_t count = std::min<std::size_t>(processes, items.size());
  std::vector<std::string> results(items.size());
  std::mutex mutex;
  std::string failure;  // guarded by mutex
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < count; ++k) {
    threads.emplace_back([&, k] {
      for (std::size_t i = k; i < items.size(); i += count) {
        try {
          results[i] = f(items[i]);
        } catch (const std::exception& error) {
          std::lock_guard<std::mutex> lock(mutex);
          failure = "f threw on item " + std::to_string(i) + ": " + error.what();
          return;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  if (!failure.empty()) throw ChildProcessError("process_map: " + failure);
  return results;
}
