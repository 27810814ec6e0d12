// Gradescope's autograder results.json: score, tests with name, score, max_score, status,
// output and visibility.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "judge/grade_result.h"

namespace grader {

nlohmann::json ResultToGradescope(const GradeResult& result);
void WriteGradescopeReport(const GradeResult& result, std::ostream& out);

}  // namespace grader
