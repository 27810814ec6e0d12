// The schedule-chaos runtime (harness/build/chaos/chaos_runtime.cpp) as the build sees it:
// its source, embedded in the grader at build time so the binary is self-contained, and
// the linker flags that route the synchronisation calls of every test binary through it.
// At run time GRADER_CHAOS=1 turns the perturbation on (see the runtime's header comment).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace grader {

// The runtime's C++ source text.
std::string_view ChaosRuntimeSource();

// -Wl,--wrap=<symbol> for every function the runtime wraps.
std::vector<std::string> ChaosLinkFlags();

}  // namespace grader
