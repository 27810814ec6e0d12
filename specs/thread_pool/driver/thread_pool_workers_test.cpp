// Hidden driver of `thread_pool`, part 2: how many tasks run at once, and what shutdown()
// leaves behind (GoogleTest).
//
// Theory of operation:
// - At most max_workers at once: every task raises an atomic gauge on entry and lowers it
//   on exit, holding it up for a short sleep so that tasks overlap whenever the pool lets
//   them; the gauge's peak over many tasks must not exceed max_workers.
// - At least max_workers at once: max_workers tasks each wait at one std::latch until all
//   of them have arrived. A pool that runs fewer at once (fewer threads, a task run inside
//   submit(), a lock held while a task runs) never lets the last one arrive: the test hangs
//   and the harness reports `deadlock` with the stack of every thread.
// - No thread left behind: a WorkerCensus counts the threads that ran tasks and how many of
//   them have exited. A thread's thread_local objects are destroyed before join() of it can
//   return, so when shutdown(true) has joined every worker, all of them count as exited,
//   with no time window; a worker merely told to stop (or detached) is still running then.
//   The number of threads in /proc/self/task, which must fall back to what it was before
//   the pool, is checked too (with a grace period: the kernel may list a joined thread for
//   a moment).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <latch>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "pool_support.h"

namespace pool_test {
namespace {

// Tasks per worker in the gauge test, and how long each holds the gauge up.
constexpr int kGaugeTasksPerWorker = 30;
constexpr std::chrono::microseconds kGaugeHold{300};
// How long a joined thread may stay listed in /proc/self/task.
constexpr milliseconds kThreadExitGrace{2000};
// How long shutdown(false) may take to return while tasks are still running.
constexpr milliseconds kNoWaitLimit{2000};
// How long workers may take to pick up tasks that are queued for them.
constexpr milliseconds kStartLimit{5000};

// Raises `running` for the duration of a task and keeps its peak.
class Gauge {
 public:
  void Enter() {
    const int now = running_.fetch_add(1) + 1;
    int peak = peak_.load();
    while (now > peak && !peak_.compare_exchange_weak(peak, now)) {
    }
  }
  void Leave() { running_.fetch_sub(1); }
  int Peak() const { return peak_.load(); }

