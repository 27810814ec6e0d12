// Hidden driver of `blocking_queue`, part 3: many threads at once (GoogleTest).
//
// Theory of operation: Stress.FifoLinearizable lets GRADER_THREADS producers and as many
// consumers use one small bounded queue (its size drawn from GRADER_SEED) for a fraction of
// a second, with some timed calls mixed in, while an observer reads qsize(), empty() and
// full(). Every put and get is recorded (fifo_history.h): the history is attached for the
// harness's linearizability checker, and the driver checks it against a FIFO queue itself,
// so reordering, loss and duplication fail the test with the operations that show them.
// The consumers stop at end markers the main thread puts after every producer finished: in
// a FIFO queue those come out last. Stress.LecturePipeline is the lecture's adder/printer
// pipeline, and Stress.MoveOnlyItems moves std::unique_ptr<int> items between threads
// (under AddressSanitizer it also catches items freed twice or leaked).
#include <gtest/gtest.h>

#include <grader_driver.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iterator>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "fifo_history.h"
#include "queue_support.h"

namespace queue_test {
namespace {

#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
constexpr long long kMaxItems = 4'000;
#else
constexpr long long kMaxItems = 10'000;
#endif
constexpr milliseconds kProduceBudget{300};
// End markers: the main thread puts kEndMarker + c for consumer c.
constexpr long long kEndMarker = 900 * kProducerStride;
// Share (out of 100) of calls made with a timeout, and the longest timeout used.
constexpr int kTimedShare = 20;
constexpr int kMaxTimeoutMs = 2;

TEST(Stress, FifoLinearizable) {
  const unsigned threads = GraderThreads();
  const unsigned producers = threads;
  const unsigned consumers = threads;
  const std::uint64_t seed = GraderSeed();
  std::mt19937_64 rng = Rng(seed, 1);
  static constexpr std::size_t kSizes[] = {1, 2, 3, 8, 0};
  const std::size_t maxsize = kSizes[rng() % std::size(kSizes)];
  const long long per_producer = std::max<long long>(1, kMaxItems / producers);
  const unsigned main_thread = producers + consumers;
  FifoRecorder recorder(
      producers + consumers + 1,
      [producers, consumers](unsigned t) {
        if (t < producers) return "producer " + std::to_string(t);
        if (t < producers + consumers) return "consumer " + std::to_string(t - producers);
        return std::string("the main thread (end markers)");
      },
      static_cast<std::size_t>(kMaxItems) + 1024);
  IntQueue queue(maxsize);
  std::vector<std::string> problems(producers + consumers + 1);
  std::atomic<bool> consumers_done{false};
  std::string observer_problem;

  // Reads the size while the others work (the three reads are separate calls, so they need
  // not agree with each other). It pauses between rounds, so that if the others hang, the
  // run is idle and judged a deadlock, not a busy loop.
  AsyncCall observer([&] {
    while (!consumers_done.load()) {
      std::this_thread::sleep_for(std::chrono::microseconds(50));
      const std::size_t size = queue.QSize();
      queue.Empty();
      const bool full = queue.Full();
      if (maxsize > 0 && size > maxsize) {
        observer_problem = "qsize() returned " + std::to_string(size) + " on a BlockingQueue(" +
                           std::to_string(maxsize) +
                           "): put() must never fill the queue beyond maxsize (`while`, not "
                           "`if`, around its wait)";
        return;
      }
      if (maxsize == 0 && full) {
        observer_problem = "full() returned true on an unbounded BlockingQueue(0)";
        return;
      }
    }
  });

  const Clock::time_point deadline = Clock::now() + kProduceBudget;
  std::vector<std::unique_ptr<AsyncCall>> workers;
  for (unsigned p = 0; p < producers; ++p) {
    workers.push_back(std::make_unique<AsyncCall>([&, p] {
      std::mt19937_64 mine = Rng(seed, 100 + p);
      for (long long i = 0; i < per_producer && Clock::now() < deadline; ++i) {
        const long long item = p * kProducerStride + i;
        const bool timed = static_cast<int>(mine() % 100) < kTimedShare;
        const Status status =
            timed ? recorder.PutFor(p, queue, item, milliseconds(mine() % (kMaxTimeoutMs + 1)))
                  : recorder.Put(p, queue, item);
        if (status == Status::kShutDown) {
          problems[p] = "put(" + std::to_string(item) +
                        ") threw ShutDown, though nobody called shutdown()";
          return;
        }
      }
    }));
  }
  for (unsigned c = 0; c < consumers; ++c) {
    const unsigned t = producers + c;
    workers.push_back(std::make_unique<AsyncCall>([&, c, t] {
      std::mt19937_64 mine = Rng(seed, 200 + c);
      for (;;) {
        long long item = -1;
        const bool timed = static_cast<int>(mine() % 100) < kTimedShare;
        const Status status =
            timed ? recorder.GetFor(t, queue, milliseconds(mine() % (kMaxTimeoutMs + 1)), &item)
                  : recorder.Get(t, queue, &item);
        if (status == Status::kShutDown) {
          problems[t] = "get() threw ShutDown, though nobody called shutdown()";
          return;
        }
        if (status == Status::kOk && item >= kEndMarker) return;
      }
    }));
  }
  for (unsigned p = 0; p < producers; ++p) workers[p]->Join();
  for (unsigned c = 0; c < consumers; ++c) {
    recorder.Put(main_thread, queue, kEndMarker + c);
  }
  for (auto& worker : workers) worker->Join();
  consumers_done.store(true);
  observer.Join();

  grader_driver::Attach("history/queue", recorder.JsonLines());
  RecordProperty("operations", static_cast<int>(recorder.Operations()));
  std::ostringstream scenario;
  scenario << producers << " producers and " << consumers << " consumers on one BlockingQueue("
           << maxsize << "), some calls with timeouts of 0-" << kMaxTimeoutMs << " ms; "
           << recorder.Operations() << " calls in all: ";
  for (std::size_t t = 0; t < workers.size(); ++t) {
    if (!workers[t]->Error().empty()) problems[t] = "a call " + workers[t]->Error();
  }
  for (const std::string& problem : problems) {
    if (!problem.empty()) {
      ADD_FAILURE() << scenario.str() << problem << RunContext();
      return;
    }
  }
  if (!observer_problem.empty()) {
    ADD_FAILURE() << scenario.str() << observer_problem << RunContext();
    return;
  }
  const std::string violation = recorder.CheckFifo();
  if (!violation.empty()) ADD_FAILURE() << scenario.str() << violation << RunContext();
}

// The lecture's get_counted(): generator threads put 1 into input_q; the adder daemon adds
// what it gets to a running sum and passes each sum on to printer_q; the printer daemon
// prints what it gets. The main thread waits for the generators, then input_q.join() and
// printer_q.join(); by then 1 2 3 ... N must have been printed, in order. (The lecture's
// adder calls input_q.task_done() before printer_q.put(): then input_q.join() may return
// before the last sum reached printer_q. Here the adder passes the sum on first.) Python's
// daemons die with the process; here shutdown() ends them: their get() throws ShutDown.
TEST(Stress, LecturePipeline) {
  const unsigned threads = GraderThreads();
  const unsigned generators = 10 * threads;
  constexpr long long kPutsEach = 10;
  const long long total = generators * kPutsEach;
  IntQueue input_q(0);
  IntQueue printer_q(0);
  std::mutex printed_mutex;
  std::vector<long long> printed;  // guarded by printed_mutex

  AsyncCall adder([&] {
    long long counter = 0;
    for (;;) {
      long long value = 0;
      if (input_q.Get(&value) != Status::kOk) return;
      counter += value;
      printer_q.Put(counter);
      input_q.TaskDone();
    }
  });
  AsyncCall printer([&] {
    for (;;) {
      long long value = 0;
      if (printer_q.Get(&value) != Status::kOk) return;
      {
        std::lock_guard<std::mutex> lock(printed_mutex);
        printed.push_back(value);
      }
      printer_q.TaskDone();
    }
  });
  {
    std::vector<std::thread> pool;
    for (unsigned g = 0; g < generators; ++g) {
      pool.emplace_back([&] {
        for (long long i = 0; i < kPutsEach; ++i) input_q.Put(1);
      });
    }
    for (std::thread& generator : pool) generator.join();
  }
  input_q.Join();
  printer_q.Join();
  std::vector<long long> seen;
  {
    std::lock_guard<std::mutex> lock(printed_mutex);
    seen = printed;
  }
  input_q.ShutdownDefault();
  printer_q.ShutdownDefault();
  adder.Join();
  printer.Join();

  const std::string scenario =
      "the lecture's pipeline: " + std::to_string(generators) + " generator threads each put(1) " +
      std::to_string(kPutsEach) +
      " times into input_q; the adder thread gets, adds to its sum, puts the sum into "
      "printer_q and calls input_q.task_done(); the printer thread gets from printer_q, "
      "prints, calls printer_q.task_done(); the main thread joins the generators, then "
      "input_q.join(), then printer_q.join()";
  if (seen.size() != static_cast<std::size_t>(total)) {
    ADD_FAILURE() << scenario << ": when printer_q.join() returned, " << seen.size() << " of "
                  << total
                  << " sums had been printed (join() must wait until every item put has been "
                     "marked task_done())"
                  << RunContext();
    return;
  }
  for (long long i = 0; i < total; ++i) {
    if (seen[i] != i + 1) {
      ADD_FAILURE() << scenario << ": printed number " << i + 1 << " was " << seen[i]
                    << ", expected " << i + 1 << " (1 2 3 ... " << total
                    << " in order: items must come out in the order they were put)"
                    << RunContext();
      return;
    }
  }
  ExpectNoError(adder, "the lecture's pipeline: the adder thread");
  ExpectNoError(printer, "the lecture's pipeline: the printer thread");
}

// Producers move std::unique_ptr<int> items in, consumers move them out; a null pointer
// is a consumer's end marker. Every item must come out once, with its value intact.
TEST(Stress, MoveOnlyItems) {
  const unsigned threads = GraderThreads();
  const std::uint64_t seed = GraderSeed();
  const long long per_producer = std::max<long long>(1, kMaxItems / threads / 2);
  PtrQueue queue(2);
  std::vector<std::vector<long long>> got(threads);
  std::vector<std::vector<long long>> put_ok(threads);
  std::vector<std::string> problems(threads);
  std::vector<std::unique_ptr<AsyncCall>> producers;
  std::vector<std::unique_ptr<AsyncCall>> consumers;
  for (unsigned t = 0; t < threads; ++t) {
    producers.push_back(std::make_unique<AsyncCall>([&, t] {
      std::mt19937_64 mine = Rng(seed, 300 + t);
      for (long long i = 0; i < per_producer; ++i) {
        const long long value = t * 100'000LL + i;
        auto item = std::make_unique<int>(static_cast<int>(value));
        const bool timed = static_cast<int>(mine() % 100) < kTimedShare;
        const Status status =
            timed ? queue.PutFor(std::move(item), milliseconds(mine() % (kMaxTimeoutMs + 1)))
                  : queue.Put(std::move(item));
        if (status == Status::kOk) put_ok[t].push_back(value);
      }
    }));
    consumers.push_back(std::make_unique<AsyncCall>([&, t] {
      for (;;) {
        std::unique_ptr<int> item;
        const Status status = queue.Get(&item);
        if (status != Status::kOk) {
          problems[t] = "get() " + StatusName(status) + ", though nobody called shutdown()";
          return;
        }
        if (item == nullptr) return;  // the end marker
        got[t].push_back(*item);
      }
    }));
  }
  for (auto& producer : producers) producer->Join();
  for (unsigned t = 0; t < threads; ++t) queue.Put(nullptr);
  for (auto& consumer : consumers) consumer->Join();

  const std::string scenario = std::to_string(threads) + " producers putting std::unique_ptr<int> "
                               "items and " + std::to_string(threads) +
                               " consumers getting them from a BlockingQueue(2)";
  for (unsigned t = 0; t < threads; ++t) {
    if (!problems[t].empty()) {
      ADD_FAILURE() << scenario << ": " << problems[t] << RunContext();
      return;
    }
  }
  std::vector<long long> all_put;
  std::vector<long long> all_got;
  for (unsigned t = 0; t < threads; ++t) {
    all_put.insert(all_put.end(), put_ok[t].begin(), put_ok[t].end());
    all_got.insert(all_got.end(), got[t].begin(), got[t].end());
  }
  std::sort(all_put.begin(), all_put.end());
  std::sort(all_got.begin(), all_got.end());
  if (all_got != all_put) {
    ADD_FAILURE() << scenario << ": " << all_put.size() << " puts succeeded and "
                  << all_got.size()
                  << " items came out before the end markers, but the values that came out "
                     "differ from those put (an item lost, duplicated or corrupted)"
                  << RunContext();
  }
  ExpectQSize(queue.QSize(), 0, scenario + ", at the end");
}

}  // namespace
}  // namespace queue_test
