#include "process/signals.h"

#include <signal.h>

namespace grader {

bool KilledForCpuLimit(const ExitStatus& status) {
  return status.signaled && status.signal == SIGXCPU;
}

}  // namespace grader
