// An account guarded by a pthread mutex. Withdraw() returns early, still holding the mutex,
// when the balance is too small; the destructor then destroys a locked mutex.
#pragma once
#include <pthread.h>

class Account {
 public:
  explicit Account(long balance) : balance_(balance) { pthread_mutex_init(&mutex_, nullptr); }
  ~Account() { pthread_mutex_destroy(&mutex_); }

  [[gnu::noinline]] bool Withdraw(long amount) {
    pthread_mutex_lock(&mutex_);
    if (balance_ < amount) return false;
    balance_ -= amount;
    pthread_mutex_unlock(&mutex_);
    return true;
  }

 private:
  pthread_mutex_t mutex_;
  long balance_;
};
