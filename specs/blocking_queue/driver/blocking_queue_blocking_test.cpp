// Hidden driver of `blocking_queue`, part 2: blocking, timeouts, task_done/join, shutdown and
// busy-waiting, each shown with a few threads in a scripted order (GoogleTest).
//
// Theory of operation: a call that should block runs on a thread of its own (AsyncCall);
// the main thread waits until it has started, gives it kSettle to block, and checks that it
// has not returned. Then it does what should release the call and waits for it without a
// bound: a call that never wakes up hangs the test, and the harness reports `deadlock` with
// the stack of every thread, which shows where the call waits. Timing checks are strict
// downwards (a timed call must never give up before its timeout) and generous upwards
// (kLateSlack), so that a loaded machine cannot fail a correct queue.
//
// Two scenarios need a word:
// - A stolen wake-up: a thread waits in get(); the main thread put()s an item and at once
//   takes it back with get(0ms). The waiter is woken, but the item is gone: a get() that does
//   not check again after waking (`if` instead of `while` around wait) takes from an empty
//   container, and a timed get() that does not wait again gives up before its timeout. The
//   main thread wins that race most of the time, so the scenario is played in rounds until
//   it has happened kWantedSteals times.
// - Busy-waiting: the CPU time of a blocked thread is read through pthread_getcpuclockid
//   while it waits for kCpuWindow; a thread that sleeps in a condition variable uses almost
//   none, one that spins (even with yield()) uses a large share of a core.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iterator>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "queue_support.h"

