// Hidden driver of the `counter` exercise (GoogleTest).
//
// Theory of operation: the driver never sees counter.hpp. It reaches the student's Counter
// only through counter_adapter.h, which glue/counter_glue.cpp implements per submission, so
// this file is compiled once per flavor. CounterBasics checks the single-threaded contract.
// CounterStress runs GRADER_THREADS threads (default 4) at full contention and checks exact
// totals: ExactTotal releases them together with a std::latch; the increment_if_below test
// makes them walk a long row of new counters together (see its comment). A data race in the
// student's code is ThreadSanitizer's to report (tsan flavor); these tests report what the
// race did to the numbers. Randomness comes only from GRADER_SEED, so a failing run can be
// repeated with the same seed and thread count.
//
// Failure messages are read by students: each says what the threads did, what value() was,
// what was expected, and what that usually means.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <latch>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "counter_adapter.h"

namespace {

// Owns one student Counter through the adapter.
class TestCounter {
 public:
  TestCounter() : handle_(counter_adapter::Create()) {}
  ~TestCounter() { counter_adapter::Destroy(handle_); }
  TestCounter(const TestCounter&) = delete;
  TestCounter& operator=(const TestCounter&) = delete;
  void Increment(long long by) { counter_adapter::Increment(handle_, by); }
  void IncrementByDefault() { counter_adapter::IncrementByDefault(handle_); }
  bool IncrementIfBelow(long long limit) {
    return counter_adapter::IncrementIfBelow(handle_, limit);
  }
  long long Value() const { return counter_adapter::Value(handle_); }

 private:
  counter_adapter::Handle* handle_;
};

// A malformed variable is the harness's mistake, not the student's: say so and stop with
// exit status 3 rather than fail a test.
std::uint64_t EnvNumber(const char* name, std::uint64_t fallback, std::uint64_t min,
                        std::uint64_t max) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  std::string_view view(text);
  std::uint64_t number = 0;
  auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), number);
  if (error != std::errc() || end != view.data() + view.size() || number < min || number > max) {
    std::fprintf(stderr, "counter_test: %s='%s' is not a number in [%llu, %llu]\n", name, text,
                 static_cast<unsigned long long>(min), static_cast<unsigned long long>(max));
    std::exit(3);
  }
  return number;
}

unsigned GraderThreads() { return static_cast<unsigned>(EnvNumber("GRADER_THREADS", 4, 1, 256)); }

std::uint64_t GraderSeed() { return EnvNumber("GRADER_SEED", 1, 0, UINT64_MAX); }

// One independent random stream per (seed, stream) pair.
std::mt19937_64 Rng(std::uint64_t seed, std::uint64_t stream) {
  std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                         static_cast<std::uint32_t>(stream), 0x636f756eu};
  return std::mt19937_64(sequence);
}

std::string RunContext(unsigned threads, std::uint64_t seed) {
  return " [GRADER_THREADS=" + std::to_string(threads) + " GRADER_SEED=" + std::to_string(seed) +
         "]";
}

// Fails the test unless counter.value() == expected, with `what` saying what was done.
void ExpectValue(const TestCounter& counter, long long expected, std::string_view what) {
  long long actual = counter.Value();
  if (actual != expected) {
    ADD_FAILURE() << what << ": value() = " << actual << ", expected " << expected;
  }
}

void ExpectResult(bool actual, bool expected, std::string_view what) {
  if (actual != expected) {
    ADD_FAILURE() << what << ": returned " << (actual ? "true" : "false") << ", expected "
                  << (expected ? "true" : "false");
  }
}

// --- Single-threaded contract ---------------------------------------------------------
TEST(CounterBasics, StartsAtZero) {
  TestCounter counter;
  ExpectValue(counter, 0, "a new Counter");
}

TEST(CounterBasics, IncrementWithoutArgumentAddsOne) {
  TestCounter counter;
  counter.IncrementByDefault();
  ExpectValue(counter, 1, "new Counter, then increment()");
  counter.IncrementByDefault();
  counter.IncrementByDefault();
  ExpectValue(counter, 3, "new Counter, then increment() three times");
}

