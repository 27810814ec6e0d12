// To spread contention, each producer thread appends to one of two internal deques ("lanes",
// assigned per thread), and get() takes from the lanes in turn. One thread's items keep their
// order, but an item put later by another thread overtakes items put before it: not FIFO.
#pragma once

#include <algorithm>
#include <atomic>
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
    while (!shut_down_ && Size() == 0) not_empty_.wait(lock);
    if (Size() == 0) throw ShutDown("get() on a shut-down, empty queue");
    return Pop();
  }

  std::optional<T> get(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock<std::mutex> lock(mutex_);
    if (!not_empty_.wait_until(lock, deadline,
                               [this] { return shut_down_ || Size() > 0; })) {
      return std::nullopt;
    }
    if (Size() == 0) throw ShutDown("get() on a shut-down, empty queue");
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
    return Size();
  }

  bool empty() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return Size() == 0;
  }

  bool full() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return IsFull();
  }

  void shutdown(bool immediate = false) {
    std::lock_guard<std::mutex> lock(mutex_);
    shut_down_ = true;
    if (immediate) {
      unfinished_tasks_ -= std::min(Size(), unfinished_tasks_);
      lanes_[0].clear();
      lanes_[1].clear();
      all_tasks_done_.notify_all();
    }
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  bool IsFull() const { return maxsize_ > 0 && Size() >= maxsize_; }

  std::size_t Size() const { return lanes_[0].size() + lanes_[1].size(); }

  // The calling thread's lane, assigned round-robin at its first put().
  static int Lane() {
    static std::atomic<int> next_lane{0};
    thread_local const int lane = next_lane.fetch_add(1) % 2;
    return lane;
  }

  void Push(T item) {
    lanes_[Lane()].push_back(std::move(item));
    ++unfinished_tasks_;
    not_empty_.notify_one();
  }

  T Pop() {
    std::deque<T>& lane = lanes_[next_].empty() ? lanes_[1 - next_] : lanes_[next_];
    next_ = 1 - next_;
    T item = std::move(lane.front());
    lane.pop_front();
    not_full_.notify_one();
    return item;
  }

  const std::size_t maxsize_;
  mutable std::mutex mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::condition_variable all_tasks_done_;
  std::deque<T> lanes_[2];
  int next_ = 0;  // the lane get() tries first
  std::size_t unfinished_tasks_ = 0;
  bool shut_down_ = false;
};
