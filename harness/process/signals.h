// Signal facts about a finished process, so that no code outside process/ needs <signal.h>.
#pragma once

#include "process/subprocess.h"

namespace grader {

// True when the kernel stopped the process for exceeding RLIMIT_CPU (SIGXCPU).
bool KilledForCpuLimit(const ExitStatus& status);

}  // namespace grader
