// What the grading commands share: the GradeOptions every one (check, validate) sets from the
// common options, and the exercises the timing commands (bench, calibrate) work on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "grading/grader.h"
#include "spec/spec.h"

namespace grader {

// A seed for a grading given none: random, below 10^12 so it is short to type back.
std::uint64_t FreshSeed();

// The seed (FreshSeed() when unset), repeat, work folder, chaos and progress lines.
GradeOptions MakeGradeOptions(const CommonOptions& common, std::optional<std::uint64_t> seed,
                              std::optional<int> repeat);

// Gradings at once for -j: `jobs` when given (above 0), else one per core the grader may use
// (AvailableCores(): the affinity mask capped by a cgroup quota). Not more by default: a
// correctness run's wall-time limit must hold for a correct submission however many
// gradings share the machine.
int JobsOrCores(int jobs);

// The specs of `names` (every exercise when empty) that have a speed test. A named exercise
// without one is an InputError naming its spec file and `command`; unnamed ones are skipped.
std::vector<ExerciseSpec> TimedSpecs(const CommonOptions& common,
                                     const std::vector<std::string>& names,
                                     std::string_view command);

}  // namespace grader
