// Kills every process it may signal.
#include <csignal>
#include <cstdio>
int main() {
  kill(-1, SIGKILL);
  std::puts("done");
}
