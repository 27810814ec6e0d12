// Hidden driver of `thread_pool`, part 4: the speed test (GoogleTest, release flavor).
//
// Theory of operation: a CPU-bound map() over many items on a pool of t workers, for each
// thread count t the harness asks for (grader_driver::SpeedThreads(): GRADER_SPEED_THREADS,
// e.g. "1,2"). Each call runs a chain of multiply-xorshift rounds whose length depends on
// the item, so the calls are uneven and nothing can be computed ahead. The input is drawn
// from a fixed seed before timing; the pools are created before timing too, each on the CPUs
// its map() will be timed on (grader_driver::FirstCpus), so only map() is timed
// (docs/speed.md): once as a warm-up, then GRADER_SPEED_REPS times at each count,
// interleaved. The results must then equal those the driver computes itself, serially: a
// fast wrong answer fails.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <vector>

#include <grader_driver.h>

#include "pool_support.h"

namespace pool_test {
namespace {

constexpr int kItems = 4096;
// Rounds per call: kMinRounds + (item % kRoundSpread), about 7500 on average.
constexpr std::uint64_t kMinRounds = 5000;
constexpr std::uint64_t kRoundSpread = 5000;

// The work of one item: a dependent chain of rounds, so the compiler cannot shorten it.
long long Churn(const long long& item) {
  std::uint64_t x = static_cast<std::uint64_t>(item);
  const std::uint64_t rounds = kMinRounds + x % kRoundSpread;
  for (std::uint64_t round = 0; round < rounds; ++round) {
    x ^= x >> 31;
    x *= 0x9e3779b97f4a7c15ULL;
    x ^= x << 17;
  }
  return static_cast<long long>(x >> 1);
}

TEST(Speed, CpuBoundMap) {
  std::mt19937_64 rng(20240611);
  std::vector<long long> items(kItems);
  for (long long& item : items) item = static_cast<long long>(rng() >> 2);
  std::vector<long long> expected(kItems);
  for (int i = 0; i < kItems; ++i) expected[i] = Churn(items[i]);

  // One pool per thread count, its workers started on the CPUs its calls will have.
  std::map<unsigned, std::unique_ptr<TestPool>> pools;
  for (unsigned threads : grader_driver::SpeedThreads()) {
    grader_driver::FirstCpus cpus(threads);
    pools[threads] = std::make_unique<TestPool>(threads);
  }
  unsigned wrong_threads = 0;
  std::vector<long long> wrong;
  grader_driver::MeasureSpeed("cpu-bound-map", [&](unsigned threads) {
    std::vector<long long> results = pools.at(threads)->Map(&Churn, items);
    if (results != expected && wrong_threads == 0) {
      wrong_threads = threads;
      wrong = std::move(results);
    }
  });
  if (wrong_threads == 0) return;
  ASSERT_EQ(wrong.size(), expected.size())
      << "ThreadPoolExecutor(" << wrong_threads << "), map(churn, " << kItems
      << " items): the number of results";
  for (int i = 0; i < kItems; ++i) {
    if (wrong[i] != expected[i]) {
      ADD_FAILURE() << "ThreadPoolExecutor(" << wrong_threads << "), map(churn, " << kItems
                    << " items): result " << i << " is " << wrong[i] << ", expected "
                    << expected[i] << " (results in the order of the items)";
      return;
    }
  }
}

}  // namespace
}  // namespace pool_test
