// blocking_queue.hpp: your solution of the `blocking_queue` exercise. Submit this one file.
//
// Python's queue.Queue in C++: a FIFO queue that any number of threads may use at the same
// time, whose get() waits for an item and whose put() waits for room. Read README.md first.
// This skeleton compiles, but it is not a solution yet: nothing is stored, nothing waits,
// and nothing is counted. Replace each body, keep every signature exactly as it is (the
// grader calls them), and add the private members you need.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <stdexcept>

// Thrown by put() after shutdown(), and by get() once a shut-down queue is empty.
// Keep it as it is.
struct ShutDown : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <class T>
class BlockingQueue {
 public:
  // A queue holding at most `maxsize` items; 0 means unbounded.
  explicit BlockingQueue(std::size_t maxsize = 0) {
    (void)maxsize;  // Replace this line.
  }

  // Appends `item`, waiting while the queue is full. Throws ShutDown after shutdown().
  // T may be move-only (std::unique_ptr<int>): move items, never copy them.
  void put(T item) {
    (void)item;  // Replace this line.
  }

  // As put(item), but returns false (and drops `item`) when the queue is still full after
  // `timeout`; a timeout of zero or less does not wait. Throws ShutDown after shutdown().
  bool put(T item, std::chrono::milliseconds timeout) {
    (void)item;  // Replace these lines.
    (void)timeout;
    return false;
  }

  // Removes and returns the oldest item, waiting while the queue is empty. Throws ShutDown
  // once the queue is shut down and empty.
  T get() {
    return T();  // Replace this line.
  }

  // As get(), but returns std::nullopt when the queue is still empty after `timeout`; a
  // timeout of zero or less does not wait. Throws ShutDown once shut down and empty.
  std::optional<T> get(std::chrono::milliseconds timeout) {
    (void)timeout;  // Replace these lines.
    return std::nullopt;
  }

  // Marks one item put as processed. Throws std::logic_error when called more times than
  // items were put.
  void task_done() {}

  // Waits until every item put so far has been marked by task_done().
  void join() {}

  // The number of items in the queue, whether it holds none, whether it holds maxsize.
  // Callable on a const queue, and safe while other threads use it.
  std::size_t qsize() const { return 0; }
  bool empty() const { return true; }
  bool full() const { return false; }

  // From now on put() throws ShutDown, and get() throws it once the queue is empty; every
  // thread blocked in put() or get() wakes up. `immediate`: drop the items still queued
  // (they count as done for join()), so get() throws at once.
  void shutdown(bool immediate = false) {
    (void)immediate;  // Replace this line.
  }
};
