// Leaves a stopped child behind: it stops itself before its parent says "done" and exits.
#include <csignal>
#include <cstdio>
#include <unistd.h>
int main() {
  if (fork() == 0) {
    raise(SIGSTOP);
    for (;;) pause();
  }
  std::puts("done");
}