namespace queue_test {
namespace {

// How long a call must stay blocked to count as blocked.
constexpr milliseconds kSettle{100};
// How late a timed call may return on a loaded machine; early is never allowed.
constexpr milliseconds kLateSlack{500};
// Stolen wake-ups: at most kMaxStealRounds rounds, until kWantedSteals steals happened; in
// each the waiter gets kStealSettle to fall asleep first.
constexpr int kMaxStealRounds = 60;
constexpr int kWantedSteals = 3;
constexpr milliseconds kStealSettle{15};
// Busy-waiting: how long a blocked thread is watched, and the CPU it may use meanwhile.
constexpr milliseconds kCpuWindow{300};
constexpr milliseconds kMaxBlockedThreadCpu{30};
constexpr milliseconds kMaxProcessCpu{60};

long long Ms(Clock::duration duration) {
  return std::chrono::duration_cast<milliseconds>(duration).count();
}

// Says on stderr what the running test does, so that a crash report (which shows the end of
// stderr) tells the student which scenario crashed.
void Narrate(const std::string& text) {
  const testing::TestInfo* test = testing::UnitTest::GetInstance()->current_test_info();
  std::fprintf(stderr, "blocking_queue_test: %s.%s: %s\n", test->test_suite_name(), test->name(),
               text.c_str());
  std::fflush(stderr);
}

// Waits until `call` started, then `settle`; true if it is still blocked.
bool StaysBlocked(AsyncCall& call, milliseconds settle = kSettle) {
  call.WaitStarted();
  std::this_thread::sleep_for(settle);
  return !call.Returned();
}

// --- Blocking ------------------------------------------------------------------------

TEST(Blocking, GetWaitsForPut) {
  IntQueue queue(0);
  long long item = -1;
  Status status = Status::kOk;
  AsyncCall getter([&] { status = queue.Get(&item); });
  if (!StaysBlocked(getter)) {
    ADD_FAILURE() << "get() on an empty queue, with no put() anywhere, returned after "
                  << Ms(getter.Elapsed()) << " ms (" << StatusName(status)
                  << (status == Status::kOk ? ", item " + std::to_string(item) : "")
                  << "); it must block until an item arrives" << ErrorNote(getter);
    return;
  }
  queue.Put(42);
  getter.Join();
  ExpectStatus(status, Status::kOk, "a thread blocked in get(), then put(42): get()" +
                                        ErrorNote(getter));
  ExpectItem(item, 42, "a thread blocked in get(), then put(42): get()");
}

TEST(Blocking, PutWaitsWhileFull) {
  IntQueue queue(2);
  queue.Put(1);
  queue.Put(2);
  Status status = Status::kOk;
  AsyncCall putter([&] { status = queue.Put(3); });
  if (!StaysBlocked(putter)) {
    ADD_FAILURE() << "put(3) on a full BlockingQueue(2) holding 1 and 2 returned after "
                  << Ms(putter.Elapsed()) << " ms (" << StatusName(status)
                  << "); it must block until get() frees a slot; qsize() is now "
                  << queue.QSize() << ErrorNote(putter);
    return;
  }
  ExpectQSize(queue.QSize(), 2, "BlockingQueue(2) holding 1 and 2, a thread blocked in put(3)");
  long long item = -1;
  queue.Get(&item);
  ExpectItem(item, 1, "BlockingQueue(2) holding 1 and 2, a thread blocked in put(3): get()");
  putter.Join();
  ExpectStatus(status, Status::kOk,
               "BlockingQueue(2) holding 1 and 2, a thread blocked in put(3), get(): the "
               "blocked put(3)" + ErrorNote(putter));
  queue.Get(&item);
  ExpectItem(item, 2,
             "BlockingQueue(2) holding 1 and 2, a thread blocked in put(3), get(), put(3) "
             "returned, get() (first in, first out, whichever thread put the item)");
  queue.Get(&item);
  ExpectItem(item, 3, "BlockingQueue(2) holding 1 and 2, a thread blocked in put(3), three gets");
}

TEST(Blocking, GetAfterStolenWakeUp) {
  Narrate("a thread waits in get() on an empty queue; the main thread put()s an item and at "
          "once takes it back with get(0ms), then put()s another; the waiter, woken for an "
          "item that is gone, must wait again (a crash here: get() took from an empty "
          "container after waking: `if` instead of `while` around wait?)");
  int steals = 0;
  for (int round = 0; round < kMaxStealRounds && steals < kWantedSteals; ++round) {
    IntQueue queue(0);
    const long long first = 2 * round + 1;
    const long long second = 2 * round + 2;
    long long got = -1;
    Status status = Status::kOk;
    AsyncCall getter([&] { status = queue.Get(&got); });
    if (!StaysBlocked(getter, kStealSettle)) {
      ADD_FAILURE() << "get() on an empty queue returned (" << StatusName(status) << ", item "
                    << got << ") with no put() anywhere" << ErrorNote(getter);
      return;
    }
    queue.Put(first);
    long long stolen = -1;
    const bool stole = queue.GetFor(milliseconds(0), &stolen) == Status::kOk;
    if (stole) {
      ++steals;
      // The queue is empty again: the woken waiter must go back to sleep.
      std::this_thread::sleep_for(kStealSettle);
      if (getter.Returned()) {
        ADD_FAILURE() << "a thread blocked in get() on an empty queue; the main thread put("
                      << first << ") and took it back at once with get(0ms) -> " << stolen
                      << ": the woken get() " << StatusName(status) << " with " << got
                      << " though the queue was empty again (a get() woken for an item "
                         "another thread took first must check the queue again and keep "
                         "waiting: `while`, not `if`, around wait)"
                      << ErrorNote(getter);
        return;
      }
      queue.Put(second);
    }
    getter.Join();
    const std::string scenario =
        "a thread blocked in get() on an empty queue; the main thread put(" +
        std::to_string(first) + ")" +
        (stole ? ", took it back at once with get(0ms) -> " + std::to_string(stolen) +
                     ", then put(" + std::to_string(second) + ")"
               : " (the waiter got it before the main thread's get(0ms))");
    const long long expected = stole ? second : first;
    if (status != Status::kOk || got != expected || (stole && stolen != first)) {
      ADD_FAILURE() << scenario << ": the blocked get() " << StatusName(status) << " with "
                    << got << ", expected " << expected
                    << " (a get() woken for an item another thread took first must check the "
                       "queue again and keep waiting: `while`, not `if`, around wait)"
                    << ErrorNote(getter);
      return;
    }
  }
  RecordProperty("steals", steals);
}

TEST(Blocking, PutAfterStolenWakeUp) {
  int steals = 0;
  for (int round = 0; round < kMaxStealRounds && steals < kWantedSteals; ++round) {
    IntQueue queue(1);
    queue.Put(100);
    Status status = Status::kOk;
    AsyncCall putter([&] { status = queue.Put(200); });
    if (!StaysBlocked(putter, kStealSettle)) {
      ADD_FAILURE() << "put(200) on a full BlockingQueue(1) returned (" << StatusName(status)
                    << ") with no get() anywhere; qsize() = " << queue.QSize()
                    << ErrorNote(putter);
      return;
    }
    long long item = -1;
    queue.Get(&item);  // frees the slot and wakes the putter
    const bool stole = queue.PutFor(300, milliseconds(0)) == Status::kOk;
    if (!stole) {
      putter.Join();
      queue.Get(&item);
      ExpectItem(item, 200,
                 "BlockingQueue(1) holding 100, a thread blocked in put(200), get(), get()");
      continue;
    }
    ++steals;
    // The main thread refilled the slot, so the woken put(200) must wait again.
    if (putter.WaitReturned(kSettle)) {
      ADD_FAILURE() << "BlockingQueue(1) holding 100, a thread blocked in put(200); the main "
                       "thread did get() -> "
                    << item << " and at once put(300, 0ms), refilling the slot: the woken "
                    << "put(200) " << StatusName(status) << " without waiting again; qsize() = "
                    << queue.QSize()
                    << " with maxsize 1 (a put() woken for a slot another thread took first "
                       "must check again and keep waiting: `while`, not `if`, around wait)"
                    << ErrorNote(putter);
      return;
    }
    queue.Get(&item);
    ExpectItem(item, 300,
               "BlockingQueue(1) holding 100, a thread blocked in put(200), get(), "
               "put(300, 0ms) refilled the slot, get()");
    putter.Join();
    queue.Get(&item);
    ExpectItem(item, 200,
               "BlockingQueue(1) holding 100, a thread blocked in put(200), get(), "
               "put(300, 0ms) refilled the slot, get(), get()");
  }
  RecordProperty("steals", steals);
}

// Two threads pass a number back and forth through two queues, so each get() mostly starts
// on an empty queue and waits for the other thread's put(). A wake-up lost between the
// check and the wait hangs both.
TEST(Blocking, PingPong) {
  Narrate("two threads pass numbers back and forth through two queues (a hang here: a "
          "get() missed the put() that happened between its check and its wait)");
  constexpr long long kMaxExchanges = 20'000;
  constexpr milliseconds kBudget{300};
  IntQueue ping(0);
  IntQueue pong(0);
  AsyncCall echo([&] {
    for (;;) {
      long long item = -1;
      if (ping.Get(&item) != Status::kOk || item < 0) return;
      pong.Put(item);
    }
  });
  const Clock::time_point start = Clock::now();
  long long exchanges = 0;
  for (; exchanges < kMaxExchanges && Clock::now() - start < kBudget; ++exchanges) {
    ping.Put(exchanges);
    long long item = -1;
    const Status status = pong.Get(&item);
    if (status != Status::kOk || item != exchanges) {
      ADD_FAILURE() << "exchange " << exchanges << ": put(" << exchanges
                    << ") on one queue, the other thread got it and put it on a second queue; "
                       "get() there "
                    << StatusName(status) << " with " << item << ", expected " << exchanges;
      break;
    }
  }
  ping.Put(-1);
  echo.Join();
  ExpectNoError(echo, "the echo thread of the ping-pong");
  RecordProperty("exchanges", static_cast<int>(exchanges));
}

// One producer fills a BlockingQueue(1) as fast as it can, one consumer empties it: both
// sides block in turn, and every item must come out once, in order.
TEST(Blocking, BoundedRelay) {
  constexpr long long kItems = 5'000;
  IntQueue queue(1);
  AsyncCall producer([&] {
    for (long long i = 0; i < kItems; ++i) queue.Put(i);
  });
  for (long long i = 0; i < kItems; ++i) {
    long long item = -1;
    const Status status = queue.Get(&item);
    if (status != Status::kOk || item != i) {
      ADD_FAILURE() << "one thread put 0, 1, 2, ... into a BlockingQueue(1) while this one got: "
                    << "get() number " << i + 1 << " " << StatusName(status) << " with " << item
                    << ", expected " << i;
      break;
    }
  }
  producer.Join();
}

// --- Timeouts ------------------------------------------------------------------------

// Runs a timed call and checks that it gave up, not before `timeout` and not much after.
void ExpectGivesUpOnTime(const std::string& call, const std::string& state,
                         milliseconds timeout, Status status, Clock::duration elapsed) {
  if (status != Status::kTimedOut) {
    ADD_FAILURE() << call << " on " << state << " " << StatusName(status) << " after "
                  << Ms(elapsed) << " ms; expected it to give up after " << timeout.count()
                  << " ms";
  } else if (elapsed < timeout) {
    ADD_FAILURE() << call << " on " << state << " gave up after " << Ms(elapsed)
                  << " ms, before its timeout of " << timeout.count()
                  << " ms (a wake-up that finds nothing must wait again for the time left: "
                     "wait_until a fixed deadline, with a predicate)";
  } else if (elapsed > timeout + kLateSlack) {
    ADD_FAILURE() << call << " on " << state << " gave up only after " << Ms(elapsed)
                  << " ms, more than " << kLateSlack.count() << " ms past its timeout of "
                  << timeout.count() << " ms";
  }
}

TEST(Timeouts, TimedGetWaitsOutItsTimeout) {
  IntQueue queue(0);
  for (const milliseconds timeout : {milliseconds(20), milliseconds(150)}) {
    long long item = -1;
    const Clock::time_point start = Clock::now();
    const Status status = queue.GetFor(timeout, &item);
    ExpectGivesUpOnTime("get(" + std::to_string(timeout.count()) + "ms)", "an empty queue",
                        timeout, status, Clock::now() - start);
  }
}

TEST(Timeouts, TimedPutWaitsOutItsTimeout) {
  IntQueue queue(1);
  queue.Put(1);
  for (const milliseconds timeout : {milliseconds(20), milliseconds(150)}) {
    const Clock::time_point start = Clock::now();
    const Status status = queue.PutFor(2, timeout);
    ExpectGivesUpOnTime("put(2, " + std::to_string(timeout.count()) + "ms)",
                        "a full BlockingQueue(1)", timeout, status, Clock::now() - start);
  }
  ExpectQSize(queue.QSize(), 1, "BlockingQueue(1) holding 1, after two timed puts gave up");
}

TEST(Timeouts, TimedGetReturnsWhenAnItemArrives) {
  IntQueue queue(0);
  long long item = -1;
  Status status = Status::kTimedOut;
  Clock::time_point returned_at;
  AsyncCall getter([&] {
    status = queue.GetFor(milliseconds(5000), &item);
    returned_at = Clock::now();
  });
  if (!StaysBlocked(getter)) {
    ADD_FAILURE() << "get(5000ms) on an empty queue, with no put() anywhere, returned after "
                  << Ms(getter.Elapsed()) << " ms (" << StatusName(status) << ")"
                  << ErrorNote(getter);
    return;
  }
  const Clock::time_point put_at = Clock::now();
  queue.Put(9);
  getter.Join();
  ExpectStatus(status, Status::kOk,
               "a thread blocked in get(5000ms), then put(9)" + ErrorNote(getter));
  ExpectItem(item, 9, "a thread blocked in get(5000ms), then put(9)");
  if (returned_at - put_at > kLateSlack) {
    ADD_FAILURE() << "a thread blocked in get(5000ms) returned " << Ms(returned_at - put_at)
                  << " ms after put(9): a waiting get must wake up when an item arrives "
                     "(notify the condition variable in put), not sleep out its timeout or poll";
  }
}

TEST(Timeouts, TimedPutReturnsWhenASlotFrees) {
  IntQueue queue(1);
  queue.Put(1);
  Status status = Status::kTimedOut;
  Clock::time_point returned_at;
  AsyncCall putter([&] {
    status = queue.PutFor(2, milliseconds(5000));
    returned_at = Clock::now();
  });
  if (!StaysBlocked(putter)) {
    ADD_FAILURE() << "put(2, 5000ms) on a full BlockingQueue(1), with no get() anywhere, "
                     "returned after "
                  << Ms(putter.Elapsed()) << " ms (" << StatusName(status) << ")"
                  << ErrorNote(putter);
    return;
  }
  const Clock::time_point get_at = Clock::now();
  long long item = -1;
  queue.Get(&item);
  putter.Join();
  ExpectStatus(status, Status::kOk,
               "a thread blocked in put(2, 5000ms) on a full BlockingQueue(1), then get(): "
               "the put" + ErrorNote(putter));
  if (returned_at - get_at > kLateSlack) {
    ADD_FAILURE() << "a thread blocked in put(2, 5000ms) returned " << Ms(returned_at - get_at)
                  << " ms after get() freed a slot: a waiting put must wake up when a slot "
                     "frees (notify in get), not sleep out its timeout or poll";
  }
  queue.Get(&item);
  ExpectItem(item, 2, "BlockingQueue(1): put(1), put(2, 5000ms) blocked, get(), get()");
}

TEST(Timeouts, TimedGetAfterStolenWakeUp) {
  constexpr milliseconds kTimeout{300};
  int steals = 0;
  for (int round = 0; round < kMaxStealRounds && steals < kWantedSteals; ++round) {
    IntQueue queue(0);
    long long got = -1;
    Status status = Status::kOk;
    Clock::duration elapsed{};
    AsyncCall getter([&] {
      const Clock::time_point start = Clock::now();
      status = queue.GetFor(kTimeout, &got);
      elapsed = Clock::now() - start;
    });
    if (!StaysBlocked(getter, kStealSettle)) {
      ADD_FAILURE() << "get(300ms) on an empty queue, with no put() anywhere, returned after "
                    << Ms(getter.Elapsed()) << " ms, before its timeout (" << StatusName(status)
                    << ")" << ErrorNote(getter);
      return;
    }
    queue.Put(7);
    long long stolen = -1;
    const bool stole = queue.GetFor(milliseconds(0), &stolen) == Status::kOk;
    getter.Join();
    if (!stole) {
      ExpectStatus(status, Status::kOk, "a thread blocked in get(300ms), then put(7)");
      ExpectItem(got, 7, "a thread blocked in get(300ms), then put(7)");
      continue;
    }
    ++steals;
    if (status == Status::kOk) {
      ADD_FAILURE() << "a thread blocked in get(300ms) on an empty queue; the main thread "
                       "put(7) and took it back at once with get(0ms): the timed get() "
                       "returned an item, "
                    << got << ", though the queue was empty again";
      return;
    }
    ExpectGivesUpOnTime("get(300ms)",
                        "an empty queue, woken by a put(7) whose item another thread took "
                        "back at once,",
                        kTimeout, status, elapsed);
    if (testing::Test::HasFailure()) return;
  }
  RecordProperty("steals", steals);
}

TEST(Timeouts, TimedPutAfterStolenWakeUp) {
  constexpr milliseconds kTimeout{300};
  int steals = 0;
  for (int round = 0; round < kMaxStealRounds && steals < kWantedSteals; ++round) {
    IntQueue queue(1);
    queue.Put(100);
    Status status = Status::kOk;
    Clock::duration elapsed{};
    AsyncCall putter([&] {
      const Clock::time_point start = Clock::now();
      status = queue.PutFor(200, kTimeout);
      elapsed = Clock::now() - start;
    });
    if (!StaysBlocked(putter, kStealSettle)) {
      ADD_FAILURE() << "put(200, 300ms) on a full BlockingQueue(1), with no get() anywhere, "
                       "returned after "
                    << Ms(putter.Elapsed()) << " ms (" << StatusName(status) << ")"
                    << ErrorNote(putter);
      return;
    }
    long long item = -1;
    queue.Get(&item);
    const bool stole = queue.PutFor(300, milliseconds(0)) == Status::kOk;
    putter.Join();
    if (!stole) {
      ExpectStatus(status, Status::kOk,
                   "BlockingQueue(1) holding 100, a thread blocked in put(200, 300ms), then "
                   "get(): the put");
      continue;
    }
    ++steals;
    if (status == Status::kOk) {
      ADD_FAILURE() << "BlockingQueue(1) holding 100, a thread blocked in put(200, 300ms); the "
                       "main thread did get() and at once put(300, 0ms), refilling the slot: "
                       "the timed put returned true anyway, and qsize() = "
                    << queue.QSize() << " with maxsize 1";
      return;
    }
    ExpectGivesUpOnTime("put(200, 300ms)",
                        "a BlockingQueue(1) whose freed slot another thread refilled at once,",
                        kTimeout, status, elapsed);
    if (testing::Test::HasFailure()) return;
  }
  RecordProperty("steals", steals);
}

// --- task_done() and join() ----------------------------------------------------------

TEST(TaskDoneJoin, JoinWaitsForTaskDoneEvenWhenEmpty) {
  IntQueue queue(0);
  queue.Put(1);
  long long item = -1;
  queue.Get(&item);
  AsyncCall joiner([&] { queue.Join(); });
  if (!StaysBlocked(joiner)) {
    ADD_FAILURE() << "put(1), get() -> " << item
                  << ", then join() returned, before task_done() was called for the item: "
                     "join() must wait until every item put has been marked done "
                     "(count unfinished tasks: +1 in put(), -1 in task_done()), not until "
                     "the queue is empty"
                  << ErrorNote(joiner);
    return;
  }
  queue.TaskDone();
  joiner.Join();
  ExpectNoError(joiner, "put(1), get(), a thread in join(), task_done()");
}

// Workers process items slowly while several threads wait in join(); each join() must
// return only after the last task_done() was called.
TEST(TaskDoneJoin, JoinReturnsOnlyAfterTheLastTaskDone) {
  const unsigned workers = GraderThreads();
  const long long items = 6 * static_cast<long long>(workers);
  constexpr unsigned kJoiners = 3;
  IntQueue queue(0);
  for (long long i = 0; i < items; ++i) queue.Put(i);
  std::atomic<long long> reserved{0};
  std::atomic<long long> marked{0};  // task_done() calls begun
  std::vector<long long> marked_at_return(kJoiners, -1);
  std::vector<std::unique_ptr<AsyncCall>> joiners;
  for (unsigned j = 0; j < kJoiners; ++j) {
    joiners.push_back(std::make_unique<AsyncCall>([&, j] {
      queue.Join();
      marked_at_return[j] = marked.load();
    }));
  }
  for (auto& joiner : joiners) joiner->WaitStarted();
  std::vector<std::unique_ptr<AsyncCall>> pool;
  for (unsigned w = 0; w < workers; ++w) {
    pool.push_back(std::make_unique<AsyncCall>([&] {
      while (reserved.fetch_add(1) < items) {
        long long item = -1;
        queue.Get(&item);
        std::this_thread::sleep_for(milliseconds(2));  // processing the item
        marked.fetch_add(1);
        queue.TaskDone();
      }
    }));
  }
  for (auto& worker : pool) worker->Join();
  for (unsigned j = 0; j < kJoiners; ++j) {
    joiners[j]->Join();
    if (marked_at_return[j] != items) {
      ADD_FAILURE() << items << " items put, " << workers
                    << " workers each getting items and calling task_done() after a moment of "
                       "work, "
                    << kJoiners << " threads in join(): a join() returned when only "
                    << marked_at_return[j] << " of the " << items
                    << " task_done() calls had been made (join() must wait for the last "
                       "task_done(), not for an empty queue)"
                    << RunContext();
      break;
    }
  }
  for (auto& worker : pool) {
    ExpectNoError(*worker, "a worker calling get() and task_done()");
  }
}

TEST(TaskDoneJoin, ConcurrentTaskDoneCountsExactly) {
  const unsigned threads = GraderThreads();
  constexpr long long kItems = 2'000;
  IntQueue queue(0);
  for (long long i = 0; i < kItems; ++i) queue.Put(i);
  std::vector<long long> successes(threads, 0);
  std::vector<std::string> problems(threads);
  std::vector<std::unique_ptr<AsyncCall>> callers;
  for (unsigned t = 0; t < threads; ++t) {
    callers.push_back(std::make_unique<AsyncCall>([&, t] {
      for (long long calls = 0; calls <= kItems; ++calls) {
        try {
          queue.TaskDone();
          ++successes[t];
        } catch (const std::logic_error&) {
          return;
        } catch (...) {
          problems[t] = "task_done() threw " + DescribeCurrentException() +
                        "; expected std::logic_error once every item was marked";
          return;
        }
      }
    }));
  }
  long long total = 0;
  for (unsigned t = 0; t < threads; ++t) {
    callers[t]->Join();
    total += successes[t];
    if (!problems[t].empty()) ADD_FAILURE() << problems[t];
  }
  if (total != kItems) {
    ADD_FAILURE() << kItems << " items put, then " << threads
                  << " threads each called task_done() until it threw std::logic_error: "
                  << total << " calls returned normally, expected exactly " << kItems
                  << RunContext();
  }
  for (long long i = 0; i < kItems; ++i) {
    long long item = -1;
    queue.Get(&item);
  }
  queue.Join();
}

// --- shutdown() ----------------------------------------------------------------------

// Starts `count` calls, each on its own thread, and checks they all stay blocked.
std::vector<std::unique_ptr<AsyncCall>> StartBlockedCalls(unsigned count,
                                                         const std::function<void(unsigned)>& body,
                                                         const std::string& what, bool* ok) {
  std::vector<std::unique_ptr<AsyncCall>> calls;
  for (unsigned i = 0; i < count; ++i) {
    calls.push_back(std::make_unique<AsyncCall>([body, i] { body(i); }));
  }
  for (auto& call : calls) call->WaitStarted();
  std::this_thread::sleep_for(kSettle);
  *ok = true;
  for (auto& call : calls) {
    if (call->Returned()) {
      ADD_FAILURE() << what << ": a call returned though nothing released it"
                    << ErrorNote(*call);
      *ok = false;
      break;
    }
  }
  return calls;
}

TEST(Shutdown, WakesEveryBlockedGet) {
  const unsigned threads = GraderThreads();
  Narrate(std::to_string(threads) + " threads wait in get() on an empty queue, then "
          "shutdown(): every one must wake up and throw ShutDown (a hang here: shutdown() "
          "woke only some of them; use notify_all)");
  IntQueue queue(0);
  std::vector<Status> statuses(threads, Status::kOk);
  bool blocked = false;
  auto getters = StartBlockedCalls(
      threads,
      [&](unsigned i) {
        long long item = -1;
        statuses[i] = queue.Get(&item);
      },
      "get() on an empty queue", &blocked);
  if (!blocked) {
    queue.Shutdown(true);
    return;
  }
  queue.Shutdown(false);
  for (unsigned i = 0; i < threads; ++i) {
    getters[i]->Join();
    ExpectStatus(statuses[i], Status::kShutDown,
                 std::to_string(threads) +
                     " threads blocked in get() on an empty queue, then shutdown(): a get()" +
                     ErrorNote(*getters[i]) + RunContext());
  }
}

TEST(Shutdown, WakesEveryBlockedPut) {
  const unsigned threads = GraderThreads();
  Narrate(std::to_string(threads) + " threads wait in put() on a full queue, then "
          "shutdown(): every one must wake up and throw ShutDown");
  IntQueue queue(1);
  queue.Put(-1);
  std::vector<Status> statuses(threads, Status::kOk);
  bool blocked = false;
  auto putters = StartBlockedCalls(
      threads, [&](unsigned i) { statuses[i] = queue.Put(i); }, "put() on a full BlockingQueue(1)",
      &blocked);
  if (!blocked) {
    queue.Shutdown(true);
    return;
  }
  queue.Shutdown(false);
  for (unsigned i = 0; i < threads; ++i) {
    putters[i]->Join();
    ExpectStatus(statuses[i], Status::kShutDown,
                 std::to_string(threads) +
                     " threads blocked in put() on a full BlockingQueue(1), then shutdown(): "
                     "a put()" +
                     ErrorNote(*putters[i]) + RunContext());
  }
  long long item = 0;
  ExpectStatus(queue.Get(&item), Status::kOk,
               "BlockingQueue(1) holding -1, blocked puts, shutdown(false), get() (the items "
               "left are still got after a plain shutdown())");
  ExpectItem(item, -1, "BlockingQueue(1) holding -1, blocked puts, shutdown(false), get()");
  ExpectStatus(queue.Get(&item), Status::kShutDown, "shut down and empty: get()");
}

TEST(Shutdown, WakesEveryBlockedTimedGet) {
  const unsigned threads = GraderThreads();
  constexpr milliseconds kTimeout{3000};
  IntQueue queue(0);
  std::vector<Status> statuses(threads, Status::kOk);
  std::vector<Clock::time_point> returned_at(threads);
  bool blocked = false;
  auto getters = StartBlockedCalls(
      threads,
      [&](unsigned i) {
        long long item = -1;
        statuses[i] = queue.GetFor(kTimeout, &item);
        returned_at[i] = Clock::now();
      },
      "get(3000ms) on an empty queue", &blocked);
  if (!blocked) {
    queue.Shutdown(true);
    return;
  }
  const Clock::time_point shutdown_at = Clock::now();
  queue.Shutdown(false);
  for (unsigned i = 0; i < threads; ++i) {
    getters[i]->Join();
    if (statuses[i] != Status::kShutDown || returned_at[i] - shutdown_at > kLateSlack) {
      ADD_FAILURE() << threads << " threads blocked in get(3000ms) on an empty queue, then "
                    << "shutdown(): a get " << StatusName(statuses[i]) << " "
                    << Ms(returned_at[i] - shutdown_at)
                    << " ms after shutdown(); expected ShutDown at once (shutdown() must wake "
                       "every waiter: notify_all)"
                    << ErrorNote(*getters[i]) << RunContext();
      break;
    }
  }
}

TEST(Shutdown, ImmediateShutdownWakesGetsAndReleasesJoin) {
  const unsigned threads = GraderThreads();
  IntQueue items(0);
  for (long long i = 0; i < 5; ++i) items.Put(i);
  IntQueue empty(0);
  std::vector<Status> statuses(threads, Status::kOk);
  bool blocked = false;
  auto callers = StartBlockedCalls(
      threads,
      [&](unsigned i) {
        if (i % 2 == 0) {
          items.Join();
        } else {
          long long item = -1;
          statuses[i] = empty.Get(&item);
        }
      },
      "join() on a queue of 5 items, or get() on an empty queue", &blocked);
  if (!blocked) {
    items.Shutdown(true);
    empty.Shutdown(true);
    return;
  }
  items.Shutdown(true);
  empty.Shutdown(true);
  for (unsigned i = 0; i < threads; ++i) {
    callers[i]->Join();
    if (i % 2 == 0) {
      ExpectNoError(*callers[i], "join() on a queue of 5 untouched items, then shutdown(true)");
    } else {
      ExpectStatus(statuses[i], Status::kShutDown,
                   "get() blocked on an empty queue, then shutdown(true)" +
                       ErrorNote(*callers[i]));
    }
  }
  ExpectQSize(items.QSize(), 0, "a queue of 5 items, then shutdown(true) (they are dropped)");
}

TEST(Shutdown, ImmediateShutdownStillWaitsForItemsInFlight) {
  IntQueue queue(0);
  queue.Put(1);
  queue.Put(2);
  queue.Put(3);
  long long item = -1;
  queue.Get(&item);
  AsyncCall joiner([&] { queue.Join(); });
  if (!StaysBlocked(joiner)) {
    ADD_FAILURE() << "put 1, 2, 3, get() -> " << item << ", then join() returned at once";
    return;
  }
  queue.Shutdown(true);
  if (joiner.WaitReturned(kSettle)) {
    ADD_FAILURE() << "put 1, 2, 3, get() -> 1, a thread in join(), then shutdown(true) dropped "
                     "2 and 3: join() returned, though item 1 was got and is not marked "
                     "task_done() yet (only the dropped items count as done)";
    return;
  }
  queue.TaskDone();
  joiner.Join();
}

// Producers put and consumers get while the main thread shuts the queue down: every item
// whose put() returned normally must come out exactly once (a plain shutdown lets get()
// drain the queue), no item whose put() threw, and every thread must end with ShutDown.
constexpr long long kMaxRaceItems = 20'000;  // per producer

TEST(Shutdown, RacesWithPutsAndGets) {
  const unsigned threads = GraderThreads();
  const std::uint64_t seed = GraderSeed();
  std::mt19937_64 rng = Rng(seed, 77);
  const std::size_t maxsize = std::uniform_int_distribution<std::size_t>(0, 4)(rng);
  IntQueue queue(maxsize);
  std::vector<std::vector<long long>> put_ok(threads);
  std::vector<std::vector<long long>> put_refused(threads);
  std::vector<std::vector<long long>> got(threads);
  std::vector<std::unique_ptr<AsyncCall>> producers;
  std::vector<std::unique_ptr<AsyncCall>> consumers;
  for (unsigned t = 0; t < threads; ++t) {
    producers.push_back(std::make_unique<AsyncCall>([&, t] {
      // Bounded, so that an unbounded queue stays small in an optimised build.
      for (long long i = 0; i < kMaxRaceItems; ++i) {
        const long long item = t * 1'000'000LL + i;
        if (queue.Put(item) != Status::kOk) {
          put_refused[t].push_back(item);
          return;
        }
        put_ok[t].push_back(item);
      }
    }));
    consumers.push_back(std::make_unique<AsyncCall>([&, t] {
      for (;;) {
        long long item = -1;
        if (queue.Get(&item) != Status::kOk) return;
        got[t].push_back(item);
      }
    }));
  }
  std::this_thread::sleep_for(milliseconds(30));
  queue.Shutdown(false);
  for (auto& producer : producers) producer->Join();
  for (auto& consumer : consumers) consumer->Join();

  const std::string scenario = std::to_string(threads) + " producers and " +
                               std::to_string(threads) + " consumers on a BlockingQueue(" +
                               std::to_string(maxsize) + "), then shutdown()";
  std::vector<long long> all_got;
  for (unsigned t = 0; t < threads; ++t) {
    ExpectNoError(*producers[t], scenario + ": a producer");
    ExpectNoError(*consumers[t], scenario + ": a consumer");
    all_got.insert(all_got.end(), got[t].begin(), got[t].end());
  }
  std::vector<long long> all_put;
  for (unsigned t = 0; t < threads; ++t) {
    all_put.insert(all_put.end(), put_ok[t].begin(), put_ok[t].end());
  }
  std::sort(all_got.begin(), all_got.end());
  std::sort(all_put.begin(), all_put.end());
  if (all_got != all_put) {
    std::vector<long long> missing;
    std::set_difference(all_put.begin(), all_put.end(), all_got.begin(), all_got.end(),
                        std::back_inserter(missing));
    std::vector<long long> extra;
    std::set_difference(all_got.begin(), all_got.end(), all_put.begin(), all_put.end(),
                        std::back_inserter(extra));
    ADD_FAILURE() << scenario << ": " << all_put.size() << " puts returned normally and "
                  << all_got.size() << " items came out before get() threw ShutDown; "
                  << (missing.empty() ? ""
                                      : "item " + std::to_string(missing.front()) +
                                            " was put but never came out (after a plain "
                                            "shutdown(), get() must still drain the queue); ")
                  << (extra.empty() ? ""
                                    : "item " + std::to_string(extra.front()) +
                                          " came out more often than it was put successfully")
                  << RunContext();
  }
}

// --- No busy-waiting -----------------------------------------------------------------

// Watches the CPU time of the thread running `call` (which must be blocked) for kCpuWindow.
void ExpectSleepsWhileBlocked(AsyncCall& call, const std::string& what) {
  if (!StaysBlocked(call)) {
    ADD_FAILURE() << what << ": the call returned, though nothing released it" << ErrorNote(call);
    return;
  }
  const std::chrono::nanoseconds thread_before = ThreadCpuTime(call.Thread());
  const std::chrono::nanoseconds process_before = ProcessCpuTime();
  std::this_thread::sleep_for(kCpuWindow);
  const std::chrono::nanoseconds thread_used = ThreadCpuTime(call.Thread()) - thread_before;
  const std::chrono::nanoseconds process_used = ProcessCpuTime() - process_before;
  if (call.Returned()) {
    ADD_FAILURE() << what << ": the call returned, though nothing released it" << ErrorNote(call);
  } else if (thread_used > kMaxBlockedThreadCpu) {
    ADD_FAILURE() << what << ": while it was blocked for " << kCpuWindow.count()
                  << " ms, its thread used " << Ms(thread_used)
                  << " ms of CPU time: it busy-waits (spins, maybe with yield() or a "
                     "very short sleep) instead of sleeping; wait on a "
                     "std::condition_variable, which uses no CPU until notified";
  } else if (process_used > kMaxProcessCpu) {
    ADD_FAILURE() << what << ": while it was blocked for " << kCpuWindow.count()
                  << " ms and the test slept, the process used " << Ms(process_used)
                  << " ms of CPU time: something spins instead of sleeping";
  }
}

TEST(NoBusyWait, BlockedGetSleeps) {
  IntQueue queue(0);
  long long item = -1;
  AsyncCall getter([&] { queue.Get(&item); });
  ExpectSleepsWhileBlocked(getter, "get() on an empty queue");
  queue.Put(1);
}

TEST(NoBusyWait, BlockedTimedGetSleeps) {
  IntQueue queue(0);
  long long item = -1;
  AsyncCall getter([&] { queue.GetFor(milliseconds(5000), &item); });
  ExpectSleepsWhileBlocked(getter, "get(5000ms) on an empty queue");
  queue.Put(1);
}

TEST(NoBusyWait, BlockedPutSleeps) {
  IntQueue queue(1);
  queue.Put(1);
  AsyncCall putter([&] { queue.Put(2); });
  ExpectSleepsWhileBlocked(putter, "put(2) on a full BlockingQueue(1)");
  long long item = -1;
  queue.Get(&item);
}

TEST(NoBusyWait, BlockedJoinSleeps) {
  IntQueue queue(0);
  queue.Put(1);
  long long item = -1;
  queue.Get(&item);
  AsyncCall joiner([&] { queue.Join(); });
  ExpectSleepsWhileBlocked(joiner, "join() with one item got but not marked task_done()");
  queue.TaskDone();
}

}  // namespace
}  // namespace queue_test
