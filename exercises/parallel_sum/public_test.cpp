// Public tests of the `parallel_sum` exercise: build them with CMakeLists.txt (see README.md).
//
// ParallelSumBasics here are the same checks as the graded `basics` test. The other suites
// are smaller, simpler versions of the hidden tests: passing them is a good sign, not a
// guarantee. Build once with -DPARALLEL_SUM_TSAN=ON too: a data race is a failure even when
// every sum comes out right. ParallelSumSpeedPublic.PrintsSpeedup prints your speedup over a
// plain loop; it fails only on a wrong sum, because a time measured once is too noisy to
// judge (the grader measures many times, alternating with the reference).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <latch>
#include <numeric>
#include <random>
#include <span>
#include <string>
#include <thread>
#include <vector>

// Angle brackets: found only through -I (PARALLEL_SUM_DIR), never next to this file.
#include <parallel_sum.hpp>

namespace {

// The exact sum, serially, in 64 bits (note the 0LL: with 0 it would be summed in int).
long long SerialSum(std::span<const int> data) {
  return std::accumulate(data.begin(), data.end(), 0LL);
}

std::string Call(std::size_t size, unsigned threads) {
  return "parallel_sum(data, " + std::to_string(threads) + ") on " + std::to_string(size) + " ints";
}

std::vector<int> OneToTen() { return {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}; }

TEST(ParallelSumBasics, EmptyDataSumsToZero) {
  const std::vector<int> data;
  EXPECT_EQ(parallel_sum(data, 1), 0) << Call(0, 1);
  EXPECT_EQ(parallel_sum(data, 4), 0) << Call(0, 4);
}

TEST(ParallelSumBasics, OneElement) {
  EXPECT_EQ(parallel_sum(std::vector<int>{42}, 1), 42) << Call(1, 1) << ": the value 42";
  EXPECT_EQ(parallel_sum(std::vector<int>{-7}, 3), -7) << Call(1, 3) << ": the value -7";
}

TEST(ParallelSumBasics, OneToTenWithOneThread) {
  EXPECT_EQ(parallel_sum(OneToTen(), 1), 55) << Call(10, 1) << ": 1, 2, ..., 10";
}

TEST(ParallelSumBasics, OneToTenWithSeveralThreads) {
  for (unsigned threads : {2u, 3u, 4u}) {
    EXPECT_EQ(parallel_sum(OneToTen(), threads), 55) << Call(10, threads) << ": 1, 2, ..., 10";
  }
}

TEST(ParallelSumBasics, NegativeValues) {
  const std::vector<int> data{5, -3, -10, 8, -1, 0, 7};
  EXPECT_EQ(parallel_sum(data, 2), 6) << Call(data.size(), 2) << ": 5, -3, -10, 8, -1, 0, 7";
}

// The lecture's data: a list of ones, summed by 8 workers.
TEST(ParallelSumBasics, LectureOnesWithEightThreads) {
  const std::vector<int> data(100'000, 1);
  EXPECT_EQ(parallel_sum(data, 8), 100'000) << Call(data.size(), 8) << ": all ones";
}

// Every size 0..20 with every thread count 1..8: more threads than elements, and sizes that
// threads do not divide.
TEST(ParallelSumEdgesPublic, SmallSizesWithEveryThreadCount) {
  for (std::size_t size = 0; size <= 20; ++size) {
    std::vector<int> data(size);
    std::iota(data.begin(), data.end(), 1);  // 1, 2, ..., size
    for (unsigned threads = 1; threads <= 8; ++threads) {
      ASSERT_EQ(parallel_sum(data, threads), SerialSum(data))
          << Call(size, threads) << ": 1, 2, ..., " << size
          << " (is every element summed exactly once, including the last size % threads?)";
    }
  }
}

TEST(ParallelSumLargeValuesPublic, SumBeyondInt) {
  const std::vector<int> data(1001, INT_MAX);
  for (unsigned threads : {1u, 2u, 4u}) {
    EXPECT_EQ(parallel_sum(data, threads), 1001LL * INT_MAX)
        << Call(data.size(), threads) << ": every value INT_MAX (is a partial sum an int?)";
  }
}

TEST(ParallelSumStressPublic, SeveralCallersAtOnce) {
  constexpr unsigned kCallers = 3;
  std::vector<int> data(50'000);
  std::iota(data.begin(), data.end(), -20'000);
  const long long expected = SerialSum(data);
  std::latch start(kCallers);
  std::vector<long long> results(kCallers * 10);
  std::vector<std::thread> callers;
  for (unsigned c = 0; c < kCallers; ++c) {
    callers.emplace_back([&, c] {
      start.arrive_and_wait();
      for (unsigned call = 0; call < 10; ++call) results[c * 10 + call] = parallel_sum(data, 4);
    });
  }
  for (std::thread& caller : callers) caller.join();
  for (long long result : results) {
    ASSERT_EQ(result, expected) << kCallers << " threads each called " << Call(data.size(), 4)
                                << " 10 times at once (is there a global or static total?)";
  }
}

// The lecture's size. Prints the time of a plain loop and of parallel_sum at every thread
// count up to the machine's, each the best of 9 calls.
TEST(ParallelSumSpeedPublic, PrintsSpeedup) {
  std::vector<int> data(10'000'000);
  std::mt19937 rng(1);
  std::uniform_int_distribution<int> value(INT_MIN, INT_MAX);
  for (int& element : data) element = value(rng);
  const long long expected = SerialSum(data);

  auto best_of_9 = [](auto&& body) {
    double best = 1e300;
    for (int rep = 0; rep < 9; ++rep) {
      const auto start = std::chrono::steady_clock::now();
      body();
      const std::chrono::duration<double, std::milli> took =
          std::chrono::steady_clock::now() - start;
      best = std::min(best, took.count());
    }
    return best;
  };
  long long serial = 0;
  const double serial_ms = best_of_9([&] { serial = SerialSum(data); });
  ASSERT_EQ(serial, expected);
  std::printf("    plain loop, one thread: %7.2f ms\n", serial_ms);
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned threads = 1; threads <= cores; ++threads) {
    long long sum = 0;
    const double ms = best_of_9([&] { sum = parallel_sum(data, threads); });
    ASSERT_EQ(sum, expected) << Call(data.size(), threads) << ": random ints";
    std::printf("    parallel_sum(data, %2u): %7.2f ms, speedup %.2f over the plain loop\n",
                threads, ms, serial_ms / ms);
  }
}

}  // namespace
