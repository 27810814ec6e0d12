// Programs that hang, for the gdb fixtures (gdb_generate.sh): `gdb_hangs SCENARIO`.
//   two-mutexes  two named threads take two mutexes in opposite orders
//   self-lock    four threads call Counter::increment, which locks its mutex twice
//   lost-wakeup  a consumer waits on a condition variable that was notified before it waited
//   busy-loop    a thread spins in a loop that never ends
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

namespace {

std::mutex first_mutex;
std::mutex second_mutex;

void LockFirstThenSecond() {
  pthread_setname_np(pthread_self(), "worker-a");
  std::lock_guard<std::mutex> first(first_mutex);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::lock_guard<std::mutex> second(second_mutex);
}

void LockSecondThenFirst() {
  pthread_setname_np(pthread_self(), "worker-b");
  std::lock_guard<std::mutex> second(second_mutex);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::lock_guard<std::mutex> first(first_mutex);
}

class Counter {
 public:
  void increment() {
    std::lock_guard<std::mutex> lock(mutex_);
    add(1);
  }

 private:
  void add(long long by) {
    std::lock_guard<std::mutex> again(mutex_);
    count_ += by;
  }

  std::mutex mutex_;
  long long count_ = 0;
};

std::mutex queue_mutex;
std::condition_variable queue_changed;
bool item_ready = false;

void Consume() {
  std::unique_lock<std::mutex> lock(queue_mutex);
  queue_changed.wait(lock);  // no predicate: the notification came before the wait
}

std::atomic<long long> spins{0};

void Spin() {
  while (spins.load() >= 0) {
    spins.fetch_add(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const char* scenario = argc > 1 ? argv[1] : "";
  std::vector<std::thread> threads;
  if (std::strcmp(scenario, "two-mutexes") == 0) {
    threads.emplace_back(LockFirstThenSecond);
    threads.emplace_back(LockSecondThenFirst);
  } else if (std::strcmp(scenario, "self-lock") == 0) {
    static Counter counter;
    for (int i = 0; i < 4; ++i) threads.emplace_back([] { counter.increment(); });
  } else if (std::strcmp(scenario, "lost-wakeup") == 0) {
    {
      std::lock_guard<std::mutex> lock(queue_mutex);
      item_ready = true;
    }
    queue_changed.notify_one();
    threads.emplace_back(Consume);
  } else if (std::strcmp(scenario, "busy-loop") == 0) {
    threads.emplace_back(Spin);
  } else {
    return 2;
  }
  for (auto& thread : threads) thread.join();
}
