#include "timing/copy_bandwidth.h"

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <barrier>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

namespace grader {
namespace {

// Restricts the calling thread to `cpu`. Best effort: a CPU that went away leaves it free.
void PinTo(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

}  // namespace

CopyBandwidth MeasureCopyBandwidth(std::size_t bytes, unsigned threads, int repetitions,
                                   const std::vector<int>& cpus) {
  threads = std::max(threads, 1u);
  repetitions = std::max(repetitions, 1);
  const std::size_t words = std::max<std::size_t>(bytes / sizeof(std::uint64_t), 1);
  std::vector<std::uint64_t> source(words), target(words, 0);
  for (std::size_t i = 0; i < words; ++i) source[i] = i * 0x9e3779b97f4a7c15ULL;

  // Every round: the main thread and the helpers meet at `start`, copy, meet at `done`.
  std::barrier start(static_cast<std::ptrdiff_t>(threads));
  std::barrier done(static_cast<std::ptrdiff_t>(threads));
  // Round 0 is the warm-up (caches, the threads' first run) and is not timed.
  auto share = [&](unsigned t) {
    const std::size_t begin = words * t / threads;
    const std::size_t end = words * (t + 1) / threads;
    std::memcpy(target.data() + begin, source.data() + begin,
                (end - begin) * sizeof(std::uint64_t));
  };
  std::vector<std::jthread> helpers;
  for (unsigned t = 1; t < threads; ++t) {
    helpers.emplace_back([&, t] {
      if (!cpus.empty()) PinTo(cpus[t % cpus.size()]);
      for (int round = 0; round <= repetitions; ++round) {
        start.arrive_and_wait();
        share(t);
        done.arrive_and_wait();
      }
    });
  }
  // The calling thread takes share 0; its own affinity is put back afterwards.
  cpu_set_t own;
  const bool pinned =
      !cpus.empty() && pthread_getaffinity_np(pthread_self(), sizeof(own), &own) == 0;
  if (pinned) PinTo(cpus[0]);
  CopyBandwidth result;
  for (int round = 0; round <= repetitions; ++round) {
    start.arrive_and_wait();
    const auto begin = std::chrono::steady_clock::now();
    share(0);
    done.arrive_and_wait();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    if (round > 0 && (result.seconds == 0 || seconds < result.seconds)) result.seconds = seconds;
  }
  if (pinned) pthread_setaffinity_np(pthread_self(), sizeof(own), &own);
  // Keep the copy observable so that it cannot be optimised away.
  volatile std::uint64_t sink = target[words / 2];
  (void)sink;
  result.bytes_per_second = 2.0 * static_cast<double>(words * sizeof(std::uint64_t)) /
                            std::max(result.seconds, 1e-12);
  return result;
}

}  // namespace grader
