// Gradescope's autograder results.json (gradescope-autograders.readthedocs.io, "specs"):
// score, output, tests with name, score, max_score, status, output and visibility.
//
// A test's output is its verdict and message; a visible test adds its details and the
// command that reproduces it. A hidden test shows its verdict and message only, never its
// details or reproduce command (they can hold the hidden input and expected output).
// An internal-error test has score and max_score 0 there (it is not counted) and says so.
// The top-level output summarises the score and names an internal error and every warning,
// not-isolated included.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "judge/grade_result.h"

namespace grader {

nlohmann::json ResultToGradescope(const GradeResult& result);
void WriteGradescopeReport(const GradeResult& result, std::ostream& out);  // pretty, '\n'-ended

}  // namespace grader
