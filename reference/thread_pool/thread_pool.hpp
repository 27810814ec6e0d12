// Reference solution of `thread_pool`: Python's concurrent.futures.ThreadPoolExecutor in C++.
//
// max_workers threads, started by the constructor, take tasks from one FIFO queue guarded
// by one mutex; a condition variable wakes them when a task arrives or the pool shuts down.
// A task is a std::packaged_task: it runs the callable, stores its result or its exception
// in the shared state, and so hands either to future::get() in the submitting thread. The
// queue holds type-erased `void()` wrappers around a shared_ptr to the packaged_task,
// because std::function must be copyable and a packaged_task is move-only.
//
// shutdown() sets a flag under the lock and wakes every worker; a worker leaves its loop
// only when the flag is set AND the queue is empty, so everything submitted before
// shutdown() still runs. shutdown(true) then joins every worker. The joins happen under a
// second mutex, so that two threads calling shutdown(true) at once (or shutdown(true) and
// the destructor) never join one std::thread twice, and both return only after the last
// join.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

class ThreadPoolExecutor {
 public:
  // Starts `max_workers` worker threads. Throws std::invalid_argument when max_workers is 0
  // (Python raises ValueError).
  explicit ThreadPoolExecutor(unsigned max_workers) {
    if (max_workers == 0) {
      throw std::invalid_argument("ThreadPoolExecutor: max_workers must be greater than 0");
    }
    workers_.reserve(max_workers);
    try {
      for (unsigned i = 0; i < max_workers; ++i) workers_.emplace_back([this] { Work(); });
    } catch (...) {
      shutdown(true);  // the threads already started must not outlive a failed constructor
      throw;
    }
  }

  ~ThreadPoolExecutor() { shutdown(true); }

  ThreadPoolExecutor(const ThreadPoolExecutor&) = delete;
  ThreadPoolExecutor& operator=(const ThreadPoolExecutor&) = delete;

  // Schedules f(args...) and returns the future of its result. The callable and the
  // arguments are moved (or copied) into the task, then called as rvalues, as std::async
  // does, so move-only arguments work. Throws std::runtime_error after shutdown().
  template <class F, class... Args>
  auto submit(F&& f, Args&&... args) -> std::future<std::invoke_result_t<F, Args...>> {
    using Result = std::invoke_result_t<F, Args...>;
    auto task = std::make_shared<std::packaged_task<Result()>>(
        [f = std::forward<F>(f), ... args = std::forward<Args>(args)]() mutable -> Result {
          return std::invoke(std::move(f), std::move(args)...);
        });
    std::future<Result> future = task->get_future();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (shutdown_) throw std::runtime_error("cannot schedule new futures after shutdown");
      tasks_.emplace_back([task] { (*task)(); });
    }
    work_available_.notify_one();
    return future;
  }

  // f(item) for every item, run by the workers; the results in the order of `items`. If a
  // call throws, map() throws the exception of the first such item in that order. Either
  // way it returns or throws only once every one of its calls has finished: they use `f`
  // and `items` by reference.
  template <class F, class T>
  auto map(F&& f, const std::vector<T>& items) -> std::vector<std::invoke_result_t<F, const T&>> {
    using Result = std::invoke_result_t<F, const T&>;
    std::vector<std::future<Result>> futures;
    futures.reserve(items.size());
    try {
      for (const T& item : items) {
        futures.push_back(submit([&f, &item]() -> Result { return std::invoke(f, item); }));
      }
    } catch (...) {
      for (std::future<Result>& future : futures) future.wait();
      throw;
    }
    for (std::future<Result>& future : futures) future.wait();
    std::vector<Result> results;
    results.reserve(items.size());
    for (std::future<Result>& future : futures) results.push_back(future.get());
    return results;
  }

  // From now on submit() throws std::runtime_error. The tasks submitted before still run.
  // wait == true: returns once they have all finished and every worker thread is joined.
  // wait == false: returns at once; the destructor joins the workers. Calling it again, or
  // from several threads at once, is harmless.
  void shutdown(bool wait = true) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      shutdown_ = true;
    }
    work_available_.notify_all();
    if (!wait) return;
    std::lock_guard<std::mutex> join_lock(join_mutex_);
    for (std::thread& worker : workers_) {
      if (worker.joinable()) worker.join();
    }
  }

 private:
  // A worker's life: take the oldest task and run it outside the lock, until shut down with
  // nothing left to run. An exception never escapes a task: packaged_task stores it.
  void Work() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        work_available_.wait(lock, [this] { return shutdown_ || !tasks_.empty(); });
        if (tasks_.empty()) return;  // shut down, and nothing left to run
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }

  std::mutex mutex_;
  std::condition_variable work_available_;     // a task was queued, or shutdown_ was set
  std::deque<std::function<void()>> tasks_;    // guarded by mutex_
  bool shutdown_ = false;                      // guarded by mutex_
  std::mutex join_mutex_;                      // held while joining workers_
  std::vector<std::thread> workers_;           // written only by the constructor
};
