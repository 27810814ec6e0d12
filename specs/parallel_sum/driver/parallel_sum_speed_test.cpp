// Hidden driver of the `parallel_sum` exercise: the speed test (GoogleTest suite `Speed`).
//
// Theory of operation: Speed.Sum10M sums the lecture's 10,000,000 ints at the thread counts
// the harness asks for (grader_driver::SpeedThreads(): GRADER_SPEED_THREADS, e.g. "1,2").
// The input is made untimed from GRADER_SEED, and its sum is computed untimed, serially,
// here. Only the calls of parallel_sum are timed, by grader_driver::MeasureSpeed (one untimed
// warm-up repetition, then GRADER_SPEED_REPS timed ones at each thread count, interleaved,
// each of kCallsPerRepetition calls), which hands the times to the harness. The harness runs
// this same test built from the reference and from the submission, in turn, and judges the
// submission's time at the machine's cores against the reference's (docs/speed.md).
// This test itself only checks that every timed call returned the exact sum and left the
// data unchanged: a fast wrong answer fails. It prints nothing.
#include <grader_driver.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cstddef>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "parallel_sum_adapter.h"
#include "sum_support.h"

namespace {

constexpr std::size_t kLectureSize = 10'000'000;  // the lecture's 10 * 1000 * 1000
// Calls in one timed repetition. One call takes a few milliseconds at 2 threads, which is
// within reach of a thread's start-up delay on a busy machine; a repetition of 8 calls
// averages that delay out instead of letting one late start decide a whole sample.
constexpr int kCallsPerRepetition = 8;

TEST(Speed, Sum10M) {
  std::mt19937_64 rng = sum_support::Rng(sum_support::GraderSeed(), 10);
  // The whole int range: the sum needs 64 bits, and every element matters.
  const std::vector<int> data = sum_support::RandomInts(kLectureSize, INT_MIN, INT_MAX, rng);
  const long long expected = sum_support::SerialSum(data);
  const std::vector<int> original = data;

  // Every call's result is kept, not only the last one's: a call that is wrong only
  // sometimes (a race) must fail too.
  long long first_wrong = expected;
  unsigned first_wrong_threads = 0;
  int calls = 0;
  int wrong_calls = 0;
  // Every call must read every int once: `grader bench` reports the bandwidth that makes.
  grader_driver::MeasureSpeed(
      "sum-10M-x8",
      [&](unsigned threads) {
        for (int call = 0; call < kCallsPerRepetition; ++call) {
          const long long sum =
              parallel_sum_adapter::ParallelSum(std::span<const int>(data), threads);
          ++calls;
          if (sum != expected && wrong_calls++ == 0) {
            first_wrong = sum;
            first_wrong_threads = threads;
          }
        }
      },
      kCallsPerRepetition * kLectureSize * sizeof(int));
  if (wrong_calls > 0) {
    ADD_FAILURE() << "parallel_sum(data, " << first_wrong_threads
                  << ") on 10,000,000 random ints from INT_MIN to INT_MAX returned " << first_wrong
                  << ", expected " << expected << " (wrong in " << wrong_calls << " of " << calls
                  << " calls): speed counts only for the exact sum" << sum_support::RunContext();
  }
  if (data != original) {
    ADD_FAILURE() << "parallel_sum(data, threads) on 10,000,000 ints changed its input; it "
                     "must only read it";
  }
}

}  // namespace
