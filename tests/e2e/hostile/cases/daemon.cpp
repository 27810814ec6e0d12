// Leaves a daemon behind: fork, setsid, fork again; the grandchild ignores every polite
// signal and sleeps for a minute. The program itself says "done" at once.
#include <csignal>
#include <cstdio>
#include <initializer_list>
#include <unistd.h>
int main() {
  if (fork() == 0) {
    setsid();
    if (fork() == 0) {
      for (int sig : {SIGTERM, SIGHUP, SIGINT}) std::signal(sig, SIG_IGN);
      for (int i = 0; i < 60; ++i) sleep(1);
      _exit(0);
    }
    _exit(0);
  }
  std::puts("done");
}
