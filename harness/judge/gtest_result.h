// The driver's report (build/driver_main.h: GoogleTest's JSON shape, plus the drivers'
// attachments), reduced to what judging needs.
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

// A text the driver attached to a test (grader_driver::Attach), e.g. a recorded history.
struct GtestAttachment {
  std::string test;  // "BlockingQueueHistory.EightThreads"
  std::string name;  // "history/queue"
  std::string text;
};

struct GtestResult {
  int tests = 0;     // test cases that ran
  int failed = 0;    // test cases with at least one failure
  std::vector<GtestFailure> failures;  // one per failed assertion, in order
  std::vector<GtestAttachment> attachments;  // in order
};

// nullopt when `json` is not a GoogleTest result (truncated, forged, empty).
std::optional<GtestResult> ParseGtestResult(std::string_view json);

}  // namespace grader
