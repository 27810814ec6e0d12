// `grader validate`: the course material proves itself. Every reference must score full
// marks and every known-bad submission must get exactly its expected verdict.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "grading/grader.h"
#include "spec/spec.h"

namespace grader {

// One submission to validate: the exercise's reference, one of its known-good cases (both
// must get full marks) or one of its known-bad cases.
struct ValidationCase {
  std::string exercise;
  std::string submission;  // "reference" or the known-good or known-bad case's name
  std::filesystem::path dir;
  bool reference = false;  // the reference or a known-good case
  Verdict expected = Verdict::kOk;  // known-bad only
  std::vector<std::string> only_tests;  // known-good: the tests it is graded on; empty: all
};

// The reference first, then the known-good cases, then the known-bad cases, each by name.
std::vector<ValidationCase> ValidationCases(const ExerciseSpec& spec);

// What one grading of a case showed.
struct ValidationRow {
  std::string exercise;
  std::string submission;
  std::string expected;  // "full marks" or a verdict name
  std::string actual;    // summary verdict (SummaryVerdict), with the score for references
  bool as_expected = false;
  bool internal_error = false;  // the harness failed: neither pass nor fail
  std::string message;     // the first failing test's message
  double seconds = 0;      // wall time of the grading
  double catch_seconds = -1;  // known-bad: seconds to the first failing run (negative: none)
};

// Grades `a_case` once with `options` (reveal_hidden is set).
ValidationRow ValidateOnce(Grader& grader, const ExerciseSpec& spec,
                           const ValidationCase& a_case, GradeOptions options);

// A case graded many times: how often it came out as expected, and how fast.
struct DetectionStats {
  int gradings = 0;
  int as_expected = 0;
  int internal_errors = 0;
  std::vector<double> catch_seconds;  // of the gradings that were as expected (known-bad)
  std::string unexpected;             // the actual verdict and message of one that was not
  double MedianCatchSeconds() const;  // negative when there is none
};

// Grades `a_case` `gradings` times, with seeds options.seed, options.seed + 1, ...
DetectionStats MeasureDetection(Grader& grader, const ExerciseSpec& spec,
                                const ValidationCase& a_case, const GradeOptions& options,
                                int gradings);

}  // namespace grader
