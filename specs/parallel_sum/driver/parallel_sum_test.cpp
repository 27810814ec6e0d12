// Hidden driver of the `parallel_sum` exercise: exactness (GoogleTest).
//
// Theory of operation: the driver never sees parallel_sum.hpp. It calls the student's
// function only through parallel_sum_adapter.h, which glue/parallel_sum_glue.cpp implements
// per submission, so this file is compiled once per flavor. Every call goes through
// sum_support::CheckedCall, which compares the result with a serial sum computed here and
// checks that the input was left unchanged.
//   ParallelSumBasics       small, readable cases (the same checks as public_test.cpp).
//   ParallelSumEdges        every size 0..40 with every thread count 1..16 (more threads than
//                           elements, sizes not divisible by the thread count), then larger
//                           sizes that most thread counts do not divide.
//   ParallelSumLargeValues  values at and near INT_MAX and INT_MIN: sums and partial sums
//                           beyond 32 bits, chunk sums that overflow int while the total
//                           would fit.
//   ParallelSumStress       GRADER_THREADS threads (default 4) on many seeded random sizes,
//                           and several callers at once; run under ThreadSanitizer (a data
//                           race fails even when the sum is right) and at -O2.
// Randomness comes only from GRADER_SEED, so a failing run repeats with the same seed and
// thread count. Failure messages are read by students: what was called on how much data,
// what came back, what was expected, and what that difference usually means.
#include <gtest/gtest.h>

#include <climits>
#include <cstddef>
#include <cstdint>
#include <latch>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "sum_support.h"

