// The CPUs this process may run on.
#pragma once

#include <vector>

namespace grader {

// The CPU numbers of the harness's affinity mask (what cgroups and taskset leave it), in
// ascending order; never empty.
std::vector<int> UsableCpus();

}  // namespace grader
