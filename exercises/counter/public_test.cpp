// Public tests of the `counter` exercise: build them with CMakeLists.txt (see README.md).
//
// CounterBasics here are the same checks as the graded `basics` test. CounterStressPublic
// are smaller, simpler versions of the hidden stress tests: passing them is a good sign,
// not a guarantee. Build once with -DCOUNTER_TSAN=ON too: a data race is a failure even
// when every number comes out right.
#include <gtest/gtest.h>

#include <cstdlib>
#include <latch>
#include <memory>
#include <thread>
#include <vector>

// Angle brackets: found only through -I (COUNTER_DIR), never next to this file.
#include <counter.hpp>

namespace {

TEST(CounterBasics, StartsAtZero) {
  const Counter counter;
  EXPECT_EQ(counter.value(), 0) << "a new Counter";
}

TEST(CounterBasics, IncrementWithoutArgumentAddsOne) {
  Counter counter;
  counter.increment();
  EXPECT_EQ(counter.value(), 1) << "new Counter, then increment()";
  counter.increment();
  counter.increment();
  EXPECT_EQ(counter.value(), 3) << "new Counter, then increment() three times";
}

TEST(CounterBasics, IncrementAddsItsArgument) {
  Counter counter;
  counter.increment(5);
  EXPECT_EQ(counter.value(), 5) << "new Counter, then increment(5)";
  counter.increment(1);
  counter.increment(0);
  EXPECT_EQ(counter.value(), 6) << "new Counter, then increment(5), increment(1), increment(0)";
}

TEST(CounterBasics, IncrementAcceptsNegativeAmounts) {
  Counter counter;
  counter.increment(5);
  counter.increment(-8);
  EXPECT_EQ(counter.value(), -3) << "new Counter, then increment(5), increment(-8)";
}

TEST(CounterBasics, HoldsValuesBeyondInt) {
  Counter counter;
  counter.increment(3'000'000'000LL);
  counter.increment(3'000'000'000LL);
  EXPECT_EQ(counter.value(), 6'000'000'000LL)
      << "new Counter, then increment(3000000000) twice (is the count a long long?)";
}

TEST(CounterBasics, IncrementIfBelowAddsOneWhileBelowLimit) {
  Counter counter;
  EXPECT_TRUE(counter.increment_if_below(3)) << "new Counter, increment_if_below(3)";
  EXPECT_TRUE(counter.increment_if_below(3)) << "at value 1, increment_if_below(3)";
  EXPECT_TRUE(counter.increment_if_below(3)) << "at value 2, increment_if_below(3)";
  EXPECT_FALSE(counter.increment_if_below(3)) << "at value 3, increment_if_below(3)";
  EXPECT_EQ(counter.value(), 3) << "increment_if_below(3) four times on a new Counter";
}

TEST(CounterBasics, IncrementIfBelowRefusesAtOrAboveLimit) {
  Counter counter;
  counter.increment(7);
  EXPECT_FALSE(counter.increment_if_below(7)) << "at value 7, increment_if_below(7)";
  EXPECT_FALSE(counter.increment_if_below(2)) << "at value 7, increment_if_below(2)";
  EXPECT_TRUE(counter.increment_if_below(8)) << "at value 7, increment_if_below(8)";
  EXPECT_EQ(counter.value(), 8) << "at value 7, after increment_if_below(7), (2) and (8)";
}

TEST(CounterBasics, IncrementIfBelowHandlesZeroAndNegativeLimits) {
  Counter counter;
  EXPECT_FALSE(counter.increment_if_below(0)) << "new Counter, increment_if_below(0)";
  EXPECT_FALSE(counter.increment_if_below(-5)) << "new Counter, increment_if_below(-5)";
  counter.increment(-10);
  EXPECT_TRUE(counter.increment_if_below(-5)) << "at value -10, increment_if_below(-5)";
  EXPECT_EQ(counter.value(), -9) << "at value -10, then increment_if_below(-5)";
}

TEST(CounterBasics, ValueOnConstCounterDoesNotChangeIt) {
  Counter counter;
  counter.increment(42);
  const Counter& read_only = counter;
  EXPECT_EQ(read_only.value(), 42) << "increment(42), then value() through a const Counter&";
  EXPECT_EQ(read_only.value(), 42) << "increment(42), then value() twice";
}

TEST(CounterBasics, CountersAreIndependent) {
  Counter first;
  Counter second;
  first.increment(10);
  second.increment();
  EXPECT_EQ(first.value(), 10) << "is the count a member, not a static or a global?";
  EXPECT_EQ(second.value(), 1) << "is the count a member, not a static or a global?";
}

constexpr unsigned kThreads = 4;

TEST(CounterStressPublic, ExactTotal) {
  constexpr long long kCallsPerThread = 200'000;
  Counter counter;
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      for (long long i = 0; i < kCallsPerThread; ++i) {
        if (i % 2 == 0) {
          counter.increment();
        } else {
          counter.increment(3);
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(counter.value(), kThreads * kCallsPerThread * 2)
      << kThreads << " threads x " << kCallsPerThread
      << " calls alternating increment() and increment(3): increments were lost";
}

// Every thread walks the same row of new counters; on each it calls increment_if_below(limit)
// until that returns false. Each counter must end exactly at its limit.
TEST(CounterStressPublic, IncrementIfBelowNeverOvershoots) {
  constexpr int kCounters = 100'000;
  auto limit_of = [](int i) { return 1 + i % 16; };
  std::unique_ptr<Counter[]> counters(new Counter[kCounters]);
  std::vector<std::vector<int>> successes(kThreads, std::vector<int>(kCounters));
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int i = 0; i < kCounters; ++i) {
        int mine = 0;
        while (mine <= limit_of(i) && counters[i].increment_if_below(limit_of(i))) ++mine;
        successes[t][i] = mine;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int i = 0; i < kCounters; ++i) {
    int total = 0;
    for (unsigned t = 0; t < kThreads; ++t) total += successes[t][i];
    if (counters[i].value() != limit_of(i) || total != limit_of(i)) {
      ADD_FAILURE() << "counter " << i << ": " << kThreads << " threads called increment_if_below("
                    << limit_of(i) << ") until it returned false: value() = " << counters[i].value()
                    << ", " << total << " true returns; expected " << limit_of(i) << " and "
                    << limit_of(i) << " (the check and the addition must be one atomic step)";
      break;
    }
  }
}

}  // namespace
