// What the driver files of `blocking_queue` share: RAII owners of the student's queues (through
// the adapter), the run's environment (GRADER_THREADS, GRADER_SEED), clocks, and a call made
// on a thread of its own whose progress the test can watch ("is it still blocked?").
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include "blocking_queue_adapter.h"

namespace queue_test {

using blocking_queue_adapter::Status;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// "put() returned normally", "get(timeout) returned std::nullopt", "... threw ShutDown".
std::string StatusName(Status status);

// Owns one BlockingQueue<long long> of the submission.
class IntQueue {
 public:
  explicit IntQueue(std::size_t maxsize) : queue_(blocking_queue_adapter::CreateInt(maxsize)) {}
  // BlockingQueue<long long>(), relying on the default argument.
  IntQueue() : queue_(blocking_queue_adapter::CreateIntDefault()) {}
  ~IntQueue() { blocking_queue_adapter::Destroy(queue_); }
  IntQueue(const IntQueue&) = delete;
  IntQueue& operator=(const IntQueue&) = delete;

  Status Put(long long item) { return blocking_queue_adapter::Put(queue_, item); }
  Status PutFor(long long item, milliseconds timeout) {
    return blocking_queue_adapter::PutFor(queue_, item, timeout);
  }
  Status Get(long long* item) { return blocking_queue_adapter::Get(queue_, item); }
  Status GetFor(milliseconds timeout, long long* item) {
    return blocking_queue_adapter::GetFor(queue_, timeout, item);
  }
  void TaskDone() { blocking_queue_adapter::TaskDone(queue_); }
  void Join() { blocking_queue_adapter::Join(queue_); }
  std::size_t QSize() const { return blocking_queue_adapter::QSize(queue_); }
  bool Empty() const { return blocking_queue_adapter::Empty(queue_); }
  bool Full() const { return blocking_queue_adapter::Full(queue_); }
  void Shutdown(bool immediate) { blocking_queue_adapter::Shutdown(queue_, immediate); }
  void ShutdownDefault() { blocking_queue_adapter::ShutdownDefault(queue_); }

 private:
  blocking_queue_adapter::IntQueue* queue_;
};

// Owns one BlockingQueue<std::unique_ptr<int>> of the submission.
class PtrQueue {
 public:
  explicit PtrQueue(std::size_t maxsize) : queue_(blocking_queue_adapter::CreatePtr(maxsize)) {}
  ~PtrQueue() { blocking_queue_adapter::Destroy(queue_); }
  PtrQueue(const PtrQueue&) = delete;
  PtrQueue& operator=(const PtrQueue&) = delete;

  Status Put(std::unique_ptr<int> item) {
    return blocking_queue_adapter::Put(queue_, std::move(item));
  }
  Status PutFor(std::unique_ptr<int> item, milliseconds timeout) {
    return blocking_queue_adapter::PutFor(queue_, std::move(item), timeout);
  }
  Status Get(std::unique_ptr<int>* item) { return blocking_queue_adapter::Get(queue_, item); }
  Status GetFor(milliseconds timeout, std::unique_ptr<int>* item) {
    return blocking_queue_adapter::GetFor(queue_, timeout, item);
  }
  void TaskDone() { blocking_queue_adapter::TaskDone(queue_); }
  void Join() { blocking_queue_adapter::Join(queue_); }
  std::size_t QSize() const { return blocking_queue_adapter::QSize(queue_); }
  void Shutdown(bool immediate) { blocking_queue_adapter::Shutdown(queue_, immediate); }

 private:
  blocking_queue_adapter::PtrQueue* queue_;
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

// CPU time used so far by one thread (pthread_getcpuclockid) or by the whole process.
std::chrono::nanoseconds ThreadCpuTime(std::thread& thread);
std::chrono::nanoseconds ProcessCpuTime();

// Runs `body` on a thread of its own and records when it was called and whether it
// returned, so that a test can check that a call is still blocked, or wait for it with a
// bound. An exception escaping `body` is caught and described in Error().
class AsyncCall {
 public:
  explicit AsyncCall(std::function<void()> body);
  // Joins the thread: waits for `body` to return, however long that takes.
  ~AsyncCall();
  AsyncCall(const AsyncCall&) = delete;
  AsyncCall& operator=(const AsyncCall&) = delete;

  // Waits until the thread is about to call `body`.
  void WaitStarted();
  bool Returned() const { return returned_.load(); }
  // Waits up to `limit` for `body` to return; true if it did.
  bool WaitReturned(milliseconds limit);
  // Waits for `body` to return, however long that takes (a hang becomes the harness's
  // deadlock verdict, with every thread's stack).
  void Join();
  // From the call to the return. REQUIRES: Returned().
  Clock::duration Elapsed() const { return returned_at_ - called_at_; }
  // Empty, or what escaped `body`: "threw std::logic_error: ...".
  const std::string& Error() const { return error_; }
  std::thread& Thread() { return thread_; }

 private:
  std::atomic<bool> started_{false};
  std::atomic<bool> returned_{false};
  Clock::time_point called_at_;
  Clock::time_point returned_at_;
  std::string error_;
  std::thread thread_;
};

// What escaped a call, for messages: "std::logic_error: what()" or "an unknown exception".
std::string DescribeCurrentException();

// Checks that fail the running test with a one-line message for students: it starts with
// `what` (the calls made, in the student's terms), then says what came back and what was
// expected. (GoogleTest's EXPECT_EQ would start with "Expected equality of these values".)
void ExpectStatus(Status actual, Status expected, const std::string& what);
void ExpectItem(long long actual, long long expected, const std::string& what);
void ExpectQSize(std::size_t actual, std::size_t expected, const std::string& what);
// Fails if `call` let an exception escape.
void ExpectNoError(const AsyncCall& call, const std::string& what);
// "", or " (the call threw std::logic_error: ...)", to append to a message about `call`.
std::string ErrorNote(const AsyncCall& call);

}  // namespace queue_test
