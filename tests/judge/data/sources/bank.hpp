// Transfer() locks the source account, then the destination: transfers around a cycle of
// accounts take their mutexes in an order that can deadlock.
#pragma once
#include <mutex>

struct Account {
  std::mutex mutex;
  long balance = 100;
};

[[gnu::noinline]] inline void Transfer(Account& from, Account& to, long amount) {
  std::lock_guard from_lock(from.mutex);
  std::lock_guard to_lock(to.mutex);
  from.balance -= amount;
  to.balance += amount;
}
