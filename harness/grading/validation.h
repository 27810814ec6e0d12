// `grader validate`: the course material proves itself. Every reference must score full
// marks and every known-bad submission must get exactly its expected verdict.
#pragma once

#include <string>
#include <vector>

#include "grading/grader.h"
#include "spec/spec.h"

namespace grader {

struct ValidationRow {
  std::string exercise;
  std::string submission;  // "reference" or the known-bad case's name
  std::string expected;    // "full marks" or a verdict name
  std::string actual;      // summary verdict (SummaryVerdict), with the score for references
  bool as_expected = false;
  bool internal_error = false;  // the harness failed: neither pass nor fail
  std::string message;     // the first failing test's message, or why it was not as expected
  double seconds = 0;      // wall time of the grading
};

// Grades the spec's reference and known-bad cases with `options` (reveal_hidden is set).
std::vector<ValidationRow> ValidateExercise(Grader& grader, const ExerciseSpec& spec,
                                            GradeOptions options);

}  // namespace grader
