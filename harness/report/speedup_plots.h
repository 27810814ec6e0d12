// Speed tests' speedup plots (evidence.speed.svg, docs/speed.md) as files people can open.
#pragma once

#include <filesystem>
#include <vector>

#include "judge/grade_result.h"

namespace grader {

// Writes <dir>/<exercise>-<test>.svg for every test that has a plot, creating `dir`.
// Returns the files written. Throws InputError when `dir` cannot be written.
std::vector<std::filesystem::path> WriteSpeedupPlots(const GradeResult& result,
                                                     const std::filesystem::path& dir);

}  // namespace grader
