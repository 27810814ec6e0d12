// Hidden driver of `thread_pool`, part 4: the speed test (GoogleTest, release flavor).
//
// Theory of operation: a CPU-bound map() over many items on a pool of P = GRADER_THREADS
// workers (default: the machine's hardware threads). Each call runs a chain of
// multiply-xorshift rounds whose length depends on the item, so the calls are uneven and
// nothing can be computed ahead. The input is drawn from a fixed seed before timing; the
// pool is created before timing too, so only map() is timed (docs/speed.md): once as a
// warm-up, then GRADER_SPEED_REPS times. The results must then equal those the driver
// computes itself, serially: a fast wrong answer fails.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <random>
#include <thread>
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

unsigned SpeedThreads() {
  if (std::getenv("GRADER_THREADS") != nullptr) return GraderThreads();
  const unsigned hardware = std::thread::hardware_concurrency();
  return hardware > 0 ? hardware : 1;
}

TEST(Speed, CpuBoundMap) {
  const unsigned threads = SpeedThreads();
  std::mt19937_64 rng(20240611);
  std::vector<long long> items(kItems);
  for (long long& item : items) item = static_cast<long long>(rng() >> 2);
  std::vector<long long> expected(kItems);
  for (int i = 0; i < kItems; ++i) expected[i] = Churn(items[i]);

  TestPool pool(threads);
  std::vector<long long> results;
  grader_driver::MeasureSpeed("cpu-bound-map", [&] { results = pool.Map(&Churn, items); });

  ASSERT_EQ(results.size(), expected.size())
      << "ThreadPoolExecutor(" << threads << "), map(churn, " << kItems
      << " items): the number of results";
  for (int i = 0; i < kItems; ++i) {
    if (results[i] != expected[i]) {
      ADD_FAILURE() << "ThreadPoolExecutor(" << threads << "), map(churn, " << kItems
                    << " items): result " << i << " is " << results[i] << ", expected "
                    << expected[i] << " (results in the order of the items)";
      return;
    }
  }
}

}  // namespace
}  // namespace pool_test
