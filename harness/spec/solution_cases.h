// The course material's other solutions, beside the spec's `reference`: known-bad cases
// (each must get its expected failing verdict) and known-good cases (each must get full
// marks on its tests). Each case is a folder with the submitted files and an expected.yaml,
// read as strictly as the spec: an unknown key, a verdict that is not a failing one or a
// test the spec does not have is an InputError naming the file, line and column.
#pragma once

#include <vector>

#include "spec/spec.h"

namespace grader {

// The known-bad cases of a loaded spec, sorted by name. Empty without `known_bad`.
std::vector<KnownBadCase> LoadKnownBadCases(const ExerciseSpec& spec);

// The known-good cases of a loaded spec, sorted by name. Empty without `known_good`.
std::vector<KnownGoodCase> LoadKnownGoodCases(const ExerciseSpec& spec);

}  // namespace grader
