// What the driver files of `thread_pool` share: an RAII owner of the student's pool (through
// the adapter), the run's environment (GRADER_THREADS, GRADER_SEED), the exception types
// tasks throw and a way to describe what came back, a count of the process's threads, a
// census of the threads that ran tasks (and whether they have exited), a gate tasks can
// wait at, and a call made on a thread of its own whose progress a test can watch.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "thread_pool_adapter.h"

namespace pool_test {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Owns one ThreadPoolExecutor of the submission; each member is the pool's member of the
// same name (see thread_pool_adapter.h for how it is called).
class TestPool {
 public:
  explicit TestPool(unsigned max_workers) : pool_(thread_pool_adapter::Create(max_workers)) {}
  // Runs the pool's destructor, unless Destroy() did already.
  ~TestPool() { Destroy(); }
  TestPool(const TestPool&) = delete;
  TestPool& operator=(const TestPool&) = delete;

  std::future<long long> Submit(std::function<long long()> task) {
    return thread_pool_adapter::Submit(pool_, std::move(task));
  }
  std::future<void> SubmitVoid(std::function<void()> task) {
    return thread_pool_adapter::SubmitVoid(pool_, std::move(task));
  }
  std::future<long long> SubmitWithArguments(long long (*function)(long long, long long),
                                             long long a, long long b) {
    return thread_pool_adapter::SubmitWithArguments(pool_, function, a, b);
  }
  std::future<std::unique_ptr<int>> SubmitMoveOnly(
      std::unique_ptr<int> (*function)(std::unique_ptr<int>), std::unique_ptr<int> argument) {
    return thread_pool_adapter::SubmitMoveOnly(pool_, function, std::move(argument));
  }
  std::future<long long> SubmitMoveOnlyCallable(std::unique_ptr<int> captured, long long add) {
    return thread_pool_adapter::SubmitMoveOnlyCallable(pool_, std::move(captured), add);
  }
  // `function` and `items` must outlive every call map() makes, even one made after map()
  // returned too early: a test that expects map() to throw keeps both in variables declared
  // before the pool, so that the pool's destructor waits for such calls first.
  std::vector<long long> Map(const std::function<long long(const long long&)>& function,
                             const std::vector<long long>& items) {
    return thread_pool_adapter::Map(pool_, function, items);
  }
  std::vector<std::string> MapToString(const std::function<std::string(const int&)>& function,
                                       const std::vector<int>& items) {
    return thread_pool_adapter::MapToString(pool_, function, items);
  }
  void Shutdown(bool wait) { thread_pool_adapter::Shutdown(pool_, wait); }
  void ShutdownDefault() { thread_pool_adapter::ShutdownDefault(pool_); }

  // Runs the pool's destructor now. Later calls of any member but Destroy() are invalid.
  void Destroy() {
    thread_pool_adapter::Destroy(pool_);
    pool_ = nullptr;
  }

 private:
  thread_pool_adapter::Pool* pool_;
};

// GRADER_THREADS (default 4) and GRADER_SEED (default 1). A malformed value is the
// harness's mistake, not the student's: the process says so and exits with status 3.
unsigned GraderThreads();
std::uint64_t GraderSeed();

// One independent random stream per (seed, stream) pair.
std::mt19937_64 Rng(std::uint64_t seed, std::uint64_t stream);

// " [GRADER_THREADS=4 GRADER_SEED=7]", appended to the messages of seeded tests.
std::string RunContext();

long long MillisSince(Clock::time_point start);

// Says on stderr what the running test is about to do, so that the report of a run that
// hangs or crashes there (which shows the end of stderr) tells the student which scenario it
// was and what it usually means.
void Narrate(const std::string& text);

// An exception type of the driver's own, thrown by tasks: get() must rethrow exactly it.
class TaskFailure : public std::exception {
 public:
  explicit TaskFailure(long long code)
      : code_(code), text_("TaskFailure " + std::to_string(code)) {}
  const char* what() const noexcept override { return text_.c_str(); }
  long long code() const { return code_; }

 private:
  long long code_;
  std::string text_;
};

// What an exception is, for comparisons and messages: "std::out_of_range(\"task 3\")",
// "TaskFailure(code 7)", "int 12", "an exception of an unknown type". The dynamic type
// counts: a std::runtime_error rethrown as a std::exception carrying the same what() is
// described differently.
std::string DescribeException(const std::exception_ptr& error);
std::string DescribeCurrentException();

// The number of threads of this process now (entries of /proc/self/task), or -1 when it
// cannot be read.
int CountThreads();

// The number of threads of this process before a test creates its pool. It first starts
// and joins one thread of its own: ThreadSanitizer starts a background thread of its own
// with the program's first thread, and that one must count as already there.
int BaselineThreads();

// Reads CountThreads() until it is at most `target` or `limit` has passed; returns the last
// count. (A joined thread may stay listed for a moment after join() returned.)
int WaitForThreadCount(int target, milliseconds limit);

// Which threads ran tasks, and how many of them have exited since. Tasks call Record();
// each thread is counted once. A thread counts as exited once its thread_local objects are
// destroyed, which happens before pthread_join() (std::thread::join) can return: after a
// real join every recorded thread has exited, with no time window. Their destruction takes
// a deliberate 50 ms, so that a thread that was only told to stop (or detached) is still
// exiting when a shutdown(true) that did not join it returns.
class WorkerCensus {
 public:
  WorkerCensus();
  // Called from inside a task: records the calling thread. The thread that created the
  // census (the test's thread) is not a worker: a task run there sets RanOnCreator().
  void Record();
  int Workers() const { return state_->workers.load(); }
  int Exited() const { return state_->exited.load(); }
  bool RanOnCreator() const { return state_->ran_on_creator.load(); }

  struct State {
    std::atomic<int> workers{0};
    std::atomic<int> exited{0};
    std::atomic<bool> ran_on_creator{false};
  };

 private:
  std::shared_ptr<State> state_;
  std::thread::id creator_;
};

// A one-shot signal tasks can wait at: Wait() blocks until Open(). Counts its waiters.
class Gate {
 public:
  void Wait();
  void Open();
  // Waits up to `limit` until at least `count` threads are in Wait() (or passed it).
  bool WaitForArrivals(int count, milliseconds limit);
  int Arrivals() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;  // guarded by mutex_
  int arrivals_ = 0;   // guarded by mutex_
};

// Runs `body` on a thread of its own, so that a test can check whether a call returns
// within a bound and still go on when it does not. An exception escaping `body` is caught
// and described in Error().
class AsyncCall {
 public:
  explicit AsyncCall(std::function<void()> body);
  // Joins the thread: waits for `body` to return, however long that takes.
  ~AsyncCall();
  AsyncCall(const AsyncCall&) = delete;
  AsyncCall& operator=(const AsyncCall&) = delete;

  // Waits up to `limit` for `body` to return; true if it did.
  bool WaitReturned(milliseconds limit);
  // Waits for `body` to return, however long that takes (a hang becomes the harness's
  // deadlock verdict, with every thread's stack).
  void Join();
  // Empty, or what escaped `body`.
  std::string Error() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable returned_cv_;
  bool returned_ = false;  // guarded by mutex_
  std::string error_;      // guarded by mutex_
  std::thread thread_;
};

// Whether `future` holds a result or an exception now (an invalid future, one with no
// shared state, never does).
template <class T>
bool IsReady(const std::future<T>& future) {
  return future.valid() && future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

}  // namespace pool_test
