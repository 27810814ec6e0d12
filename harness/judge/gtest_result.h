// GoogleTest's JSON result file (--gtest_output=json:FILE), reduced to what judging needs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grader {

struct GtestFailure {
  std::string test;     // "CounterStress.ExactTotal"
  std::string message;  // the assertion's message, without the driver's file:line line
};

struct GtestResult {
  int tests = 0;     // test cases that ran
  int failed = 0;    // test cases with at least one failure
  std::vector<GtestFailure> failures;  // one per failed assertion, in order
};

// nullopt when `json` is not a GoogleTest result (truncated, forged, empty).
std::optional<GtestResult> ParseGtestResult(std::string_view json);

}  // namespace grader
