// Records the puts and gets that many threads make on one queue, and checks the history
// against a FIFO queue.
//
// The recording goes two ways: into a grader_driver::History, which the test attaches as
// "history/queue" for the harness's linearizability checker, and into this driver's own
// operation log, which CheckFifo() judges right away with the four patterns of Henzinger,
// Sezgin and Vafeiadis ("Aspect-oriented linearizability proofs", CONCUR 2013). For a
// complete history in which no value is put twice, it is linearizable with respect to a
// FIFO queue exactly when none shows:
//   fresh    a get returns a value no successful put put, or returns before that put began;
//   repeat   a value comes out twice;
//   order    put(a) returns before put(b) begins, yet get -> b returns before get -> a
//            begins (or b comes out and a never does);
//   witness  a get returns "empty" (a timed get that gave up) while some value was surely
//            in the queue for its whole call.
// So the driver catches reordering, loss and duplication by itself, and its messages name
// the operations in the student's terms.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <grader_driver.h>

#include "queue_support.h"

namespace queue_test {

struct QueueOp {
  enum class Kind { kPut, kGet };
  Kind kind = Kind::kPut;
  unsigned thread = 0;
  bool timed = false;     // put(item, timeout) or get(timeout)
  bool has_value = true;  // false: a get that timed out on an empty queue
  Status status = Status::kOk;
  long long value = 0;  // the item put, or the item got
  std::uint64_t invoked = 0;
  std::uint64_t returned = 0;  // the clock when the call returned; after `invoked`
};

// Thread-safe as documented on History: thread t only ever records with its own index.
class FifoRecorder {
 public:
  // `threads` recording threads, numbered from 0; `names` says who thread t is in
  // messages ("producer 2", "consumer 0", "the main thread").
  FifoRecorder(unsigned threads, std::function<std::string(unsigned)> names,
               std::size_t ops_per_thread);

  // Each calls the queue as thread `thread` and records the call.
  Status Put(unsigned thread, IntQueue& queue, long long item);
  Status PutFor(unsigned thread, IntQueue& queue, long long item, milliseconds timeout);
  Status Get(unsigned thread, IntQueue& queue, long long* item);
  Status GetFor(unsigned thread, IntQueue& queue, milliseconds timeout, long long* item);

  // For the attachment "history/queue". REQUIRES: no thread is recording any more.
  std::string JsonLines() const { return history_.JsonLines(); }

  // Empty when the history is linearizable with respect to a FIFO queue; else the first
  // violation found, as a message for students. REQUIRES: every call returned, and every
  // item put successfully was meant to come out (the consumers drained the queue).
  std::string CheckFifo() const;

  std::size_t Operations() const;

 private:
  std::uint64_t Tick() { return clock_.fetch_add(1); }
  void Record(unsigned thread, std::size_t history_op, QueueOp op);

  grader_driver::History history_;
  std::atomic<std::uint64_t> clock_{0};
  std::function<std::string(unsigned)> names_;
  std::vector<std::vector<QueueOp>> ops_;  // [thread]
};

// Describes an item of the stress tests: producer p puts p * kProducerStride + i.
inline constexpr long long kProducerStride = 1'000'000;

}  // namespace queue_test
