// Putters and getters wait on the same condition variable, and put() and get() wake one
// waiter with notify_one. On a small queue with several producers and consumers, a get() may
// wake another getter instead of a blocked putter (or a put() another putter): that waiter
// goes back to sleep, the notification is lost, and soon every thread sleeps.
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

struct ShutDown : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <class T>
class BlockingQueue {
 public:
  explicit BlockingQueue(std::size_t maxsize = 0) : maxsize_(maxsize) {}

  void put(T item) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!shut_down_ && IsFull()) changed_.wait(lock);
    if (shut_down_) throw ShutDown("put() on a shut-down queue");
    Push(std::move(item));
  }

  bool put(T item, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock<std::mutex> lock(mutex_);
    if (!changed_.wait_until(lock, deadline, [this] { return shut_down_ || !IsFull(); })) {
      return false;
    }
    if (shut_down_) throw ShutDown("put() on a shut-down queue");
    Push(std::move(item));
    return true;
  }

  T get() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!shut_down_ && items_.empty()) changed_.wait(lock);
    if (items_.empty()) throw ShutDown("get() on a shut-down, empty queue");
    return Pop();
  }

  std::optional<T> get(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock<std::mutex> lock(mutex_);
    if (!changed_.wait_until(lock, deadline,
                               [this] { return shut_down_ || !items_.empty(); })) {
      return std::nullopt;
    }
    if (items_.empty()) throw ShutDown("get() on a shut-down, empty queue");
    return Pop();
  }

  void task_done() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (unfinished_tasks_ == 0) throw std::logic_error("task_done() called too many times");
    if (--unfinished_tasks_ == 0) all_tasks_done_.notify_all();
  }

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

  void shutdown(bool immediate = false) {
    std::lock_guard<std::mutex> lock(mutex_);
    shut_down_ = true;
    if (immediate) {
      unfinished_tasks_ -= std::min(items_.size(), unfinished_tasks_);
      items_.clear();
      all_tasks_done_.notify_all();
    }
    changed_.notify_all();
  }

 private:
  bool IsFull() const { return maxsize_ > 0 && items_.size() >= maxsize_; }

  void Push(T item) {
    items_.push_back(std::move(item));
    ++unfinished_tasks_;
    changed_.notify_one();
  }

  T Pop() {
    T item = std::move(items_.front());
    items_.pop_front();
    changed_.notify_one();
    return item;
  }

  const std::size_t maxsize_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;  // for getters and putters alike
  std::condition_variable all_tasks_done_;
  std::deque<T> items_;
  std::size_t unfinished_tasks_ = 0;
  bool shut_down_ = false;
};
