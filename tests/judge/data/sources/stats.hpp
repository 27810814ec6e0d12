// C-style statistics guarded by a pthread mutex. StatsReset() starts over by zeroing the whole
// struct, the mutex it holds included, reasoning that an all-zero mutex is an unlocked one.
#pragma once
#include <pthread.h>

#include <cstring>

struct Stats {
  pthread_mutex_t mutex;
  long count;
  long sum;
};

[[gnu::noinline]] inline void StatsAdd(Stats* stats, long value) {
  pthread_mutex_lock(&stats->mutex);
  stats->count += 1;
  stats->sum += value;
  pthread_mutex_unlock(&stats->mutex);
}

[[gnu::noinline]] inline void StatsReset(Stats* stats) {
  pthread_mutex_lock(&stats->mutex);
  std::memset(stats, 0, sizeof *stats);
}
