#include <iostream>

int main() {
  long long first = 0;
  long long second = 0;
  std::cin >> first >> second;
  // Waits for a "ready" flag that nothing ever sets. The flag is volatile, so the optimiser
  // must re-read it on every pass and cannot delete the loop: it burns CPU until killed.
  volatile bool ready = false;
  volatile unsigned long long spins = 0;
  while (!ready) {
    spins = spins + 1;
  }
  std::cout << first + second << '\n';
}
