// Hidden driver of `blocking_queue`, part 1: the contract as one thread sees it (GoogleTest).
//
// Theory of operation: the driver never sees blocking_queue.hpp. It reaches the student's
// queue only through blocking_queue_adapter.h (via queue_support.h), which
// glue/blocking_queue_glue.cpp implements per submission, so this file is compiled once per
// flavor. Nothing here needs a second thread: every call either returns at once or waits
// out a short timeout. The `basics` test runs these under AddressSanitizer, which also
// catches leaked or doubly freed std::unique_ptr items. The same checks are in the
// exercise's public_test.cpp.
//
// Failure messages are read by students: each says what was called, in which state, what
// came back and what was expected.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include "queue_support.h"

namespace queue_test {
namespace {

// How late a timed call may return on a loaded machine; early is never allowed.
constexpr milliseconds kLateSlack{500};

// Fails unless the timed call that gave `status` after `elapsed` gave up, not before
// `timeout` and at most kLateSlack after it.
void ExpectGaveUpOnTime(Status status, Clock::duration elapsed, milliseconds timeout,
                        const std::string& what) {
  const long long ms = std::chrono::duration_cast<milliseconds>(elapsed).count();
  if (status != Status::kTimedOut) {
    ExpectStatus(status, Status::kTimedOut, what);
  } else if (elapsed < timeout) {
    ADD_FAILURE() << what << ": gave up after " << ms << " ms, before its timeout";
  } else if (elapsed > timeout + kLateSlack) {
    ADD_FAILURE() << what << ": gave up only after " << ms << " ms";
  }
}

void ExpectFastEnough(Clock::time_point start, const std::string& what) {
  if (Clock::now() - start < kLateSlack) return;
  ADD_FAILURE() << what << " took " << MillisSince(start)
                << " ms: a timed call must not wait when it need not, and a timeout of zero "
                   "or less does not wait at all";
}

void ExpectGot(IntQueue& queue, long long expected, const std::string& what) {
  long long item = -1;
  const Status status = queue.Get(&item);
  if (status != Status::kOk) {
    ADD_FAILURE() << what << ": get() " << StatusName(status) << ", expected it to return "
                  << expected;
  } else if (item != expected) {
    ADD_FAILURE() << what << ": get() returned " << item << ", expected " << expected;
  }
}

void ExpectSize(const IntQueue& queue, std::size_t size, bool full, const std::string& what) {
  ExpectQSize(queue.QSize(), size, what);
  const bool empty = queue.Empty();
  if (empty != (size == 0)) {
    ADD_FAILURE() << what << ": empty() returned " << (empty ? "true" : "false") << " with "
                  << size << " items in the queue";
  }
  if (queue.Full() != full) {
    ADD_FAILURE() << what << ": full() returned " << (full ? "false" : "true") << " with "
                  << size << " items in the queue";
  }
}

// Calls task_done() and expects it to throw std::logic_error.
void ExpectTaskDoneThrows(IntQueue& queue, const std::string& what) {
  try {
    queue.TaskDone();
    ADD_FAILURE() << what << ": task_done() returned normally; it must throw std::logic_error "
                             "when called more times than items were put";
  } catch (const std::logic_error&) {
  } catch (...) {
    ADD_FAILURE() << what << ": task_done() threw " << DescribeCurrentException()
                  << "; expected std::logic_error";
  }
}

void ExpectTaskDoneReturns(IntQueue& queue, const std::string& what) {
  try {
    queue.TaskDone();
  } catch (...) {
    ADD_FAILURE() << what << ": task_done() threw " << DescribeCurrentException()
                  << "; it may only throw when called more times than items were put";
  }
}

TEST(BlockingQueueBasics, NewQueueIsEmpty) {
  IntQueue by_default;
  ExpectSize(by_default, 0, false, "BlockingQueue<long long>()");
  IntQueue unbounded(0);
  ExpectSize(unbounded, 0, false, "BlockingQueue<long long>(0)");
  IntQueue bounded(3);
  ExpectSize(bounded, 0, false, "BlockingQueue<long long>(3)");
}

TEST(BlockingQueueBasics, GetReturnsItemsInPutOrder) {
  IntQueue queue(0);
  for (long long i = 1; i <= 5; ++i) queue.Put(i * 10);
  ExpectSize(queue, 5, false, "put(10), put(20), ..., put(50) on a new queue");
  for (long long i = 1; i <= 5; ++i) {
    ExpectGot(queue, i * 10, "put(10), put(20), ..., put(50), then get() " + std::to_string(i) +
                                 " times (first in, first out)");
  }
  ExpectSize(queue, 0, false, "five puts, then five gets");
}

TEST(BlockingQueueBasics, PutsAndGetsInterleave) {
  IntQueue queue(0);
  queue.Put(1);
  queue.Put(2);
  ExpectGot(queue, 1, "put(1), put(2), get()");
  queue.Put(3);
  ExpectGot(queue, 2, "put(1), put(2), get(), put(3), get()");
  queue.Put(4);
  ExpectGot(queue, 3, "put(1), put(2), get(), put(3), get(), put(4), get()");
  ExpectGot(queue, 4, "put(1), put(2), get(), put(3), get(), put(4), get(), get()");
  ExpectSize(queue, 0, false, "four puts and four gets");
}

TEST(BlockingQueueBasics, HoldsLongLongItems) {
  IntQueue queue(0);
  queue.Put(5'000'000'000LL);
  queue.Put(-7);
  ExpectGot(queue, 5'000'000'000LL, "put(5000000000) (beyond int: is T used for the items?)");
  ExpectGot(queue, -7, "put(5000000000), put(-7), get(), get()");
}

TEST(BlockingQueueBasics, UnboundedQueueIsNeverFull) {
  IntQueue queue;
  constexpr long long kItems = 100'000;
  for (long long i = 0; i < kItems; ++i) queue.Put(i);
  ExpectSize(queue, kItems, false, "100000 puts on BlockingQueue<long long>() (unbounded)");
  for (long long i = 0; i < kItems; ++i) {
    long long item = -1;
    if (queue.Get(&item) != Status::kOk || item != i) {
      ADD_FAILURE() << "100000 puts of 0, 1, 2, ..., then get() number " << i + 1
                    << " returned " << item << ", expected " << i;
      return;
    }
  }
}

TEST(BlockingQueueBasics, BoundedQueueIsFullAtMaxsize) {
  IntQueue queue(3);
  queue.Put(1);
  queue.Put(2);
  ExpectSize(queue, 2, false, "BlockingQueue(3) after two puts");
  queue.Put(3);
  ExpectSize(queue, 3, true, "BlockingQueue(3) after three puts");
  ExpectStatus(queue.PutFor(4, milliseconds(0)), Status::kTimedOut,
               "BlockingQueue(3) holding 3 items: put(4, 0ms)");
  ExpectSize(queue, 3, true, "BlockingQueue(3) holding 3 items, after put(4, 0ms) gave up");
  ExpectGot(queue, 1, "BlockingQueue(3): put 1, 2, 3, then get()");
  ExpectSize(queue, 2, false, "BlockingQueue(3): put 1, 2, 3, then get()");
  ExpectStatus(queue.PutFor(5, milliseconds(0)), Status::kOk,
               "BlockingQueue(3) holding 2 items: put(5, 0ms)");
  ExpectGot(queue, 2, "BlockingQueue(3): put 1, 2, 3, get(), put(5, 0ms), get()");
  ExpectGot(queue, 3, "... get() again");
  ExpectGot(queue, 5, "... get() again (the item of the timed put that gave up must not be "
                      "there)");
}

TEST(BlockingQueueBasics, TimedGetOnEmptyQueueWaitsOutItsTimeout) {
  IntQueue queue(0);
  for (const milliseconds timeout : {milliseconds(1), milliseconds(60)}) {
    long long item = -1;
    const Clock::time_point start = Clock::now();
    const Status status = queue.GetFor(timeout, &item);
    ExpectGaveUpOnTime(status, Clock::now() - start, timeout,
                       "get(" + std::to_string(timeout.count()) + "ms) on an empty queue");
  }
}

TEST(BlockingQueueBasics, TimedPutOnFullQueueWaitsOutItsTimeout) {
  IntQueue queue(1);
  queue.Put(1);
  const milliseconds timeout(60);
  const Clock::time_point start = Clock::now();
  const Status status = queue.PutFor(2, timeout);
  ExpectGaveUpOnTime(status, Clock::now() - start, timeout,
                     "put(1), then put(2, 60ms) on the full BlockingQueue(1)");
  ExpectSize(queue, 1, true, "BlockingQueue(1) holding 1, after put(2, 60ms) gave up");
  ExpectGot(queue, 1, "BlockingQueue(1): put(1), put(2, 60ms) gave up, get()");
}

TEST(BlockingQueueBasics, TimedCallsSucceedAtOnceWhenTheyCan) {
  IntQueue queue(2);
  const Clock::time_point start = Clock::now();
  ExpectStatus(queue.PutFor(7, milliseconds(2000)), Status::kOk,
               "put(7, 2000ms) on an empty BlockingQueue(2)");
  long long item = -1;
  ExpectStatus(queue.GetFor(milliseconds(2000), &item), Status::kOk,
               "put(7, 2000ms), then get(2000ms)");
  ExpectItem(item, 7, "put(7, 2000ms), then get(2000ms)");
  ExpectFastEnough(start, "put(7, 2000ms) and get(2000ms), both of which could succeed at once,");
}

TEST(BlockingQueueBasics, ZeroAndNegativeTimeoutsDoNotWait) {
  IntQueue queue(1);
  long long item = -1;
  const Clock::time_point start = Clock::now();
  ExpectStatus(queue.GetFor(milliseconds(0), &item), Status::kTimedOut,
               "get(0ms) on an empty queue");
  ExpectStatus(queue.GetFor(milliseconds(-5), &item), Status::kTimedOut,
               "get(-5ms) on an empty queue");
  ExpectStatus(queue.PutFor(1, milliseconds(0)), Status::kOk,
               "put(1, 0ms) on an empty BlockingQueue(1)");
  ExpectStatus(queue.PutFor(2, milliseconds(0)), Status::kTimedOut,
               "put(2, 0ms) on a full BlockingQueue(1)");
  ExpectStatus(queue.PutFor(3, milliseconds(-5)), Status::kTimedOut,
               "put(3, -5ms) on a full BlockingQueue(1)");
  ExpectStatus(queue.GetFor(milliseconds(0), &item), Status::kOk,
               "get(0ms) on a BlockingQueue(1) holding 1");
  ExpectItem(item, 1, "put(1, 0ms), then get(0ms)");
  ExpectFastEnough(start, "six calls with timeouts of 0 ms or less");
}

TEST(BlockingQueueBasics, JoinReturnsAtOnceWhenEveryTaskIsDone) {
  IntQueue queue(0);
  queue.Join();  // nothing was ever put
  queue.Put(1);
  queue.Put(2);
  long long item = -1;
  queue.Get(&item);
  ExpectTaskDoneReturns(queue, "put(1), put(2), get()");
  queue.Get(&item);
  ExpectTaskDoneReturns(queue, "put(1), put(2), get(), task_done(), get()");
  queue.Join();  // both tasks done: must not block
}

TEST(BlockingQueueBasics, ExtraTaskDoneThrowsLogicError) {
  IntQueue queue(0);
  ExpectTaskDoneThrows(queue, "task_done() on a new queue");
  queue.Put(1);
  queue.Put(2);
  // Like Python, task_done() counts items put, whether or not they were got yet.
  ExpectTaskDoneReturns(queue, "put(1), put(2), task_done()");
  ExpectTaskDoneReturns(queue, "put(1), put(2), task_done(), task_done()");
  ExpectTaskDoneThrows(queue, "put(1), put(2), then a third task_done()");
  ExpectSize(queue, 2, false, "put(1), put(2), task_done() twice (task_done() removes nothing)");
}

TEST(BlockingQueueBasics, TimedPutThatGivesUpIsNoTask) {
  IntQueue queue(1);
  queue.Put(1);
  ExpectStatus(queue.PutFor(2, milliseconds(0)), Status::kTimedOut,
               "put(2, 0ms) on a full BlockingQueue(1)");
  long long item = -1;
  queue.Get(&item);
  ExpectTaskDoneReturns(queue, "put(1), put(2, 0ms) gave up, get(), task_done()");
  ExpectTaskDoneThrows(queue,
                       "put(1), put(2, 0ms) gave up, get(), task_done(), task_done() (only one "
                       "item was put)");
  queue.Join();
}

TEST(BlockingQueueBasics, ShutdownMakesPutThrow) {
  IntQueue queue(0);
  queue.Shutdown(false);
  ExpectStatus(queue.Put(1), Status::kShutDown, "shutdown(false), then put(1)");
  ExpectStatus(queue.PutFor(2, milliseconds(10)), Status::kShutDown,
               "shutdown(false), then put(2, 10ms) (ShutDown, not false)");
  ExpectSize(queue, 0, false, "shutdown(false), then put(1) and put(2, 10ms) threw");
  ExpectTaskDoneThrows(queue, "shutdown(false), put(1) threw ShutDown, then task_done()");
  queue.Join();
}

TEST(BlockingQueueBasics, ShutdownLetsGetDrainTheQueueThenThrow) {
  IntQueue queue(0);
  queue.Put(1);
  queue.Put(2);
  queue.Put(3);
  queue.Shutdown(false);
  ExpectSize(queue, 3, false, "put(1), put(2), put(3), shutdown(false)");
  ExpectGot(queue, 1, "put(1), put(2), put(3), shutdown(false), get()");
  long long item = -1;
  ExpectStatus(queue.GetFor(milliseconds(10), &item), Status::kOk,
               "put(1), put(2), put(3), shutdown(false), get(), get(10ms)");
  ExpectItem(item, 2, "put(1), put(2), put(3), shutdown(false), get(), get(10ms)");
  ExpectGot(queue, 3, "put(1), put(2), put(3), shutdown(false), get(), get(10ms), get()");
  ExpectStatus(queue.Get(&item), Status::kShutDown, "shut down and empty: get()");
  ExpectStatus(queue.GetFor(milliseconds(10), &item), Status::kShutDown,
               "shut down and empty: get(10ms) (ShutDown, not std::nullopt)");
  ExpectStatus(queue.GetFor(milliseconds(0), &item), Status::kShutDown,
               "shut down and empty: get(0ms)");
}

TEST(BlockingQueueBasics, ShutdownWithoutArgumentIsNotImmediate) {
  IntQueue queue(0);
  queue.Put(1);
  queue.ShutdownDefault();
  ExpectSize(queue, 1, false, "put(1), shutdown() (immediate defaults to false)");
  ExpectGot(queue, 1, "put(1), shutdown(), get()");
  long long item = -1;
  ExpectStatus(queue.Get(&item), Status::kShutDown, "put(1), shutdown(), get(), get()");
}

TEST(BlockingQueueBasics, ImmediateShutdownDropsItemsAndCountsThemDone) {
  IntQueue queue(0);
  queue.Put(1);
  queue.Put(2);
  queue.Put(3);
  ExpectGot(queue, 1, "put(1), put(2), put(3), get()");
  queue.Shutdown(true);
  ExpectSize(queue, 0, false, "put(1), put(2), put(3), get(), shutdown(true)");
  long long item = -1;
  ExpectStatus(queue.Get(&item), Status::kShutDown,
               "put(1), put(2), put(3), get(), shutdown(true), get() (the rest was dropped)");
  ExpectStatus(queue.Put(4), Status::kShutDown, "after shutdown(true): put(4)");
  // Items 2 and 3 were dropped and count as done; item 1 is still being processed.
  ExpectTaskDoneReturns(queue, "put 1, 2, 3, get() -> 1, shutdown(true), task_done() for 1");
  ExpectTaskDoneThrows(queue,
                       "put 1, 2, 3, get() -> 1, shutdown(true), task_done(), task_done() "
                       "(the dropped items 2 and 3 already count as done)");
  queue.Join();
}

TEST(BlockingQueueBasics, ShutdownTwiceIsHarmless) {
  IntQueue queue(2);
  queue.Put(1);
  queue.Shutdown(false);
  queue.Shutdown(false);
  ExpectGot(queue, 1, "put(1), shutdown(false) twice, get()");
  queue.Shutdown(true);
  long long item = -1;
  ExpectStatus(queue.Get(&item), Status::kShutDown, "shut down three times and empty: get()");
}

TEST(BlockingQueueBasics, MoveOnlyItems) {
  const std::string queue_of = "BlockingQueue<std::unique_ptr<int>>(2)";
  PtrQueue queue(2);
  ExpectStatus(queue.Put(std::make_unique<int>(1)), Status::kOk,
               queue_of + ": put(std::make_unique<int>(1))");
  ExpectStatus(queue.PutFor(std::make_unique<int>(2), milliseconds(10)), Status::kOk,
               queue_of + ": put(std::make_unique<int>(2), 10ms)");
  ExpectStatus(queue.PutFor(std::make_unique<int>(3), milliseconds(0)), Status::kTimedOut,
               queue_of + " holding 2 items: put(std::make_unique<int>(3), 0ms)");
  ExpectQSize(queue.QSize(), 2, queue_of + " after two puts");
  const std::string calls[] = {queue_of + ": put 1, put 2, get()",
                               queue_of + ": put 1, put 2, get(), get(10ms)"};
  for (int i = 0; i < 2; ++i) {
    std::unique_ptr<int> item;
    const Status status = i == 0 ? queue.Get(&item) : queue.GetFor(milliseconds(10), &item);
    ExpectStatus(status, Status::kOk, calls[i]);
    if (item == nullptr) {
      ADD_FAILURE() << calls[i] << ": got a null std::unique_ptr (an item moved out twice?)";
      return;
    }
    ExpectItem(*item, i + 1, calls[i]);
  }
  std::unique_ptr<int> item;
  ExpectStatus(queue.GetFor(milliseconds(0), &item), Status::kTimedOut,
               "empty " + queue_of + ": get(0ms)");
  queue.TaskDone();
  queue.TaskDone();
  queue.Join();
  // Items left inside are freed with the queue (AddressSanitizer reports a leak otherwise),
  // and so are items dropped by shutdown(true).
  queue.Put(std::make_unique<int>(4));
  queue.Put(std::make_unique<int>(5));
  PtrQueue dropping(0);
  dropping.Put(std::make_unique<int>(6));
  dropping.Shutdown(true);
  ExpectQSize(dropping.QSize(), 0,
              "BlockingQueue<std::unique_ptr<int>>: put(std::make_unique<int>(6)), "
              "shutdown(true)");
}

TEST(BlockingQueueBasics, QueuesAreIndependent) {
  IntQueue first(1);
  IntQueue second(0);
  first.Put(1);
  second.Put(2);
  second.Put(3);
  ExpectSize(first, 1, true, "first = BlockingQueue(1) after first.put(1) and two puts on second");
  ExpectSize(second, 2, false, "second after second.put(2), second.put(3)");
  first.Shutdown(true);
  ExpectGot(second, 2, "first.shutdown(true), then second.get() (is the state a member?)");
}

}  // namespace
}  // namespace queue_test
