// Public tests of the `blocking_queue` exercise: build them with CMakeLists.txt (see README.md).
//
// BlockingQueueBasics here are the same checks as the graded `basics` test.
// BlockingQueuePublic are smaller, simpler versions of the hidden tests with threads:
// passing them is a good sign, not a guarantee. Build once with -DBLOCKING_QUEUE_TSAN=ON
// too: a data race is a failure even when every value comes out right. A test that hangs
// (a lost wake-up, a shutdown() that wakes too few threads) is stopped by ctest after 60 s.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

// Angle brackets: found only through -I (BLOCKING_QUEUE_DIR), never next to this file.
#include <blocking_queue.hpp>

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// How late a timed call may return on a loaded machine; early is never allowed.
constexpr milliseconds kLateSlack{500};
// How long a call must stay blocked to count as blocked.
constexpr milliseconds kSettle{100};

TEST(BlockingQueueBasics, NewQueueIsEmpty) {
  const BlockingQueue<long long> by_default;
  EXPECT_EQ(by_default.qsize(), 0u);
  EXPECT_TRUE(by_default.empty());
  EXPECT_FALSE(by_default.full()) << "an unbounded queue is never full";
  const BlockingQueue<long long> bounded(3);
  EXPECT_TRUE(bounded.empty());
  EXPECT_FALSE(bounded.full());
}

TEST(BlockingQueueBasics, GetReturnsItemsInPutOrder) {
  BlockingQueue<long long> queue;
  for (long long i = 1; i <= 5; ++i) queue.put(i * 10);
  EXPECT_EQ(queue.qsize(), 5u);
  for (long long i = 1; i <= 5; ++i) EXPECT_EQ(queue.get(), i * 10) << "first in, first out";
  EXPECT_TRUE(queue.empty());
}

TEST(BlockingQueueBasics, PutsAndGetsInterleave) {
  BlockingQueue<long long> queue;
  queue.put(1);
  queue.put(2);
  EXPECT_EQ(queue.get(), 1);
  queue.put(3);
  EXPECT_EQ(queue.get(), 2);
  queue.put(4);
  EXPECT_EQ(queue.get(), 3);
  EXPECT_EQ(queue.get(), 4);
  EXPECT_TRUE(queue.empty());
}

