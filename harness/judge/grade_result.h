// The outcome of grading one submission of one exercise: what every report renders.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/verdict.h"
#include "spec/spec.h"

namespace grader {

struct TestResult {
  std::string name;
  Visibility visibility = Visibility::kHidden;
  Verdict verdict = Verdict::kOk;
  double score = 0;
  double max_score = 0;
  int runs = 0;         // runs made (stops at the first failing one)
  std::string message;  // one line a student can act on
  // Longer human-readable evidence: the compiler's output, an input/expected/actual diff,
  // the racing lines of the student's file. Plain text, lines separated by '\n'.
  std::string details;
  // True when `details` hold nothing secret of a hidden test (the compiler's output, a
  // sanitizer's findings in the student's code, the driver's failure messages), so reports
  // show them even for hidden tests. False when they may hold hidden inputs or outputs.
  bool details_public = false;
  // The same evidence, structured (verdict-specific), for the JSON report.
  nlohmann::json evidence = nlohmann::json::object();
  std::string reproduce;  // the command that reproduces a failing run; empty when ok
};

struct GradeResult {
  std::string exercise;
  std::string submission;  // the folder as given on the command line
  std::uint64_t seed = 0;
  double score = 0;      // sum of test scores (internal errors excluded)
  double max_score = 0;  // sum of max scores (internal errors excluded)
  std::vector<TestResult> tests;
  std::string sandbox;         // backend name: "bwrap" or "none"
  bool isolated = true;        // false under the fallback backend
  std::vector<std::string> warnings;  // shown in every report
  double seconds = 0;  // wall time of the whole grading
  // Seconds from the start of grading to the end of the first failing run: how fast a bug
  // was caught. Negative when no run failed (or grading ended before any run).
  double first_failure_seconds = -1;

  bool FullScore() const { return score >= max_score; }
  bool HasInternalError() const;
};

}  // namespace grader