 private:
  std::atomic<int> running_{0};
  std::atomic<int> peak_{0};
};

// Fails unless every thread that ran a task of `census` has exited, and the process is back
// to `baseline` threads; `what` says what the test did.
void ExpectWorkersGone(const WorkerCensus& census, int baseline, const std::string& what) {
  const int workers = census.Workers();
  const int exited = census.Exited();
  if (exited < workers) {
    ADD_FAILURE() << what << ": " << workers - exited << " of the " << workers
                  << " worker threads that ran tasks were still running when it returned; "
                     "shutdown(true) (and the destructor) must join() every worker thread "
                     "before returning (a detached or merely notified thread may still be "
                     "using the pool's members while the pool is destroyed)"
                  << RunContext();
    return;
  }
  const int threads = WaitForThreadCount(baseline, kThreadExitGrace);
  if (baseline > 0 && threads > baseline) {
    ADD_FAILURE() << what << ": the process had " << baseline
                  << " threads before the pool was created and still " << threads << " "
                  << kThreadExitGrace.count()
                  << " ms after it returned: every thread the pool started must be joined "
                     "(threads that never ran a task too)"
                  << RunContext();
  }
}

// Submits `count` tasks (task i returns i) that each record their worker in `census` and
// wait at `gate`, then waits until all of them run at once. False, after a failure saying
// so, when they did not all start within kStartLimit; the gate is then open, so that the
// test can return and the pool end.
bool StartGatedTasks(TestPool& pool, Gate& gate, WorkerCensus& census, unsigned count,
                     std::vector<std::future<long long>>* futures) {
  for (unsigned i = 0; i < count; ++i) {
    futures->push_back(pool.Submit([&gate, &census, i] {
      census.Record();
      gate.Wait();
      return static_cast<long long>(i);
    }));
  }
  if (gate.WaitForArrivals(static_cast<int>(count), kStartLimit)) return true;
  ADD_FAILURE() << "ThreadPoolExecutor(" << count << "), " << count
                << " tasks that wait for a signal: only " << gate.Arrivals() << " of them "
                << "started within " << kStartLimit.count() << " ms" << RunContext();
  gate.Open();
  return false;
}

// --- How many tasks run at once ---------------------------------------------------------

TEST(Workers, NeverMoreThanMaxWorkers) {
  const unsigned max_workers = GraderThreads();
  const int tasks = kGaugeTasksPerWorker * static_cast<int>(max_workers);
  const int baseline = BaselineThreads();
  TestPool pool(max_workers);
  WorkerCensus census;
  Gauge gauge;
  auto hold = [&] {
    census.Record();
    gauge.Enter();
    std::this_thread::sleep_for(kGaugeHold);
    gauge.Leave();
  };
  std::vector<std::future<void>> futures;
  for (int i = 0; i < tasks; ++i) futures.push_back(pool.SubmitVoid(hold));
  for (std::future<void>& future : futures) future.get();
  if (gauge.Peak() > static_cast<int>(max_workers)) {
    ADD_FAILURE() << "ThreadPoolExecutor(" << max_workers << "), " << tasks
                  << " tasks submitted, each running for " << kGaugeHold.count()
                  << " us: up to " << gauge.Peak() << " tasks ran at the same time, at most "
                  << max_workers
                  << " may (max_workers threads take tasks from one queue; no thread per task)"
                  << RunContext();
    return;
  }
  const int threads_now = CountThreads();
  if (baseline > 0 && threads_now > baseline + static_cast<int>(max_workers)) {
    ADD_FAILURE() << "ThreadPoolExecutor(" << max_workers << "), " << tasks
                  << " tasks submitted and finished: the process had " << baseline
                  << " threads before the pool and " << threads_now
                  << " now; the pool may start at most max_workers = " << max_workers
                  << " threads" << RunContext();
    return;
  }
  if (census.Workers() > static_cast<int>(max_workers)) {
    ADD_FAILURE() << "ThreadPoolExecutor(" << max_workers << "), " << tasks
                  << " tasks submitted: they ran on " << census.Workers()
                  << " different threads; the pool may use at most max_workers = "
                  << max_workers << " threads" << RunContext();
    return;
  }
  Gauge map_gauge;
  std::vector<long long> items(tasks);
  for (int i = 0; i < tasks; ++i) items[i] = i;
  const std::vector<long long> results = pool.Map(
      [&](const long long& item) {
        map_gauge.Enter();
        std::this_thread::sleep_for(kGaugeHold);
        map_gauge.Leave();
        return item;
      },
      items);
  EXPECT_EQ(results, items) << "map(identity, {0, 1, ..., " << tasks - 1 << "})";
  if (map_gauge.Peak() > static_cast<int>(max_workers)) {
    ADD_FAILURE() << "ThreadPoolExecutor(" << max_workers << "), map over " << tasks
                  << " items, each call running for " << kGaugeHold.count() << " us: up to "
                  << map_gauge.Peak() << " calls ran at the same time, at most " << max_workers
                  << " may" << RunContext();
  }
}

TEST(Workers, MaxWorkersRunAtOnce) {
  const unsigned max_workers = GraderThreads();
  Narrate("ThreadPoolExecutor(" + std::to_string(max_workers) + ") gets " +
          std::to_string(max_workers) + " tasks that each wait at one std::latch until all " +
          std::to_string(max_workers) +
          " have arrived: the pool must run max_workers tasks at once. If the run hangs "
          "here, fewer ran at once (fewer worker threads than max_workers? a task run inside "
          "submit()? a lock held while a task runs?)");
  TestPool pool(max_workers);
  for (int round = 0; round < 2; ++round) {
    std::latch all_arrived(max_workers);
    std::vector<std::future<void>> futures;
    for (unsigned i = 0; i < max_workers; ++i) {
      futures.push_back(pool.SubmitVoid([&all_arrived] { all_arrived.arrive_and_wait(); }));
    }
    for (std::future<void>& future : futures) future.get();
  }
}

// --- shutdown() -------------------------------------------------------------------------

TEST(Shutdown, WaitJoinsEveryWorker) {
  const unsigned max_workers = GraderThreads();
  const int tasks = 20 * static_cast<int>(max_workers);
  const int baseline = BaselineThreads();
  WorkerCensus census;
  std::atomic<int> done{0};
  TestPool pool(max_workers);
  std::vector<std::future<long long>> futures;
  for (int i = 0; i < tasks; ++i) {
    futures.push_back(pool.Submit([&, i] {
      census.Record();
      std::this_thread::sleep_for(std::chrono::microseconds(300));
      done.fetch_add(1);
      return static_cast<long long>(i);
    }));
  }
  pool.Shutdown(true);
  const std::string scenario = "ThreadPoolExecutor(" + std::to_string(max_workers) + "), " +
                               std::to_string(tasks) +
                               " tasks of 0.3 ms submitted, then at once shutdown(true)";
  if (done.load() != tasks) {
    ADD_FAILURE() << scenario << ": " << done.load() << " tasks had finished when it returned, "
                  << "expected all " << tasks << " (shutdown(true) runs what was queued)"
                  << RunContext();
    return;
  }
  for (int i = 0; i < tasks; ++i) {
    if (!IsReady(futures[i])) {
      ADD_FAILURE() << scenario << ": every task ran, but when it returned the future of task "
                    << i << " was not ready (is the result set only after the task?)"
                    << RunContext();
      return;
    }
  }
  if (census.RanOnCreator()) {
    ADD_FAILURE() << scenario << ": tasks ran on the thread that called submit(); they must "
                  << "run on the pool's worker threads" << RunContext();
    return;
  }
  ExpectWorkersGone(census, baseline, scenario);
}

// Every worker idle, asleep in its wait for work, when shutdown(true) comes: the shutdown
// must wake them all (notify_all), or those still asleep are never joined. The other
// shutdown tests call it while workers are busy, when one that wakes a single worker can
// still end by luck (the busy ones see the flag when their task ends); here it cannot.
TEST(Shutdown, WakesEveryIdleWorker) {
  const unsigned max_workers = GraderThreads();
  const int baseline = BaselineThreads();
  WorkerCensus census;
  TestPool pool(max_workers);
  Gate gate;
  std::vector<std::future<long long>> futures;
  const std::string scenario = "ThreadPoolExecutor(" + std::to_string(max_workers) + "), " +
                               std::to_string(max_workers) +
                               " tasks run at once and finished, the workers idle, then "
                               "shutdown(true)";
  if (!StartGatedTasks(pool, gate, census, max_workers, &futures)) return;
  gate.Open();
  for (std::future<long long>& future : futures) future.wait();
  // The workers go back to their wait for work; let them fall asleep in it.
  std::this_thread::sleep_for(milliseconds(200));
  Narrate(scenario + ". If the run hangs here, shutdown(true) waits to join workers that "
          "are still asleep: does shutdown() wake every worker (notify_all), not just one?");
  pool.Shutdown(true);
  ExpectWorkersGone(census, baseline, scenario);
}

TEST(Shutdown, WithoutWaitReturnsAtOnce) {
  const unsigned max_workers = GraderThreads();
  const int queued = 3 * static_cast<int>(max_workers);
  const int baseline = BaselineThreads();
  WorkerCensus census;
  TestPool pool(max_workers);
  Gate gate;
  std::vector<std::future<long long>> futures;
  if (!StartGatedTasks(pool, gate, census, max_workers, &futures)) return;
  for (int i = 0; i < queued; ++i) {
    futures.push_back(pool.Submit([&census, i, max_workers] {
      census.Record();
      return static_cast<long long>(max_workers + i);
    }));
  }
  const std::string scenario =
      "ThreadPoolExecutor(" + std::to_string(max_workers) + "), " +
      std::to_string(max_workers) + " tasks that wait for a signal and " +
      std::to_string(queued) + " more queued behind them, then shutdown(false)";
  AsyncCall shutdown([&pool] { pool.Shutdown(false); });
  if (!shutdown.WaitReturned(kNoWaitLimit)) {
    ADD_FAILURE() << scenario << ": shutdown(false) had not returned after "
                  << kNoWaitLimit.count()
                  << " ms while the tasks were still running; without wait it must return at "
                     "once (the destructor does the waiting)"
                  << RunContext();
    gate.Open();
    return;
  }
  shutdown.Join();  // its thread must not count as one of the pool's below
  if (const std::string error = shutdown.Error(); !error.empty()) {
    ADD_FAILURE() << scenario << ": shutdown(false) " << error;
  }
  try {
    std::future<long long> late = pool.Submit([] { return -1LL; });
    ADD_FAILURE() << scenario << ", then submit(): it returned normally, expected it to throw "
                  << "std::runtime_error";
  } catch (const std::runtime_error&) {
  } catch (...) {
    ADD_FAILURE() << scenario << ", then submit(): it threw " << DescribeCurrentException()
                  << ", expected std::runtime_error";
  }
  gate.Open();
  for (std::size_t i = 0; i < futures.size(); ++i) {
    if (!futures[i].valid()) continue;
    try {
      const long long value = futures[i].get();
      if (value != static_cast<long long>(i)) {
        ADD_FAILURE() << scenario << ", then the signal: task " << i << "'s future returned "
                      << value;
        return;
      }
    } catch (...) {
      ADD_FAILURE() << scenario << ", then the signal: get() of task " << i << " threw "
                    << DescribeCurrentException()
                    << "; tasks submitted before shutdown(false) must still run" << RunContext();
      return;
    }
  }
  pool.Destroy();
  ExpectWorkersGone(census, baseline, scenario + ", all tasks finished, then the destructor");
}

TEST(Shutdown, RacesWithSubmitters) {
  const unsigned submitters = GraderThreads();
  const unsigned max_workers = GraderThreads();
  constexpr int kBeforeShutdown = 100;  // submits per submitter before the shutdown
  const int baseline = BaselineThreads();
  WorkerCensus census;
  TestPool pool(max_workers);
  std::atomic<int> submitted{0};
  std::vector<std::vector<std::future<long long>>> futures(submitters);
  std::vector<std::string> endings(submitters);  // how each submitter's loop ended
  std::latch start(submitters + 1);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < submitters; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (long long i = 0;; ++i) {
        const long long value = static_cast<long long>(t) * 1'000'000'000 + i;
        try {
          futures[t].push_back(pool.Submit([&census, value] {
            census.Record();
            return value;
          }));
          submitted.fetch_add(1);
        } catch (const std::runtime_error&) {
          return;
        } catch (...) {
          endings[t] = "submit() threw " + DescribeCurrentException() +
                       " after shutdown; expected std::runtime_error";
          return;
        }
      }
    });
  }
  start.arrive_and_wait();
  const auto deadline = Clock::now() + milliseconds(2000);
  while (submitted.load() < kBeforeShutdown * static_cast<int>(submitters) &&
         Clock::now() < deadline) {
    std::this_thread::yield();
  }
  pool.Shutdown(true);
  const int at_shutdown = submitted.load();
  for (std::thread& thread : threads) thread.join();
  const std::string scenario = std::to_string(submitters) +
                               " threads submitting as fast as they can to ThreadPoolExecutor(" +
                               std::to_string(max_workers) + "), then shutdown(true)";
  for (unsigned t = 0; t < submitters; ++t) {
    if (!endings[t].empty()) {
      ADD_FAILURE() << scenario << ": submitter " << t << ": " << endings[t] << RunContext();
      return;
    }
    for (std::size_t i = 0; i < futures[t].size(); ++i) {
      std::future<long long>& future = futures[t][i];
      if (!IsReady(future)) {
        ADD_FAILURE() << scenario << ": submitter " << t << "'s task " << i
                      << " was accepted by submit(), but its future was not ready after "
                         "shutdown(true) returned (about "
                      << at_shutdown
                      << " tasks had been accepted then); every task submit() accepted must "
                         "have run"
                      << RunContext();
        return;
      }
      const long long expected = static_cast<long long>(t) * 1'000'000'000 +
                                 static_cast<long long>(i);
      try {
        const long long value = future.get();
        if (value != expected) {
          ADD_FAILURE() << scenario << ": submitter " << t << "'s task " << i << " returned "
                        << value << ", expected " << expected << RunContext();
          return;
        }
      } catch (...) {
        ADD_FAILURE() << scenario << ": submitter " << t << "'s task " << i
                      << " was accepted by submit(), but its get() threw "
                      << DescribeCurrentException()
                      << "; every task submit() accepted must run" << RunContext();
        return;
      }
    }
  }
  ExpectWorkersGone(census, baseline, scenario);
}

}  // namespace
}  // namespace pool_test
