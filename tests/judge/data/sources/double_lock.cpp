// One thread adds and resets; the next one adds again. The mutex is unlocked for pthreads
// (zeroed), but ThreadSanitizer still sees it held by the first thread: a double lock.
#include <thread>

#include "stats.hpp"

Stats stats = {PTHREAD_MUTEX_INITIALIZER, 0, 0};

int main() {
  std::thread first([] {
    StatsAdd(&stats, 3);
    StatsReset(&stats);
  });
  first.join();
  std::thread second([] { StatsAdd(&stats, 4); });
  second.join();
  return stats.count == 1 ? 0 : 1;
}
