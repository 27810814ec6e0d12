// get() waits once, with `if`, and then pops without checking the queue again. A waiter woken
// by put()'s notify finds the item gone when another thread's get() took the lock first (a
// stolen wake-up), and calls front() and pop_front() on an empty std::deque: undefined
// behaviour, an assertion failure under _GLIBCXX_ASSERTIONS.
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
    while (!shut_down_ && IsFull()) not_full_.wait(lock);
    if (shut_down_) throw ShutDown("put() on a shut-down queue");
    Push(std::move(item));
  }

  bool put(T item, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock<std::mutex> lock(mutex_);
    if (!not_full_.wait_until(lock, deadline, [this] { return shut_down_ || !IsFull(); })) {
      return false;
    }
    if (shut_down_) throw ShutDown("put() on a shut-down queue");
    Push(std::move(item));
    return true;
  }

  T get() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!shut_down_ && items_.empty()) not_empty_.wait(lock);
    if (shut_down_ && items_.empty()) throw ShutDown("get() on a shut-down, empty queue");
    return Pop();
  }

  std::optional<T> get(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock<std::mutex> lock(mutex_);
    if (!not_empty_.wait_until(lock, deadline,
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
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  bool IsFull() const { return maxsize_ > 0 && items_.size() >= maxsize_; }

  void Push(T item) {
    items_.push_back(std::move(item));
    ++unfinished_tasks_;
    not_empty_.notify_one();
  }

  T Pop() {
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

  const std::size_t maxsize_;
  mutable std::mutex mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::condition_variable all_tasks_done_;
  std::deque<T> items_;
  std::size_t unfinished_tasks_ = 0;
  bool shut_down_ = false;
};
