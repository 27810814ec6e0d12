// `grader validate`: every reference must score full marks and every known-bad submission
// must get its expected verdict (grading/validation.h), one row per case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace grader {

struct ValidateOptions {
  std::vector<std::string> exercises;  // empty: all
  std::optional<std::uint64_t> seed;
  // --repeat N: grade every case N times, chaos on and then off, and print detection rates
  // and median times to catch. Unset: every case once.
  std::optional<int> gradings;
  // --no-chaos-comparison: with --repeat, grade with chaos on only (half the time).
  bool no_chaos_comparison = false;
  std::vector<std::string> cases;  // --case: "reference" or known-bad names; empty: all
  std::optional<unsigned> cpus;    // --cpus
  int jobs = 0;  // -j: cases graded at once (speed tests still alone); 0: JobsOrCores()
};

int RunValidate(const CommonOptions& common, const ValidateOptions& options);

}  // namespace grader
