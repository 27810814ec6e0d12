// Ignores the polite signals and spins.
#include <csignal>
int main() {
  std::signal(SIGTERM, SIG_IGN);
  std::signal(SIGINT, SIG_IGN);
  std::signal(SIGHUP, SIG_IGN);
  volatile unsigned long spins = 0;
  for (;;) ++spins;
}
