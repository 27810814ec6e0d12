// The compiler configurations a test can ask for.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/spec.h"

namespace grader {

std::string_view FlavorName(Flavor flavor);                 // "tsan", "asan", "release"
std::optional<Flavor> ParseFlavor(std::string_view name);

// Flags for compiling and for linking every object of a flavor (student, glue, driver and
// GoogleTest alike: sanitizers need every object instrumented the same way).
//   tsan:    -O1 -g -fsanitize=thread
//   asan:    -O1 -g -fsanitize=address,undefined, UB fatal
//   release: -O2 -g
std::vector<std::string> FlavorFlags(Flavor flavor);

}  // namespace grader
