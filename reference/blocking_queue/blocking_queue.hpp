// Reference solution of `blocking_queue`: Python's queue.Queue (3.13, with shutdown) in C++.
//
// The design is CPython's Lib/queue.py: one mutex guards all state, and three condition
// variables share it: not_empty_ (getters wait on it), not_full_ (putters wait on it) and
// all_tasks_done_ (join() waits on it). unfinished_tasks_ counts items put and not yet
// task_done()'d; join() waits for it to reach zero.
//
// Rules every member follows, each the fix of a classic bug:
// - Every untimed wait sits in a `while` loop that re-checks its condition under the lock:
//   a waiter may wake up spuriously, or after another thread took what its notify promised.
// - Timed waits use wait_until with a predicate and one deadline computed at the call, so
//   a wake-up that finds nothing waits again for the time left, never longer, never less.
// - State changes and notifications happen under the lock, so no waiter can check the
//   condition, miss the change and then sleep through its notify (a lost wake-up).
// - put() and get() each enable exactly one waiter of the other kind: notify_one. Events
//   that concern every waiter (shutdown, the last task_done) use notify_all.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <utility>

// Thrown by put() after shutdown(), and by get() once a shut-down queue is empty.
struct ShutDown : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <class T>
class BlockingQueue {
 public:
  // maxsize 0: unbounded.
  explicit BlockingQueue(std::size_t maxsize = 0) : maxsize_(maxsize) {}

  BlockingQueue(const BlockingQueue&) = delete;
  BlockingQueue& operator=(const BlockingQueue&) = delete;

  // Appends `item`, waiting while the queue is full. Throws ShutDown after shutdown().
  void put(T item) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!shut_down_ && IsFull()) not_full_.wait(lock);
    if (shut_down_) throw ShutDown("put() on a shut-down BlockingQueue");
    Push(std::move(item));
  }

  // As put(item), but gives up when the queue is still full after `timeout` (zero or
  // negative: does not wait) and returns false; `item` is then dropped.
  bool put(T item, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock<std::mutex> lock(mutex_);
    if (!not_full_.wait_until(lock, deadline, [this] { return shut_down_ || !IsFull(); })) {
      return false;
    }
    if (shut_down_) throw ShutDown("put() on a shut-down BlockingQueue");
    Push(std::move(item));
    return true;
  }

  // Removes and returns the oldest item, waiting while the queue is empty. Throws ShutDown
  // when the queue is shut down and empty.
  T get() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!shut_down_ && items_.empty()) not_empty_.wait(lock);
    if (items_.empty()) throw ShutDown("get() on a shut-down, empty BlockingQueue");
    return Pop();
  }

  // As get(), but returns std::nullopt when the queue is still empty after `timeout` (zero
  // or negative: does not wait).
  std::optional<T> get(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock<std::mutex> lock(mutex_);
    if (!not_empty_.wait_until(lock, deadline,
                               [this] { return shut_down_ || !items_.empty(); })) {
      return std::nullopt;
    }
    if (items_.empty()) throw ShutDown("get() on a shut-down, empty BlockingQueue");
    return Pop();
  }

  // Marks one item put so far as processed. Throws std::logic_error when every item put
  // has already been marked (or dropped by shutdown(true)).
  void task_done() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (unfinished_tasks_ == 0) {
      throw std::logic_error("task_done() called more times than items were put");
    }
    if (--unfinished_tasks_ == 0) all_tasks_done_.notify_all();
  }

  // Waits until every item put so far has been marked by task_done() (or dropped by
  // shutdown(true)). Never throws ShutDown.
  void join() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (unfinished_tasks_ > 0) all_tasks_done_.wait(lock);
  }

  std::size_t qsize() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return items_.size();
  }

  bool empty() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return items_.empty();
  }

  bool full() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return IsFull();
  }

  // From now on put() throws ShutDown, and get() throws it once the queue is empty; every
  // blocked put() and get() wakes up to find that out. `immediate`: the items still queued
  // are dropped (and count as done, which may release join()), so get() throws at once.
  void shutdown(bool immediate = false) {
    std::deque<T> dropped;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      shut_down_ = true;
      if (immediate) {
        const std::size_t count = items_.size();
        unfinished_tasks_ -= std::min(count, unfinished_tasks_);
        dropped.swap(items_);
        all_tasks_done_.notify_all();
      }
      not_empty_.notify_all();
      not_full_.notify_all();
    }
    // `dropped` is destroyed here, after the unlock: an item's destructor may use the queue.
  }

 private:
  // REQUIRES: mutex_ held.
  bool IsFull() const { return maxsize_ > 0 && items_.size() >= maxsize_; }

  // REQUIRES: mutex_ held, not full, not shut down.
  void Push(T item) {
    items_.push_back(std::move(item));
    ++unfinished_tasks_;
    not_empty_.notify_one();
  }

  // REQUIRES: mutex_ held, not empty.
  T Pop() {
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

  const std::size_t maxsize_;
  mutable std::mutex mutex_;  // qsize(), empty() and full() are const but must lock too
  std::condition_variable not_empty_;       // signalled when an item arrives
  std::condition_variable not_full_;        // signalled when a slot frees up
  std::condition_variable all_tasks_done_;  // signalled when unfinished_tasks_ reaches 0
  std::deque<T> items_;                     // guarded by mutex_
  std::size_t unfinished_tasks_ = 0;        // guarded by mutex_
  bool shut_down_ = false;                  // guarded by mutex_
};