TEST(BlockingQueueBasics, HoldsLongLongItems) {
  BlockingQueue<long long> queue;
  queue.put(5'000'000'000LL);
  EXPECT_EQ(queue.get(), 5'000'000'000LL) << "is T used for the items?";
}

TEST(BlockingQueueBasics, UnboundedQueueIsNeverFull) {
  BlockingQueue<long long> queue;
  for (long long i = 0; i < 100'000; ++i) queue.put(i);
  EXPECT_FALSE(queue.full());
  EXPECT_EQ(queue.qsize(), 100'000u);
  for (long long i = 0; i < 100'000; ++i) ASSERT_EQ(queue.get(), i);
}

TEST(BlockingQueueBasics, BoundedQueueIsFullAtMaxsize) {
  BlockingQueue<long long> queue(3);
  queue.put(1);
  queue.put(2);
  EXPECT_FALSE(queue.full());
  queue.put(3);
  EXPECT_TRUE(queue.full());
  EXPECT_FALSE(queue.put(4, milliseconds(0))) << "full: put(4, 0ms) must return false";
  EXPECT_EQ(queue.qsize(), 3u);
  EXPECT_EQ(queue.get(), 1);
  EXPECT_FALSE(queue.full());
  EXPECT_TRUE(queue.put(5, milliseconds(0))) << "room for one: put(5, 0ms) must succeed";
  EXPECT_EQ(queue.get(), 2);
  EXPECT_EQ(queue.get(), 3);
  EXPECT_EQ(queue.get(), 5) << "the item of the timed put that gave up must not be there";
}

TEST(BlockingQueueBasics, TimedGetOnEmptyQueueWaitsOutItsTimeout) {
  BlockingQueue<long long> queue;
  const Clock::time_point start = Clock::now();
  EXPECT_EQ(queue.get(milliseconds(60)), std::nullopt);
  const Clock::duration elapsed = Clock::now() - start;
  EXPECT_GE(elapsed, milliseconds(60)) << "get(60ms) gave up before its timeout";
  EXPECT_LE(elapsed, milliseconds(60) + kLateSlack) << "get(60ms) gave up far too late";
}

TEST(BlockingQueueBasics, TimedPutOnFullQueueWaitsOutItsTimeout) {
  BlockingQueue<long long> queue(1);
  queue.put(1);
  const Clock::time_point start = Clock::now();
  EXPECT_FALSE(queue.put(2, milliseconds(60)));
  const Clock::duration elapsed = Clock::now() - start;
  EXPECT_GE(elapsed, milliseconds(60)) << "put(2, 60ms) gave up before its timeout";
  EXPECT_LE(elapsed, milliseconds(60) + kLateSlack) << "put(2, 60ms) gave up far too late";
  EXPECT_EQ(queue.get(), 1);
  EXPECT_TRUE(queue.empty());
}

TEST(BlockingQueueBasics, TimedCallsSucceedAtOnceWhenTheyCan) {
  BlockingQueue<long long> queue(2);
  const Clock::time_point start = Clock::now();
  EXPECT_TRUE(queue.put(7, milliseconds(2000)));
  EXPECT_EQ(queue.get(milliseconds(2000)), std::optional<long long>(7));
  EXPECT_LT(Clock::now() - start, kLateSlack) << "a timed call must not wait when it need not";
}

TEST(BlockingQueueBasics, ZeroAndNegativeTimeoutsDoNotWait) {
  BlockingQueue<long long> queue(1);
  const Clock::time_point start = Clock::now();
  EXPECT_EQ(queue.get(milliseconds(0)), std::nullopt);
  EXPECT_EQ(queue.get(milliseconds(-5)), std::nullopt);
  EXPECT_TRUE(queue.put(1, milliseconds(0)));
  EXPECT_FALSE(queue.put(2, milliseconds(0)));
  EXPECT_FALSE(queue.put(3, milliseconds(-5)));
  EXPECT_EQ(queue.get(milliseconds(0)), std::optional<long long>(1));
  EXPECT_LT(Clock::now() - start, kLateSlack) << "a timeout of zero or less must not wait";
}

TEST(BlockingQueueBasics, JoinReturnsAtOnceWhenEveryTaskIsDone) {
  BlockingQueue<long long> queue;
  queue.join();  // nothing was ever put
  queue.put(1);
  queue.put(2);
  queue.get();
  queue.task_done();
  queue.get();
  queue.task_done();
  queue.join();  // both tasks done: must not block
}

TEST(BlockingQueueBasics, ExtraTaskDoneThrowsLogicError) {
  BlockingQueue<long long> queue;
  EXPECT_THROW(queue.task_done(), std::logic_error) << "task_done() on a new queue";
  queue.put(1);
  queue.put(2);
  // Like Python, task_done() counts items put, whether or not they were got yet.
  EXPECT_NO_THROW(queue.task_done());
  EXPECT_NO_THROW(queue.task_done());
  EXPECT_THROW(queue.task_done(), std::logic_error) << "a third task_done() after two puts";
  EXPECT_EQ(queue.qsize(), 2u) << "task_done() removes nothing";
}

TEST(BlockingQueueBasics, TimedPutThatGivesUpIsNoTask) {
  BlockingQueue<long long> queue(1);
  queue.put(1);
  EXPECT_FALSE(queue.put(2, milliseconds(0)));
  queue.get();
  EXPECT_NO_THROW(queue.task_done());
  EXPECT_THROW(queue.task_done(), std::logic_error) << "only one item was put";
  queue.join();
}

TEST(BlockingQueueBasics, ShutdownMakesPutThrow) {
  BlockingQueue<long long> queue;
  queue.shutdown(false);
  EXPECT_THROW(queue.put(1), ShutDown);
  EXPECT_THROW(queue.put(2, milliseconds(10)), ShutDown) << "ShutDown, not false";
  EXPECT_TRUE(queue.empty());
  EXPECT_THROW(queue.task_done(), std::logic_error) << "no item was put";
  queue.join();
}

TEST(BlockingQueueBasics, ShutdownLetsGetDrainTheQueueThenThrow) {
  BlockingQueue<long long> queue;
  queue.put(1);
  queue.put(2);
  queue.put(3);
  queue.shutdown(false);
  EXPECT_EQ(queue.qsize(), 3u);
  EXPECT_EQ(queue.get(), 1);
  EXPECT_EQ(queue.get(milliseconds(10)), std::optional<long long>(2));
  EXPECT_EQ(queue.get(), 3);
  EXPECT_THROW(queue.get(), ShutDown);
  EXPECT_THROW(queue.get(milliseconds(10)), ShutDown) << "ShutDown, not std::nullopt";
  EXPECT_THROW(queue.get(milliseconds(0)), ShutDown);
}

TEST(BlockingQueueBasics, ShutdownWithoutArgumentIsNotImmediate) {
  BlockingQueue<long long> queue;
  queue.put(1);
  queue.shutdown();
  EXPECT_EQ(queue.qsize(), 1u);
  EXPECT_EQ(queue.get(), 1);
  EXPECT_THROW(queue.get(), ShutDown);
}

TEST(BlockingQueueBasics, ImmediateShutdownDropsItemsAndCountsThemDone) {
  BlockingQueue<long long> queue;
  queue.put(1);
  queue.put(2);
  queue.put(3);
  EXPECT_EQ(queue.get(), 1);
  queue.shutdown(true);
  EXPECT_TRUE(queue.empty()) << "shutdown(true) drops the items";
  EXPECT_THROW(queue.get(), ShutDown);
  EXPECT_THROW(queue.put(4), ShutDown);
  EXPECT_NO_THROW(queue.task_done()) << "item 1 is still being processed";
  EXPECT_THROW(queue.task_done(), std::logic_error) << "the dropped items 2, 3 count as done";
  queue.join();
}

TEST(BlockingQueueBasics, ShutdownTwiceIsHarmless) {
  BlockingQueue<long long> queue(2);
  queue.put(1);
  queue.shutdown(false);
  queue.shutdown(false);
  EXPECT_EQ(queue.get(), 1);
  queue.shutdown(true);
  EXPECT_THROW(queue.get(), ShutDown);
}

TEST(BlockingQueueBasics, MoveOnlyItems) {
  BlockingQueue<std::unique_ptr<int>> queue(2);
  queue.put(std::make_unique<int>(1));
  EXPECT_TRUE(queue.put(std::make_unique<int>(2), milliseconds(10)));
  EXPECT_FALSE(queue.put(std::make_unique<int>(3), milliseconds(0)));
  std::unique_ptr<int> item = queue.get();
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(*item, 1);
  std::optional<std::unique_ptr<int>> timed = queue.get(milliseconds(10));
  ASSERT_TRUE(timed.has_value());
  ASSERT_NE(*timed, nullptr);
  EXPECT_EQ(**timed, 2);
  EXPECT_EQ(queue.get(milliseconds(0)), std::nullopt);
  // Items left inside are freed with the queue, and so are items dropped by shutdown(true)
  // (AddressSanitizer reports a leak otherwise).
  queue.put(std::make_unique<int>(4));
  BlockingQueue<std::unique_ptr<int>> dropping;
  dropping.put(std::make_unique<int>(5));
  dropping.shutdown(true);
}

TEST(BlockingQueueBasics, QueuesAreIndependent) {
  BlockingQueue<long long> first(1);
  BlockingQueue<long long> second;
  first.put(1);
  second.put(2);
  second.put(3);
  EXPECT_TRUE(first.full());
  EXPECT_EQ(second.qsize(), 2u);
  first.shutdown(true);
  EXPECT_EQ(second.get(), 2) << "is the state a member?";
}

// --- With threads ----------------------------------------------------------------------

TEST(BlockingQueuePublic, GetWaitsForPut) {
  BlockingQueue<long long> queue;
  std::atomic<bool> returned{false};
  long long item = -1;
  std::thread getter([&] {
    item = queue.get();
    returned = true;
  });
  std::this_thread::sleep_for(kSettle);
  EXPECT_FALSE(returned) << "get() on an empty queue returned with no put()";
  queue.put(42);
  getter.join();
  EXPECT_EQ(item, 42);
}

TEST(BlockingQueuePublic, PutWaitsWhileFull) {
  BlockingQueue<long long> queue(1);
  queue.put(1);
  std::atomic<bool> returned{false};
  std::thread putter([&] {
    queue.put(2);
    returned = true;
  });
  std::this_thread::sleep_for(kSettle);
  EXPECT_FALSE(returned) << "put() on a full queue returned with no get()";
  EXPECT_EQ(queue.get(), 1);
  putter.join();
  EXPECT_EQ(queue.get(), 2);
}

TEST(BlockingQueuePublic, ShutdownWakesEveryBlockedGet) {
  constexpr int kThreads = 4;
  BlockingQueue<long long> queue;
  std::atomic<int> shut_down{0};
  std::vector<std::thread> getters;
  for (int t = 0; t < kThreads; ++t) {
    getters.emplace_back([&] {
      try {
        queue.get();
      } catch (const ShutDown&) {
        ++shut_down;
      }
    });
  }
  std::this_thread::sleep_for(kSettle);
  queue.shutdown();  // a hang here: not every waiter was woken (notify_all?)
  for (std::thread& getter : getters) getter.join();
  EXPECT_EQ(shut_down, kThreads) << "every blocked get() must throw ShutDown";
}

TEST(BlockingQueuePublic, JoinWaitsForTheLastTaskDone) {
  BlockingQueue<long long> queue;
  queue.put(1);
  queue.get();
  std::atomic<bool> returned{false};
  std::thread joiner([&] {
    queue.join();
    returned = true;
  });
  std::this_thread::sleep_for(kSettle);
  EXPECT_FALSE(returned) << "join() returned before task_done() of the item got";
  queue.task_done();
  joiner.join();
}

// Each consumer must see each producer's items in the order that producer put them, and
// together they must get every item exactly once.
TEST(BlockingQueuePublic, ProducersAndConsumers) {
  constexpr int kThreads = 4;
  constexpr long long kItems = 20'000;
  BlockingQueue<long long> queue(4);
  std::vector<std::vector<long long>> got(kThreads);
  std::vector<std::thread> threads;
  for (int p = 0; p < kThreads; ++p) {
    threads.emplace_back([&queue, p] {
      for (long long i = 0; i < kItems; ++i) queue.put(p * kItems + i);
    });
  }
  for (int c = 0; c < kThreads; ++c) {
    threads.emplace_back([&queue, &got, c] {
      // Bounded, so that a get() that does not wait cannot loop here forever.
      for (long long n = 0; n <= kThreads * kItems; ++n) {
        const long long item = queue.get();
        if (item < 0) break;
        got[c].push_back(item);
      }
    });
  }
  for (int p = 0; p < kThreads; ++p) threads[p].join();
  for (int c = 0; c < kThreads; ++c) queue.put(-1);  // one end marker per consumer
  for (int c = 0; c < kThreads; ++c) threads[kThreads + c].join();
  std::vector<int> seen(kThreads * kItems, 0);
  for (int c = 0; c < kThreads; ++c) {
    std::vector<long long> last(kThreads, -1);
    for (long long item : got[c]) {
      ASSERT_GE(item, 0);
      ASSERT_LT(item, kThreads * kItems) << "an item nobody put";
      const long long producer = item / kItems;
      ASSERT_GT(item, last[producer]) << "one producer's items came out of order";
      last[producer] = item;
      ++seen[item];
    }
  }
  for (long long i = 0; i < kThreads * kItems; ++i) {
    ASSERT_EQ(seen[i], 1) << "item " << i << " came out " << seen[i] << " times";
  }
}

// The lecture's adder/printer pipeline; its daemons end with shutdown().
TEST(BlockingQueuePublic, LecturePipeline) {
  constexpr int kGenerators = 10;
  BlockingQueue<long long> input_q;
  BlockingQueue<long long> printer_q;
  std::mutex printed_mutex;
  std::string printed;
  // The daemons loop until get() throws ShutDown; the bound only keeps a get() that does
  // not wait from spinning here forever.
  std::thread adder([&] {
    long long counter = 0;
    try {
      for (int n = 0; n <= kGenerators; ++n) {
        counter += input_q.get();
        printer_q.put(counter);
        input_q.task_done();
      }
    } catch (const ShutDown&) {
    }
  });
  std::thread printer([&] {
    try {
      for (int n = 0; n <= kGenerators; ++n) {
        const long long value = printer_q.get();
        {
          std::lock_guard<std::mutex> lock(printed_mutex);
          printed += std::to_string(value) + " ";
        }
        printer_q.task_done();
      }
    } catch (const ShutDown&) {
    }
  });
  std::vector<std::thread> generators;
  for (int g = 0; g < kGenerators; ++g) generators.emplace_back([&] { input_q.put(1); });
  for (std::thread& generator : generators) generator.join();
  input_q.join();
  printer_q.join();
  {
    std::lock_guard<std::mutex> lock(printed_mutex);
    EXPECT_EQ(printed, "1 2 3 4 5 6 7 8 9 10 ");
  }
  input_q.shutdown();
  printer_q.shutdown();
  adder.join();
  printer.join();
}

}  // namespace