namespace {

using sum_support::CheckedCall;

// Runs CheckedCall and turns a failure into a GoogleTest failure. Returns whether it passed,
// so that loops over many calls stop at the first failure (one clear message, not 600).
// Seeded data: the failure ends with GRADER_SEED (and GRADER_THREADS), to repeat the run.
bool CheckSeeded(const std::vector<int>& data, unsigned threads, const std::string& what) {
  const std::string failure = CheckedCall(data, threads, what);
  if (!failure.empty()) ADD_FAILURE() << failure << sum_support::RunContext();
  return failure.empty();
}

// Fixed data whose sum the test knows.
bool CheckFixed(const std::vector<int>& data, unsigned threads, long long expected,
                const std::string& what) {
  const std::string failure = CheckedCall(data, threads, expected, what);
  if (!failure.empty()) ADD_FAILURE() << failure;
  return failure.empty();
}

std::vector<int> OneToTen() { return {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}; }

// --- Small, readable cases -------------------------------------------------------------
TEST(ParallelSumBasics, EmptyDataSumsToZero) {
  CheckFixed({}, 1, 0, "no data");
  CheckFixed({}, 4, 0, "no data");
}

TEST(ParallelSumBasics, OneElement) {
  CheckFixed({42}, 1, 42, "the single value 42");
  CheckFixed({-7}, 3, -7, "the single value -7");
}

TEST(ParallelSumBasics, OneToTenWithOneThread) { CheckFixed(OneToTen(), 1, 55, "1, 2, ..., 10"); }

TEST(ParallelSumBasics, OneToTenWithSeveralThreads) {
  for (unsigned threads : {2u, 3u, 4u}) {
    if (!CheckFixed(OneToTen(), threads, 55, "1, 2, ..., 10")) break;
  }
}

TEST(ParallelSumBasics, NegativeValues) {
  CheckFixed({5, -3, -10, 8, -1, 0, 7}, 2, 6, "5, -3, -10, 8, -1, 0, 7");
}

// The lecture's data: a list of ones, summed by 8 workers.
TEST(ParallelSumBasics, LectureOnesWithEightThreads) {
  CheckFixed(std::vector<int>(100'000, 1), 8, 100'000, "all ones");
}

// --- Sizes and thread counts -----------------------------------------------------------
constexpr unsigned kMaxThreads = 16;

TEST(ParallelSumEdges, EverySizeUpTo40WithEveryThreadCountUpTo16) {
  std::mt19937_64 rng = sum_support::Rng(sum_support::GraderSeed(), 1);
  for (std::size_t size = 0; size <= 40; ++size) {
    const std::vector<int> data = sum_support::RandomInts(size, -1000, 1000, rng);
    for (unsigned threads = 1; threads <= kMaxThreads; ++threads) {
      if (!CheckSeeded(data, threads, "random ints in [-1000, 1000]")) return;
    }
  }
}

// Sizes next to powers of two, and primes: no thread count from 2 to 16 divides 97.
TEST(ParallelSumEdges, LargerSizesNotDivisibleByThreads) {
  std::mt19937_64 rng = sum_support::Rng(sum_support::GraderSeed(), 2);
  for (std::size_t size : {97u, 1000u, 1023u, 1025u, 4099u, 65'537u}) {
    const std::vector<int> data = sum_support::RandomInts(size, -1'000'000, 1'000'000, rng);
    for (unsigned threads = 1; threads <= kMaxThreads; ++threads) {
      if (!CheckSeeded(data, threads, "random ints in [-1000000, 1000000]")) return;
    }
  }
}

// A function with hidden state (a static total, a cache) fails on the second call.
TEST(ParallelSumEdges, RepeatedCallsAreIndependent) {
  const std::vector<int> first(1000, 3);
  const std::vector<int> second(999, -2);
  for (int round = 0; round < 3; ++round) {
    if (!CheckFixed(first, 4, 3000, "1000 times the value 3, after other calls")) return;
    if (!CheckFixed(second, 4, -1998, "999 times the value -2, after other calls")) return;
  }
}

// --- Values near the limits of int -----------------------------------------------------
TEST(ParallelSumLargeValues, AllIntMax) {
  for (std::size_t size : {2u, 3u, 1000u, 30'001u}) {
    const std::vector<int> data(size, INT_MAX);
    const long long expected = static_cast<long long>(size) * INT_MAX;
    for (unsigned threads : {1u, 2u, 3u, 7u, 16u}) {
      if (!CheckFixed(data, threads, expected, "every value INT_MAX = 2147483647")) return;
    }
  }
}

TEST(ParallelSumLargeValues, AllIntMin) {
  for (std::size_t size : {2u, 5u, 1001u, 30'000u}) {
    const std::vector<int> data(size, INT_MIN);
    const long long expected = static_cast<long long>(size) * INT_MIN;
    for (unsigned threads : {1u, 2u, 4u, 9u, 16u}) {
      if (!CheckFixed(data, threads, expected, "every value INT_MIN = -2147483648")) return;
    }
  }
}

// First half near INT_MAX, second half near INT_MIN: the total is small, but the chunks'
// sums are far beyond int, so an int accumulator is wrong even though the answer would fit.
TEST(ParallelSumLargeValues, ChunkSumsBeyondIntWhileTotalIsSmall) {
  std::mt19937_64 rng = sum_support::Rng(sum_support::GraderSeed(), 3);
  std::uniform_int_distribution<int> below_limit(0, 1000);
  for (std::size_t size : {4u, 1000u, 20'000u}) {
    std::vector<int> data(size);
    for (std::size_t i = 0; i < size; ++i) {
      data[i] = i < size / 2 ? INT_MAX - below_limit(rng) : INT_MIN + below_limit(rng);
    }
    for (unsigned threads : {1u, 2u, 4u, 16u}) {
      const std::string what =
          "the first half within 1000 below INT_MAX, the second within 1000 above INT_MIN";
      if (!CheckSeeded(data, threads, what)) return;
    }
  }
}

TEST(ParallelSumLargeValues, RandomIntsOverTheWholeRange) {
  std::mt19937_64 rng = sum_support::Rng(sum_support::GraderSeed(), 4);
  for (std::size_t size : {10u, 999u, 60'001u}) {
    const std::vector<int> data = sum_support::RandomInts(size, INT_MIN, INT_MAX, rng);
    for (unsigned threads : {1u, 3u, 8u, 16u}) {
      if (!CheckSeeded(data, threads, "random ints from INT_MIN to INT_MAX")) return;
    }
  }
}

// --- GRADER_THREADS threads on many sizes; several callers at once ---------------------
#if defined(__SANITIZE_THREAD__)
constexpr std::size_t kLargeSize = 100'000;  // ThreadSanitizer makes each access slower
#else
constexpr std::size_t kLargeSize = 10'000'000;  // the lecture's size
#endif

TEST(ParallelSumStress, RandomSizesAndValues) {
  const unsigned threads = sum_support::GraderThreads(4);
  std::mt19937_64 rng = sum_support::Rng(sum_support::GraderSeed(), 5);
  std::uniform_int_distribution<std::size_t> small_size(0, 5000);
  for (int round = 0; round < 60; ++round) {
    const std::size_t size = round == 0 ? kLargeSize : small_size(rng);
    const std::vector<int> data = sum_support::RandomInts(size, INT_MIN, INT_MAX, rng);
    if (!CheckSeeded(data, threads, "seeded random ints from INT_MIN to INT_MAX")) return;
  }
}

// parallel_sum keeps no state between calls: callers on other threads, released together,
// each sum the same shared data (which all of them only read) and data of their own.
TEST(ParallelSumStress, SeveralCallersAtOnce) {
  constexpr unsigned kCallers = 3;
  constexpr int kCallsPerCaller = 30;
  const unsigned threads = sum_support::GraderThreads(4);
  std::mt19937_64 rng = sum_support::Rng(sum_support::GraderSeed(), 6);
  const std::vector<int> shared = sum_support::RandomInts(10'000, INT_MIN, INT_MAX, rng);
  const long long shared_sum = sum_support::SerialSum(shared);
  std::vector<std::vector<int>> own(kCallers);
  for (std::vector<int>& data : own) data = sum_support::RandomInts(3'001, -5000, 5000, rng);

  std::latch start(kCallers);
  std::vector<std::string> failures(kCallers);
  std::vector<std::thread> callers;
  for (unsigned c = 0; c < kCallers; ++c) {
    callers.emplace_back([&, c] {
      const long long own_sum = sum_support::SerialSum(own[c]);
      start.arrive_and_wait();
      for (int call = 0; call < kCallsPerCaller && failures[c].empty(); ++call) {
        failures[c] = call % 2 == 0
                          ? CheckedCall(shared, threads, shared_sum,
                                        "data shared with other callers summing it at the "
                                        "same time")
                          : CheckedCall(own[c], threads, own_sum,
                                        "while other callers run parallel_sum on other data");
      }
    });
  }
  for (std::thread& caller : callers) caller.join();
  for (unsigned c = 0; c < kCallers; ++c) {
    if (!failures[c].empty()) {
      ADD_FAILURE() << kCallers << " threads called parallel_sum at the same time; caller " << c
                    << ": " << failures[c] << sum_support::RunContext();
      return;
    }
  }
}

}  // namespace
