// Hidden driver of `thread_pool`, part 1: the contract of each member, shown with small
// pools and a handful of tasks (GoogleTest). The same checks are in the exercise's
// public_test.cpp.
//
// Theory of operation: the driver reaches the student's ThreadPoolExecutor only through
// thread_pool_adapter.h (see pool_support.h). Every wait on a future here is unbounded: a
// pool that never runs a task hangs the test, and the harness reports `deadlock` with the
// stack of every thread. Exceptions are compared by DescribeException(), which names the
// dynamic type and the message, so "the same exception" means the same type and what().
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "pool_support.h"

namespace pool_test {
namespace {

long long Combine(long long a, long long b) { return a * 1000 + b; }

std::unique_ptr<int> AddOne(std::unique_ptr<int> value) {
  if (value) ++*value;
  return value;
}

// get(), or a failure saying what was thrown instead of returning.
template <class T>
bool GetValue(std::future<T>& future, T* value, const std::string& what) {
  if (!future.valid()) {
    ADD_FAILURE() << what << ": submit() returned a future with no shared state (valid() is "
                  << "false); return the future of the task's std::packaged_task or "
                  << "std::promise";
    return false;
  }
  try {
    *value = future.get();
    return true;
  } catch (...) {
    ADD_FAILURE() << what << ": get() threw " << DescribeCurrentException()
                  << ", expected it to return the task's result";
    return false;
  }
}

// Fails unless future.get() throws an exception that DescribeException() describes as
// `expected`.
template <class T>
void ExpectGetThrows(std::future<T>& future, const std::string& expected,
                     const std::string& what) {
  if (!future.valid()) {
    ADD_FAILURE() << what << ": submit() returned a future with no shared state";
    return;
  }
  try {
    future.get();
    ADD_FAILURE() << what << ": get() returned normally, expected it to throw " << expected
                  << " (the exception the task threw must reach future::get())";
  } catch (...) {
    const std::string actual = DescribeCurrentException();
    if (actual != expected) {
      ADD_FAILURE() << what << ": get() threw " << actual << ", expected " << expected
                    << " (the very exception the task threw, same type and message: let "
                    << "std::packaged_task store it, or call promise.set_exception("
                    << "std::current_exception()))";
    }
  }
}

TEST(ThreadPoolBasics, SubmitReturnsTheResult) {
  TestPool pool(2);
  std::future<long long> future = pool.Submit([] { return 42LL; });
  long long value = 0;
  if (GetValue(future, &value, "submit([] { return 42LL; })")) {
    EXPECT_EQ(value, 42) << "submit([] { return 42LL; }).get()";
  }
}

TEST(ThreadPoolBasics, SubmitPassesTheArguments) {
  TestPool pool(2);
  std::future<long long> future = pool.SubmitWithArguments(&Combine, 12, 34);
  long long value = 0;
  if (GetValue(future, &value, "submit(combine, 12, 34) with combine(a, b) = a * 1000 + b")) {
    EXPECT_EQ(value, 12034)
        << "submit(combine, 12, 34).get() with combine(a, b) = a * 1000 + b: the arguments "
           "must be passed in their order";
  }
}

TEST(ThreadPoolBasics, MoveOnlyArgumentAndResult) {
  TestPool pool(2);
  std::future<std::unique_ptr<int>> future =
      pool.SubmitMoveOnly(&AddOne, std::make_unique<int>(41));
  std::unique_ptr<int> result;
  if (GetValue(future, &result,
               "submit(add_one, std::make_unique<int>(41)), add_one taking and returning a "
               "std::unique_ptr<int>")) {
    if (!result) {
      ADD_FAILURE() << "submit(add_one, std::make_unique<int>(41)).get() returned a null "
                       "std::unique_ptr: was the argument moved into the call?";
    } else {
      EXPECT_EQ(*result, 42) << "*submit(add_one, std::make_unique<int>(41)).get()";
    }
  }
  std::future<long long> owning = pool.SubmitMoveOnlyCallable(std::make_unique<int>(40), 2);
  long long value = 0;
  if (GetValue(owning, &value,
               "submit(std::move(callable)), a move-only callable owning a "
               "std::unique_ptr<int>(40) and returning *ptr + 2")) {
    EXPECT_EQ(value, 42) << "submit(std::move(callable)).get(), the callable returning *ptr + 2";
  }
}

TEST(ThreadPoolBasics, SubmitAndWaitOverAndOver) {
  // Each submit() comes as the worker finishes the task before and goes back to sleep: a
  // wake-up lost between its check of the queue and its wait leaves the task queued with
  // the worker asleep.
  constexpr int kRounds = 2000;
  Narrate("one thread submits a task to ThreadPoolExecutor(1) and waits for its result, " +
          std::to_string(kRounds) + " times in a row. If the run hangs here, a task stayed "
          "queued while the worker slept: a wake-up was lost (check the queue and wait under "
          "one lock hold, with a predicate)");
  TestPool pool(1);
  for (int i = 0; i < kRounds; ++i) {
    std::future<long long> future = pool.SubmitWithArguments(&Combine, 7, i);
    long long value = 0;
    if (!GetValue(future, &value, "submit(combine, 7, i)")) return;
    if (value != Combine(7, i)) {
      ADD_FAILURE() << "round " << i << ": submit(combine, 7, " << i << ").get() = " << value
                    << ", expected " << Combine(7, i);
      return;
    }
  }
}

TEST(ThreadPoolBasics, VoidTaskRuns) {
  TestPool pool(2);
  std::atomic<bool> ran{false};
  std::future<void> future = pool.SubmitVoid([&ran] { ran.store(true); });
  if (!future.valid()) {
    ADD_FAILURE() << "submit() of a void task returned a future with no shared state";
    return;
  }
  try {
    future.get();
  } catch (...) {
    ADD_FAILURE() << "submit(void task).get() threw " << DescribeCurrentException();
    return;
  }
  EXPECT_TRUE(ran.load()) << "submit(void task).get() returned, but the task had not run";
}

TEST(ThreadPoolBasics, ExceptionReachesGet) {
  TestPool pool(2);
  std::future<long long> runtime =
      pool.Submit([]() -> long long { throw std::runtime_error("task 7 failed"); });
  ExpectGetThrows(runtime, "std::runtime_error(\"task 7 failed\")",
                  "a task that throws std::runtime_error(\"task 7 failed\")");
  std::future<long long> range =
      pool.Submit([]() -> long long { throw std::out_of_range("index 9"); });
  ExpectGetThrows(range, "std::out_of_range(\"index 9\")",
                  "a task that throws std::out_of_range(\"index 9\")");
  std::future<long long> own = pool.Submit([]() -> long long { throw TaskFailure(5); });
  ExpectGetThrows(own, "TaskFailure(code 5)",
                  "a task that throws TaskFailure(5), a type derived from std::exception");
  std::future<void> number = pool.SubmitVoid([] { throw 3; });
  ExpectGetThrows(number, "int 3", "a void task that throws the int 3");
  std::future<long long> after = pool.Submit([] { return 8LL; });
  long long value = 0;
  if (GetValue(after, &value, "four tasks that threw, then submit([] { return 8LL; })")) {
    EXPECT_EQ(value, 8) << "the pool must keep working after tasks threw";
  }
}

TEST(ThreadPoolBasics, MapKeepsTheOrderOfItems) {
  TestPool pool(3);
  std::vector<long long> items;
  std::vector<long long> expected;
  for (long long i = 1; i <= 20; ++i) {
    items.push_back(i);
    expected.push_back(i * i);
  }
  const std::vector<long long> squares =
      pool.Map([](const long long& x) { return x * x; }, items);
  EXPECT_EQ(squares, expected) << "map(square, {1, 2, ..., 20}) on a pool of 3 workers: the "
                                  "results must come in the order of the items";
}

TEST(ThreadPoolBasics, MapOfNoItems) {
  TestPool pool(2);
  const std::vector<long long> results = pool.Map([](const long long& x) { return x; }, {});
  EXPECT_TRUE(results.empty()) << "map(f, {}) returned " << results.size()
                               << " results, expected none";
}

TEST(ThreadPoolBasics, MapResultTypeIsTheFunctions) {
  TestPool pool(2);
  const std::vector<std::string> texts =
      pool.MapToString([](const int& x) { return std::to_string(x) + "!"; }, {3, 1, 2});
  const std::vector<std::string> expected = {"3!", "1!", "2!"};
  EXPECT_EQ(texts, expected) << "map([](const int& x) { return std::to_string(x) + \"!\"; }, "
                                "{3, 1, 2})";
}

TEST(ThreadPoolBasics, MapRethrowsTheException) {
  // Declared before the pool: they outlive calls that a map() returning too early left
  // running (the pool's destructor waits for them).
  std::vector<long long> items;
  for (long long i = 0; i < 10; ++i) items.push_back(i);
  const std::function<long long(const long long&)> f = [](const long long& x) -> long long {
    if (x == 4) throw std::invalid_argument("item 4");
    return x;
  };
  TestPool pool(2);
  try {
    pool.Map(f, items);
    ADD_FAILURE() << "map(f, {0, ..., 9}) where f(4) throws std::invalid_argument(\"item 4\") "
                     "returned normally; it must throw that exception";
  } catch (...) {
    const std::string actual = DescribeCurrentException();
    EXPECT_EQ(actual, "std::invalid_argument(\"item 4\")")
        << "map(f, {0, ..., 9}) where f(4) throws std::invalid_argument(\"item 4\"): map threw "
        << actual << "; it must throw the exception f threw";
  }
}

TEST(ThreadPoolBasics, SubmitAfterShutdownThrowsRuntimeError) {
  TestPool pool(2);
  pool.Shutdown(true);
  try {
    std::future<long long> future = pool.Submit([] { return 1LL; });
    ADD_FAILURE() << "shutdown(true), then submit(task): submit returned normally, expected it "
                     "to throw std::runtime_error";
  } catch (const std::runtime_error&) {
  } catch (...) {
    ADD_FAILURE() << "shutdown(true), then submit(task): submit threw "
                  << DescribeCurrentException() << ", expected std::runtime_error";
  }
  try {
    pool.Map([](const long long& x) { return x; }, {1, 2, 3});
    ADD_FAILURE() << "shutdown(true), then map(f, {1, 2, 3}): map returned normally, expected "
                     "it to throw std::runtime_error (it submits)";
  } catch (const std::runtime_error&) {
  } catch (...) {
    ADD_FAILURE() << "shutdown(true), then map(f, {1, 2, 3}): map threw "
                  << DescribeCurrentException() << ", expected std::runtime_error";
  }
  pool.ShutdownDefault();  // a second shutdown is harmless
  pool.Shutdown(false);
}

TEST(ThreadPoolBasics, SubmitAfterShutdownWithoutWaitThrows) {
  TestPool pool(2);
  pool.Shutdown(false);
  try {
    std::future<void> future = pool.SubmitVoid([] {});
    ADD_FAILURE() << "shutdown(false), then submit(task): submit returned normally, expected "
                     "it to throw std::runtime_error";
  } catch (const std::runtime_error&) {
  } catch (...) {
    ADD_FAILURE() << "shutdown(false), then submit(task): submit threw "
                  << DescribeCurrentException() << ", expected std::runtime_error";
  }
}

TEST(ThreadPoolBasics, ShutdownRunsEverythingQueued) {
  constexpr int kTasks = 40;
  TestPool pool(2);
  std::vector<std::future<long long>> futures;
  for (int i = 0; i < kTasks; ++i) {
    futures.push_back(pool.Submit([i] {
      std::this_thread::sleep_for(std::chrono::microseconds(500));
      return static_cast<long long>(i);
    }));
  }
  pool.Shutdown(true);
  for (int i = 0; i < kTasks; ++i) {
    if (!IsReady(futures[i])) {
      ADD_FAILURE() << "a pool of 2 workers, " << kTasks
                    << " tasks submitted (each sleeps 0.5 ms), then shutdown(true): when it "
                       "returned, the future of task "
                    << i << " was not ready; shutdown(true) must run every queued task first";
      return;
    }
    long long value = -1;
    if (!GetValue(futures[i], &value,
                  "tasks submitted, then shutdown(true): task " + std::to_string(i))) {
      return;  // a dropped task: its promise was broken
    }
    EXPECT_EQ(value, i) << "tasks submitted, then shutdown(true): task " << i;
  }
}

TEST(ThreadPoolBasics, ShutdownWithoutArgumentWaits) {
  constexpr int kTasks = 10;
  TestPool pool(1);
  std::atomic<int> done{0};
  for (int i = 0; i < kTasks; ++i) {
    pool.SubmitVoid([&done] {
      std::this_thread::sleep_for(milliseconds(2));
      done.fetch_add(1);
    });
  }
  pool.ShutdownDefault();
  EXPECT_EQ(done.load(), kTasks) << "a pool of 1 worker, " << kTasks
                                 << " tasks of 2 ms submitted, then shutdown() (wait defaults "
                                    "to true): tasks finished when it returned";
}

TEST(ThreadPoolBasics, DestructorWaitsForQueuedTasks) {
  constexpr int kTasks = 20;
  std::atomic<int> done{0};
  {
    TestPool pool(2);
    for (int i = 0; i < kTasks; ++i) {
      pool.SubmitVoid([&done] {
        std::this_thread::sleep_for(milliseconds(1));
        done.fetch_add(1);
      });
    }
  }
  EXPECT_EQ(done.load(), kTasks) << "a pool of 2 workers, " << kTasks
                                 << " tasks of 1 ms submitted, then the pool destroyed: tasks "
                                    "finished when the destructor returned (it must do "
                                    "shutdown(true))";
}

TEST(ThreadPoolBasics, ZeroWorkersThrowsInvalidArgument) {
  try {
    TestPool pool(0);
    ADD_FAILURE() << "ThreadPoolExecutor(0) returned normally, expected it to throw "
                     "std::invalid_argument (a pool without workers would never run a task)";
  } catch (const std::invalid_argument&) {
  } catch (...) {
    ADD_FAILURE() << "ThreadPoolExecutor(0) threw " << DescribeCurrentException()
                  << ", expected std::invalid_argument";
  }
}

}  // namespace
}  // namespace pool_test
