// Kills the process that started it (the sandbox's init), then gives the wrong answer.
#pragma once
#include <csignal>
#include <unistd.h>
inline int answer() {
  kill(getppid(), SIGKILL);
  return 41;
}
