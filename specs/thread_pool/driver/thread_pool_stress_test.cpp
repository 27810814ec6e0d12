// Hidden driver of `thread_pool`, part 3: exceptions, map's order, many submitting threads
// and move-only tasks, each with many tasks on GRADER_THREADS workers (GoogleTest).
//
// Theory of operation: tasks write their results into plain (non-atomic) memory that the
// submitting thread reads after future::get() returned, and return values that depend on
// the task, so that ThreadSanitizer (tsan flavor) checks that get() really happens after the
// task, and the checks see any result delivered to the wrong future. Sleeps and their
// lengths come from GRADER_SEED, so that tasks finish in an order other than the one they
// were submitted in, and a failing run can be repeated with the same seed and thread count.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <latch>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "pool_support.h"

namespace pool_test {
namespace {

using std::chrono::microseconds;

// What a task of the exception test does, chosen per task from the seed.
enum class Outcome { kValue, kRuntimeError, kOutOfRange, kTaskFailure, kInt, kCount };

std::string ExpectedOutcome(Outcome outcome, long long task) {
  const std::string name = "task " + std::to_string(task);
  switch (outcome) {
    case Outcome::kValue: return "the value " + std::to_string(task * 7);
    case Outcome::kRuntimeError: return "std::runtime_error(\"" + name + "\")";
    case Outcome::kOutOfRange: return "std::out_of_range(\"" + name + "\")";
    case Outcome::kTaskFailure: return "TaskFailure(code " + std::to_string(task) + ")";
    case Outcome::kInt: return "int " + std::to_string(task);
    case Outcome::kCount: break;
  }
  return "?";
}

long long RunOutcome(Outcome outcome, long long task) {
  const std::string name = "task " + std::to_string(task);
  switch (outcome) {
    case Outcome::kValue: return task * 7;
    case Outcome::kRuntimeError: throw std::runtime_error(name);
    case Outcome::kOutOfRange: throw std::out_of_range(name);
    case Outcome::kTaskFailure: throw TaskFailure(task);
    case Outcome::kInt: throw static_cast<int>(task);
    case Outcome::kCount: break;
  }
  return -1;
}

// --- Exceptions -------------------------------------------------------------------------

TEST(Exceptions, ReachFutureGet) {
  const unsigned max_workers = GraderThreads();
  const int tasks = 50 * static_cast<int>(max_workers);
  std::mt19937_64 rng = Rng(GraderSeed(), 1);
  std::uniform_int_distribution<int> outcome_of(0, static_cast<int>(Outcome::kCount) - 1);
  std::uniform_int_distribution<int> sleep_of(0, 200);
  TestPool pool(max_workers);
  std::vector<Outcome> outcomes(tasks);
  std::vector<std::future<long long>> futures;
  for (int i = 0; i < tasks; ++i) {
    outcomes[i] = static_cast<Outcome>(outcome_of(rng));
    const microseconds pause(sleep_of(rng));
    futures.push_back(pool.Submit([outcome = outcomes[i], pause, i] {
      std::this_thread::sleep_for(pause);
      return RunOutcome(outcome, i);
    }));
  }
  for (int i = 0; i < tasks; ++i) {
    const std::string expected = ExpectedOutcome(outcomes[i], i);
    std::string actual;
    if (!futures[i].valid()) {
      actual = "an invalid future (no shared state)";
    } else {
      try {
        actual = "the value " + std::to_string(futures[i].get());
      } catch (...) {
        actual = DescribeCurrentException();
      }
    }
    if (actual != expected) {
      ADD_FAILURE() << "ThreadPoolExecutor(" << max_workers << "), " << tasks
                    << " tasks, each returning a value or throwing std::runtime_error, "
                       "std::out_of_range, TaskFailure (derived from std::exception) or an "
                       "int: task "
                    << i << "'s get() gave " << actual << ", expected " << expected
                    << " (get() must return the task's value or rethrow the very exception "
                       "it threw, same type and message)"
                    << RunContext();
      return;
    }
  }
}

TEST(Exceptions, MapThrowsFirstInOrderAfterAllCalls) {
  // Item 1 throws late, item 2 at once: map() must throw item 1's exception, the first in
  // the order of the items, not the first in time. The other calls take 2 ms each, enough
  // of them that many are still to come when item 1 throws.
  const unsigned max_workers = GraderThreads();
  const long long items_count = 20 * static_cast<long long>(max_workers) + 3;
  constexpr long long kFirstBad = 1;
  constexpr long long kSecondBad = 2;
  // Declared before the pool: they outlive calls that a map() returning too early left
  // running (the pool's destructor waits for them).
  std::vector<long long> items;
  for (long long i = 0; i < items_count; ++i) items.push_back(i);
  std::atomic<int> finished{0};
  const std::function<long long(const long long&)> f = [&](const long long& item) -> long long {
    if (item == kFirstBad) {
      std::this_thread::sleep_for(milliseconds(30));
      throw std::range_error("item " + std::to_string(item));
    }
    if (item == kSecondBad) throw std::domain_error("item " + std::to_string(item));
    std::this_thread::sleep_for(milliseconds(2));
    finished.fetch_add(1);
    return item;
  };
  TestPool pool(max_workers);
  int unfinished_at_throw = 0;
  const std::string scenario =
      "ThreadPoolExecutor(" + std::to_string(max_workers) + "), map(f, {0, 1, ..., " +
      std::to_string(items_count - 1) + "}) where f(" + std::to_string(kFirstBad) +
      ") throws std::range_error after 30 ms, f(" + std::to_string(kSecondBad) +
      ") throws std::domain_error at once, and every other call takes 2 ms";
  std::string thrown;
  try {
    pool.Map(f, items);
    thrown = "nothing (it returned normally)";
  } catch (...) {
    unfinished_at_throw = static_cast<int>(items_count - 2) - finished.load();
    thrown = DescribeCurrentException();
  }
  const std::string expected = "std::range_error(\"item " + std::to_string(kFirstBad) + "\")";
  if (thrown != expected) {
    ADD_FAILURE() << scenario << ": map threw " << thrown << ", expected " << expected
                  << " (the exception of the first item, in the order of the items, whose "
                     "call threw, as when the results are read in order)"
                  << RunContext();
  }
  if (unfinished_at_throw > 0) {
    ADD_FAILURE() << scenario << ": map threw while " << unfinished_at_throw << " of the "
                  << items_count - 2
                  << " calls that return normally had not finished (or not even started); map "
                     "must call f on every item, and return or throw only once all of its "
                     "calls have finished: they use f and items by reference, which the caller "
                     "may destroy as soon as map is done"
                  << RunContext();
  }
}

// --- map's order ------------------------------------------------------------------------

TEST(MapOrder, ResultsInItemOrder) {
  const unsigned max_workers = GraderThreads();
  const int count = 40 * static_cast<int>(max_workers);
  std::mt19937_64 rng = Rng(GraderSeed(), 2);
  std::vector<long long> items(count);
  for (long long& item : items) item = static_cast<long long>(rng() % 1'000'000);
  TestPool pool(max_workers);
  // The sleep depends on the item, so later items often finish first.
  const std::vector<long long> results = pool.Map(
      [](const long long& item) {
        std::this_thread::sleep_for(microseconds(item % 2000));
        return item * 3 + 1;
      },
      items);
  if (results.size() != items.size()) {
    ADD_FAILURE() << "ThreadPoolExecutor(" << max_workers << "), map(f, items) over " << count
                  << " items returned " << results.size() << " results" << RunContext();
    return;
  }
  for (int i = 0; i < count; ++i) {
    if (results[i] != items[i] * 3 + 1) {
      ADD_FAILURE() << "ThreadPoolExecutor(" << max_workers << "), map(f, items) over " << count
                    << " items, f(x) sleeping (x % 2000) us and returning 3x + 1: result " << i
                    << " is " << results[i] << ", expected f(" << items[i]
                    << ") = " << items[i] * 3 + 1
                    << " (results must be in the order of the items, not in the order the "
                       "calls finished)"
                    << RunContext();
      return;
    }
  }
}

TEST(MapOrder, ManyShortCalls) {
  const unsigned max_workers = GraderThreads();
#if defined(__SANITIZE_THREAD__)
  constexpr int kItems = 5'000;
#else
  constexpr int kItems = 50'000;
#endif
  std::vector<long long> items(kItems);
  for (int i = 0; i < kItems; ++i) items[i] = i;
  TestPool pool(max_workers);
  const std::vector<long long> results =
      pool.Map([](const long long& item) { return item ^ 0x5a5a; }, items);
  for (int i = 0; i < kItems; ++i) {
    if (i >= static_cast<int>(results.size()) || results[i] != (items[i] ^ 0x5a5a)) {
      ADD_FAILURE() << "ThreadPoolExecutor(" << max_workers << "), map(x ^ 0x5a5a, {0, 1, ..., "
                    << kItems - 1 << "}): result " << i << " is "
                    << (i < static_cast<int>(results.size()) ? std::to_string(results[i])
                                                             : "missing")
                    << ", expected " << (items[i] ^ 0x5a5a) << RunContext();
      return;
    }
  }
}

TEST(MapOrder, ConcurrentMaps) {
  const unsigned callers = GraderThreads();
  const unsigned max_workers = GraderThreads();
  constexpr int kItems = 300;
  TestPool pool(max_workers);
  std::vector<std::vector<long long>> results(callers);
  std::latch start(callers);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < callers; ++t) {
    threads.emplace_back([&, t] {
      std::vector<long long> items(kItems);
      for (int i = 0; i < kItems; ++i) items[i] = static_cast<long long>(t) * 10'000 + i;
      start.arrive_and_wait();
      results[t] = pool.Map(
          [t](const long long& item) {
            if (item % 7 == 0) std::this_thread::sleep_for(microseconds(50 * (t + 1)));
            return item * 2;
          },
          items);
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (unsigned t = 0; t < callers; ++t) {
    for (int i = 0; i < kItems; ++i) {
      const long long expected = (static_cast<long long>(t) * 10'000 + i) * 2;
      if (i >= static_cast<int>(results[t].size()) || results[t][i] != expected) {
        ADD_FAILURE() << callers << " threads each calling map(2x, its own " << kItems
                      << " items) at once on one ThreadPoolExecutor(" << max_workers
                      << "): thread " << t << "'s result " << i << " is "
                      << (i < static_cast<int>(results[t].size())
                              ? std::to_string(results[t][i])
                              : "missing")
                      << ", expected " << expected
                      << " (each map must collect only its own results)" << RunContext();
        return;
      }
    }
  }
}

// --- Many submitting threads ------------------------------------------------------------

long long Combine(long long a, long long b) { return a * 1000 + b; }

TEST(Submitters, ManyThreadsAtOnce) {
  const unsigned submitters = GraderThreads();
  const unsigned max_workers = GraderThreads();
  constexpr int kTasksPerThread = 300;
  TestPool pool(max_workers);
  std::atomic<long long> void_sum{0};
  // Written by the tasks without synchronisation of their own: future::get() must order
  // each write before the submitter's read.
  std::vector<std::vector<long long>> slots(submitters, std::vector<long long>(kTasksPerThread));
  std::vector<std::string> failures(submitters);
  std::latch start(submitters);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < submitters; ++t) {
    threads.emplace_back([&, t] {
      std::vector<std::future<long long>> values;
      std::vector<std::future<void>> voids;
      std::vector<std::future<long long>> combined;
      start.arrive_and_wait();
      for (int i = 0; i < kTasksPerThread; ++i) {
        long long* slot = &slots[t][i];
        const long long tag = static_cast<long long>(t) * 100'000 + i;
        switch (i % 3) {
          case 0:
            values.push_back(pool.Submit([slot, tag] {
              *slot = tag;
              return tag;
            }));
            break;
          case 1:
            voids.push_back(pool.SubmitVoid([slot, tag, &void_sum] {
              *slot = tag;
              void_sum.fetch_add(tag);
            }));
            break;
          default:
            combined.push_back(pool.SubmitWithArguments(&Combine, tag, i % 1000));
            *slot = tag;
            break;
        }
      }
      for (std::size_t k = 0; k < values.size(); ++k) {
        const long long expected = static_cast<long long>(t) * 100'000 + 3 * k;
        const long long value = values[k].get();
        if (value != expected && failures[t].empty()) {
          failures[t] = "the future of its task " + std::to_string(3 * k) + " returned " +
                        std::to_string(value) + ", expected " + std::to_string(expected) +
                        " (a result delivered to the wrong future?)";
        }
      }
      for (std::future<void>& future : voids) future.get();
      for (std::size_t k = 0; k < combined.size(); ++k) {
        const long long i = 3 * static_cast<long long>(k) + 2;
        const long long expected = Combine(static_cast<long long>(t) * 100'000 + i, i % 1000);
        const long long value = combined[k].get();
        if (value != expected && failures[t].empty()) {
          failures[t] = "submit(combine, a, b) for its task " + std::to_string(i) +
                        " returned " + std::to_string(value) + ", expected " +
                        std::to_string(expected);
        }
      }
      for (int i = 0; i < kTasksPerThread; ++i) {
        const long long expected = static_cast<long long>(t) * 100'000 + i;
        if (slots[t][i] != expected && failures[t].empty()) {
          failures[t] = "after get(), the memory its task " + std::to_string(i) +
                        " wrote held " + std::to_string(slots[t][i]) + ", expected " +
                        std::to_string(expected);
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  long long expected_void_sum = 0;
  for (unsigned t = 0; t < submitters; ++t) {
    for (int i = 1; i < kTasksPerThread; i += 3) {
      expected_void_sum += static_cast<long long>(t) * 100'000 + i;
    }
  }
  const std::string scenario = std::to_string(submitters) + " threads, started together, " +
                               "each submitting " + std::to_string(kTasksPerThread) +
                               " tasks (value, void and with arguments) to one "
                               "ThreadPoolExecutor(" + std::to_string(max_workers) + ")";
  for (unsigned t = 0; t < submitters; ++t) {
    if (!failures[t].empty()) {
      ADD_FAILURE() << scenario << ": thread " << t << ": " << failures[t] << RunContext();
      return;
    }
  }
  EXPECT_EQ(void_sum.load(), expected_void_sum)
      << scenario << ": the void tasks added up to the wrong sum: did every one run once?"
      << RunContext();
}

TEST(Submitters, OneTaskAtATime) {
  // Each submit() finds every worker asleep: a wake-up lost between a worker's check of
  // the queue and its wait leaves the task queued with nobody awake to run it.
  const unsigned submitters = GraderThreads();
  const unsigned max_workers = GraderThreads();
#if defined(__SANITIZE_THREAD__)
  constexpr int kRounds = 400;
#else
  constexpr int kRounds = 2000;
#endif
  Narrate(std::to_string(submitters) + " threads each submit a task and wait for its result, " +
          std::to_string(kRounds) + " times in a row, to ThreadPoolExecutor(" +
          std::to_string(max_workers) +
          "). If the run hangs here, a task stayed queued while every worker slept: a wake-up "
          "was lost (check the queue and wait under one lock hold, with a predicate)");
  TestPool pool(max_workers);
  std::vector<long long> sums(submitters, 0);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < submitters; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        sums[t] += pool.SubmitWithArguments(&Combine, t, i).get();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (unsigned t = 0; t < submitters; ++t) {
    long long expected = 0;
    for (int i = 0; i < kRounds; ++i) expected += Combine(t, i);
    EXPECT_EQ(sums[t], expected) << "thread " << t << ": the sum of its " << kRounds
                                 << " results of submit(combine, " << t << ", i).get()"
                                 << RunContext();
  }
}

// --- Move-only arguments, results and callables -----------------------------------------

std::unique_ptr<int> Triple(std::unique_ptr<int> value) {
  if (value) *value *= 3;
  return value;
}

TEST(MoveOnly, ArgumentsResultsAndCallables) {
  const unsigned max_workers = GraderThreads();
  const int tasks = 100 * static_cast<int>(max_workers);
  TestPool pool(max_workers);
  std::vector<std::future<std::unique_ptr<int>>> tripled;
  std::vector<std::future<long long>> owned;
  for (int i = 0; i < tasks; ++i) {
    tripled.push_back(pool.SubmitMoveOnly(&Triple, std::make_unique<int>(i)));
    owned.push_back(pool.SubmitMoveOnlyCallable(std::make_unique<int>(i), 1000));
  }
  for (int i = 0; i < tasks; ++i) {
    std::unique_ptr<int> result = tripled[i].get();
    if (!result || *result != 3 * i) {
      ADD_FAILURE() << "ThreadPoolExecutor(" << max_workers << "), submit(triple, "
                    << "std::make_unique<int>(" << i << ")).get(), triple taking and returning "
                    << "a std::unique_ptr<int>: got "
                    << (result ? std::to_string(*result) : std::string("a null pointer"))
                    << ", expected " << 3 * i << RunContext();
      return;
    }
    const long long value = owned[i].get();
    if (value != i + 1000) {
      ADD_FAILURE() << "ThreadPoolExecutor(" << max_workers << "), submit(std::move(callable)) "
                    << "of a move-only callable owning std::make_unique<int>(" << i
                    << ") and returning *ptr + 1000: got " << value << RunContext();
      return;
    }
  }
}

}  // namespace
}  // namespace pool_test
