// Withdraws more than an account holds, then closes the account.
#include <thread>

#include "account.hpp"

int main() {
  auto* account = new Account(100);
  std::thread customer([account] { account->Withdraw(150); });
  customer.join();
  delete account;
}