TEST(CounterBasics, IncrementAddsItsArgument) {
  TestCounter counter;
  counter.Increment(5);
  ExpectValue(counter, 5, "new Counter, then increment(5)");
  counter.Increment(1);
  counter.Increment(0);
  ExpectValue(counter, 6, "new Counter, then increment(5), increment(1), increment(0)");
}

TEST(CounterBasics, IncrementAcceptsNegativeAmounts) {
  TestCounter counter;
  counter.Increment(5);
  counter.Increment(-8);
  ExpectValue(counter, -3, "new Counter, then increment(5), increment(-8)");
}

TEST(CounterBasics, HoldsValuesBeyondInt) {
  TestCounter counter;
  counter.Increment(3'000'000'000LL);
  ExpectValue(counter, 3'000'000'000LL, "new Counter, then increment(3000000000) (a long long?)");
  counter.Increment(3'000'000'000LL);
  ExpectValue(counter, 6'000'000'000LL, "new Counter, then increment(3000000000) twice");
}

TEST(CounterBasics, IncrementIfBelowAddsOneWhileBelowLimit) {
  TestCounter counter;
  ExpectResult(counter.IncrementIfBelow(3), true, "new Counter, increment_if_below(3)");
  ExpectValue(counter, 1, "new Counter, then increment_if_below(3)");
  ExpectResult(counter.IncrementIfBelow(3), true, "at value 1, increment_if_below(3)");
  ExpectResult(counter.IncrementIfBelow(3), true, "at value 2, increment_if_below(3)");
  ExpectResult(counter.IncrementIfBelow(3), false, "at value 3, increment_if_below(3)");
  ExpectValue(counter, 3, "new Counter, increment_if_below(3) four times");
}

TEST(CounterBasics, IncrementIfBelowRefusesAtOrAboveLimit) {
  TestCounter counter;
  counter.Increment(7);
  ExpectResult(counter.IncrementIfBelow(7), false, "at value 7, increment_if_below(7)");
  ExpectResult(counter.IncrementIfBelow(2), false, "at value 7, increment_if_below(2)");
  ExpectValue(counter, 7, "at value 7, after increment_if_below(7) and (2)");
  ExpectResult(counter.IncrementIfBelow(8), true, "at value 7, increment_if_below(8)");
  ExpectValue(counter, 8, "at value 7, then increment_if_below(8)");
}

TEST(CounterBasics, IncrementIfBelowHandlesZeroAndNegativeLimits) {
  TestCounter counter;
  ExpectResult(counter.IncrementIfBelow(0), false, "new Counter, increment_if_below(0)");
  ExpectResult(counter.IncrementIfBelow(-5), false, "new Counter, increment_if_below(-5)");
  ExpectValue(counter, 0, "new Counter, after increment_if_below(0) and (-5)");
  counter.Increment(-10);
  ExpectResult(counter.IncrementIfBelow(-5), true, "at value -10, increment_if_below(-5)");
  ExpectValue(counter, -9, "at value -10, then increment_if_below(-5)");
}

TEST(CounterBasics, ValueOnConstCounterDoesNotChangeIt) {
  TestCounter counter;
  counter.Increment(42);
  const TestCounter& read_only = counter;
  ExpectValue(read_only, 42, "increment(42), then value() through a const Counter&");
  ExpectValue(read_only, 42, "increment(42), then value() twice");
}

TEST(CounterBasics, CountersAreIndependent) {
  TestCounter first;
  TestCounter second;
  first.Increment(10);
  second.IncrementByDefault();
  ExpectValue(first, 10, "first.increment(10), second.increment(): first (is the count a member?)");
  ExpectValue(second, 1, "first.increment(10), second.increment(): second (a member count?)");
}

// --- Many threads ---------------------------------------------------------------------
// Each thread calls increment() or increment(by) (a coin flip each time) for kStressTime
// or kMaxCallsPerThread calls. A time bound keeps the threads overlapping long after the
// tens of microseconds by which their starts differ, whatever one call costs.
constexpr std::chrono::milliseconds kStressTime{250};
#if defined(__SANITIZE_THREAD__)
constexpr long long kMaxCallsPerThread = 500'000;
#else
constexpr long long kMaxCallsPerThread = 5'000'000;
#endif
constexpr long long kMinBy = 2;
constexpr long long kMaxBy = 9;
// One value() call (and one clock read) every kReadEvery calls, so reads race with writes.
constexpr long long kReadEvery = 64;

TEST(CounterStress, ExactTotal) {
  const unsigned threads = GraderThreads();
  const std::uint64_t seed = GraderSeed();
  TestCounter counter;
  std::latch start(threads);
  std::vector<long long> added(threads, 0);
  std::vector<long long> calls(threads, 0);
  std::vector<std::string> problems(threads);  // each thread's first impossible value()

  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::mt19937_64 rng = Rng(seed, t);
      std::uniform_int_distribution<long long> amount(kMinBy, kMaxBy);
      long long mine = 0;  // what this thread added so far
      long long call = 0;
      start.arrive_and_wait();
      const auto deadline = std::chrono::steady_clock::now() + kStressTime;
      for (long long last_seen = 0;;) {
        const long long by = (rng() & 1) ? 1 : amount(rng);
        by == 1 ? counter.IncrementByDefault() : counter.Increment(by);
        mine += by;
        if (++call % kReadEvery != 0) continue;
        const long long seen = counter.Value();
        if (problems[t].empty() && (seen < last_seen || seen < mine)) {
          problems[t] = "thread " + std::to_string(t) + " read value() = " + std::to_string(seen) +
                        " after reading " + std::to_string(last_seen) + " and adding " +
                        std::to_string(mine) +
                        " itself; with only positive amounts added it may never go down or "
                        "below one thread's own additions (an increment was overwritten)";
        }
        last_seen = seen;
        if (call >= kMaxCallsPerThread || std::chrono::steady_clock::now() >= deadline) break;
      }
      added[t] = mine;
      calls[t] = call;
    });
  }
  for (std::thread& worker : workers) worker.join();

  long long expected = 0;
  long long all_calls = 0;
  for (unsigned t = 0; t < threads; ++t) {
    expected += added[t];
    all_calls += calls[t];
  }
  const long long actual = counter.Value();
  if (actual != expected) {
    ADD_FAILURE() << threads << " threads, started together, made " << all_calls
                  << " calls in all of increment() and increment(by) (by " << kMinBy << ".."
                  << kMaxBy << ") on one Counter: value() = " << actual << ", expected " << expected
                  << (actual < expected ? " (increments were lost: is every access to the count "
                                          "protected by the same mutex, or atomic?)"
                                        : " (more than was added: is an amount added twice?)")
                  << RunContext(threads, seed);
  } else {
    for (const std::string& problem : problems) {
      if (!problem.empty()) {
        ADD_FAILURE() << problem << RunContext(threads, seed);
        break;
      }
    }
  }
  RecordProperty("calls", static_cast<int>(std::min<long long>(all_calls, 2'000'000'000)));
}

// One round is one new Counter with a small random limit, on which every thread calls
// increment_if_below(limit) until it returns false. A check-then-act increment_if_below only
// overshoots when two threads check in the last step below the limit, so the test plays
// very many short rounds: all threads walk the same row of new counters, in the same order
// (a thread that gets false moves on faster, so the threads keep meeting). The row comes in
// batches in two slots: while the workers walk one, this thread checks and refills the
// other. No barrier between batches: a thread woken from one starts tens of microseconds
// late, long enough for another to walk a short batch alone. The walk stops after the first
// failed batch, after kMaxCounters counters or after kWalkBudget, whichever comes first.
constexpr int kBatchSize = 4096;
constexpr long long kMinLimit = 1;
constexpr long long kMaxLimit = 16;
#if defined(__SANITIZE_THREAD__)
constexpr long long kMaxCounters = 300'000;
#else
constexpr long long kMaxCounters = 3'000'000;
#endif
constexpr std::chrono::milliseconds kWalkBudget{1'500};

struct WalkBatch {
  std::deque<TestCounter> counters;         // kBatchSize new counters
  std::vector<long long> limits;            // the limit used on each
  std::vector<std::vector<int>> successes;  // [thread][counter]: true returns
};

void RefillBatch(WalkBatch& batch, unsigned threads, std::mt19937_64& rng) {
  std::uniform_int_distribution<long long> limit_of(kMinLimit, kMaxLimit);
  batch.counters.clear();
  batch.limits.resize(kBatchSize);
  batch.successes.assign(threads, std::vector<int>(kBatchSize, 0));
  for (int i = 0; i < kBatchSize; ++i) {
    batch.counters.emplace_back();
    batch.limits[i] = limit_of(rng);
  }
}

// Empty when every counter of the batch ended exactly at its limit with exactly that many
// true returns; otherwise what went wrong on the first one that did not. `first` is the
// number of the batch's first counter in the whole walk (1-based).
std::string CheckBatch(const WalkBatch& batch, long long first, unsigned threads) {
  for (int i = 0; i < kBatchSize; ++i) {
    const long long limit = batch.limits[i];
    long long total = 0;
    for (unsigned t = 0; t < threads; ++t) total += batch.successes[t][i];
    const long long actual = batch.counters[i].Value();
    if (actual == limit && total == limit) continue;
    const char* why =
        actual > limit   ? "the limit was overshot: checking value() < limit and adding 1 must be "
                           "one atomic step, under one lock hold or a compare_exchange loop"
        : total > actual ? "more true returns than the count grew: increments were lost, is "
                           "every access to the count protected?"
        : total < actual ? "the count grew more than the true returns: does each add exactly 1?"
                         : "it returned false while the count was still below the limit";
    std::ostringstream text;
    text << "counter " << first + i << " of the test: " << threads
         << " threads called increment_if_below(" << limit
         << ") on the same new Counter, each until it returned false: value() = " << actual
         << " and " << total << " calls returned true; expected value() = " << limit
         << " and exactly " << limit << " true returns (" << why << ")";
    return text.str();
  }
  return "";
}

TEST(CounterStress, IncrementIfBelowNeverOvershoots) {
  const unsigned threads = GraderThreads();
  const std::uint64_t seed = GraderSeed();
  std::mt19937_64 rng = Rng(seed, threads + 1000);

  // Batch b lives in slots[b % 2]. This thread fills it, then publishes it by raising
  // `ready` above b; worker t raises done[t] above b once it has walked it.
  WalkBatch slots[2];
  std::atomic<int> ready{0};
  std::vector<std::atomic<int>> done(threads);
  std::atomic<bool> stop{false};

  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int b = 0;; ++b) {
        for (int published = ready.load(); published <= b; published = ready.load())
          ready.wait(published);
        if (stop.load()) return;
        WalkBatch& batch = slots[b % 2];
        for (int i = 0; i < kBatchSize; ++i) {
          TestCounter& counter = batch.counters[i];
          const long long limit = batch.limits[i];
          int mine = 0;
          // More than `limit` successes in one thread is already wrong; stopping there
          // keeps an increment_if_below that always returns true from looping forever.
          while (mine <= limit && counter.IncrementIfBelow(limit)) ++mine;
          batch.successes[t][i] = mine;
        }
        done[t].store(b + 1);
        done[t].notify_all();
      }
    });
  }

  const auto start = std::chrono::steady_clock::now();
  RefillBatch(slots[0], threads, rng);
  RefillBatch(slots[1], threads, rng);
  ready.store(2);
  ready.notify_all();
  long long walked = 0;
  std::string failure;
  for (int b = 0;; ++b) {
    for (std::atomic<int>& finished : done) {
      for (int seen = finished.load(); seen <= b; seen = finished.load()) finished.wait(seen);
    }
    failure = CheckBatch(slots[b % 2], walked + 1, threads);
    walked += kBatchSize;
    if (!failure.empty() || walked >= kMaxCounters ||
        std::chrono::steady_clock::now() - start >= kWalkBudget) {
      break;
    }
    RefillBatch(slots[b % 2], threads, rng);
    ready.store(b + 3);
    ready.notify_all();
  }
  stop.store(true);
  ready.fetch_add(1);
  ready.notify_all();
  for (std::thread& worker : workers) worker.join();

  RecordProperty("counters", static_cast<int>(walked));
  if (!failure.empty()) ADD_FAILURE() << failure << RunContext(threads, seed);
}

}  // namespace
