// Hidden driver of `process_pool`, the speed test (GoogleTest, release flavor).
//
// Theory of operation: process_map over CPU-bound items with t worker processes, for each
// count t the harness asks for (grader_driver::SpeedThreads(): GRADER_SPEED_THREADS). Each
// item is a dependent chain of multiply-xorshift rounds whose length depends on the item
// (about 3 ms of CPU on average), so the items are uneven and nothing can be computed
// ahead; its result is the chain's end as text. Items are drawn from a fixed seed before timing, so only process_map is timed
// (docs/speed.md): once as a warm-up, then GRADER_SPEED_REPS times at each count,
// interleaved. Every call's results must equal those the driver computes itself: a fast
// wrong answer fails. The fork of t workers per call is part of the timed work, as it is for
// the reference.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <grader_driver.h>

#include "process_pool_driver.h"

namespace process_pool_driver {
namespace {

constexpr std::size_t kItems = 32;
// Rounds per item: kMinRounds + (seed % kRoundSpread), about 1.5 million on average.
constexpr std::uint64_t kMinRounds = 1'000'000;
constexpr std::uint64_t kRoundSpread = 1'000'000;

std::string Churn(const std::string& item) {
  std::uint64_t x = std::stoull(item);
  const std::uint64_t rounds = kMinRounds + x % kRoundSpread;
  for (std::uint64_t round = 0; round < rounds; ++round) {
    x ^= x >> 31;
    x *= 0x9e3779b97f4a7c15ULL;
    x ^= x << 17;
  }
  return std::to_string(x);
}

TEST(Speed, CpuBoundMap) {
  std::mt19937_64 rng(20261126);
  std::vector<std::string> items(kItems);
  for (std::string& item : items) item = std::to_string(rng() >> 1);
  std::vector<std::string> expected;
  for (const std::string& item : items) expected.push_back(Churn(item));

  // The worker processes start inside each timed call, on the CPUs the call has.
  std::string problem;
  grader_driver::MeasureSpeed("cpu-bound-process-map", [&](unsigned processes) {
    const Outcome outcome = Map(&Churn, items, processes);
    if (problem.empty()) {
      problem = CompareResults(
          outcome, expected, CallText(kItems, processes) + " where f is CPU-bound (a few ms each)");
    }
  });
  EXPECT_TRUE(problem.empty()) << problem;
}

}  // namespace
}  // namespace process_pool_driver
