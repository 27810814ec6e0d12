// The workers are detached in the constructor and share the pool's state through a
// std::shared_ptr, "so that the pool can be destroyed at any time without joining".
// shutdown(true) waits until the queue is empty and no task is running, then returns: the
// workers are still on their way out, not joined. Nothing is freed under them, but the
// pool leaves threads behind that nobody can wait for.
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
    for (unsigned i = 0; i < max_workers; ++i) {
      std::thread([state = state_] { Work(*state); }).detach();  // no join needed later
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
      std::lock_guard<std::mutex> lock(state_->mutex);
      if (state_->shutdown) throw std::runtime_error("cannot schedule new futures after shutdown");
      state_->tasks.emplace_back([task] { (*task)(); });
    }
    state_->work_available.notify_one();
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
    std::unique_lock<std::mutex> lock(state_->mutex);
    state_->shutdown = true;
    state_->work_available.notify_all();
    if (!wait) return;
    state_->all_done.wait(lock, [this] { return state_->tasks.empty() && state_->running == 0; });
  }

 private:
  // A worker's life: take the oldest task and run it outside the lock, until shut down with
  // nothing left to run. An exception never escapes a task: packaged_task stores it.
  struct State {
    std::mutex mutex;
    std::condition_variable work_available;     // a task was queued, or shutdown was set
    std::condition_variable all_done;           // the queue is empty and nothing runs
    std::deque<std::function<void()>> tasks;    // guarded by mutex
    bool shutdown = false;                      // guarded by mutex
    int running = 0;                            // guarded by mutex
  };

  static void Work(State& state) {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(state.mutex);
        state.work_available.wait(lock, [&] { return state.shutdown || !state.tasks.empty(); });
        if (state.tasks.empty()) return;  // shut down, and nothing left to run
        task = std::move(state.tasks.front());
        state.tasks.pop_front();
        ++state.running;
      }
      task();
      task = nullptr;
      std::lock_guard<std::mutex> lock(state.mutex);
      if (--state.running == 0 && state.tasks.empty()) state.all_done.notify_all();
    }
  }

  std::shared_ptr<State> state_ = std::make_shared<State>();  // shared with the workers
};
