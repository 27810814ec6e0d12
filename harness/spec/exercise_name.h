// The rule for exercise names, shared by the spec loader (`exercise:` must follow it) and by
// `grader new` (which makes specs/<name>/, <name>.hpp and C++ identifiers from a name).
#pragma once

#include <string_view>

namespace grader {

// What the rule says, to complete a message: "'X' {kExerciseNameRule}".
inline constexpr std::string_view kExerciseNameRule =
    "must start with a-z and use only a-z, 0-9 and '_'";

// True when `name` starts with a-z and holds only a-z, 0-9 and '_'.
bool IsExerciseName(std::string_view name);

}  // namespace grader
