// A blocking queue: Pop() waits until an item is pushed.
#pragma once
#include <condition_variable>
#include <deque>
#include <mutex>

class BlockingQueue {
 public:
  void Push(long value) {
    std::lock_guard lock(mutex_);
    items_.push_back(value);
    not_empty_.notify_one();
  }

  long Pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [this] { return !items_.empty(); });
    long value = items_.front();
    items_.pop_front();
    return value;
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_empty_;
  std::deque<long> items_;
};
