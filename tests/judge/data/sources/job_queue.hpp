// A queue of heap-allocated jobs. Front() hands out a pointer to the oldest job, which the
// caller reads after the lock is released, while DropFront() may delete that job meanwhile.
#pragma once
#include <deque>
#include <mutex>

struct Job {
  long id;
  long payload;
};

class JobQueue {
 public:
  void Push(long id, long payload) {
    std::lock_guard lock(mutex_);
    jobs_.push_back(new Job{id, payload});
  }

  Job* Front() {
    std::lock_guard lock(mutex_);
    return jobs_.empty() ? nullptr : jobs_.front();
  }

  [[gnu::noinline]] void DropFront() {
    std::lock_guard lock(mutex_);
    delete jobs_.front();
    jobs_.pop_front();
  }

 private:
  std::mutex mutex_;
  std::deque<Job*> jobs_;
};
