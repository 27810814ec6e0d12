// Three transfers, one after the other, around the cycle a -> b -> c -> a.
#include <thread>

#include "bank.hpp"

Account a, b, c;

int main() {
  std::thread([] { Transfer(a, b, 10); }).join();
  std::thread([] { Transfer(b, c, 10); }).join();
  std::thread([] { Transfer(c, a, 10); }).join();
}
