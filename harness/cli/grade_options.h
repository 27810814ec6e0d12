// What every grading command (check, validate) sets in GradeOptions from the common options.
#pragma once

#include <cstdint>
#include <optional>

#include "cli/commands.h"
#include "grading/grader.h"

namespace grader {

// A seed for a grading given none: random, below 10^12 so it is short to type back.
std::uint64_t FreshSeed();

// The seed (FreshSeed() when unset), repeat, work folder, chaos and progress lines.
GradeOptions MakeGradeOptions(const CommonOptions& common, std::optional<std::uint64_t> seed,
                              std::optional<int> repeat);

}  // namespace grader
