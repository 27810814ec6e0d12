// The result JSON of ../INTERFACE.md ("schema": "grader-result/1").
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "judge/grade_result.h"

namespace grader {

nlohmann::json ResultToJson(const GradeResult& result);
void WriteJsonReport(const GradeResult& result, std::ostream& out);  // pretty, '\n'-terminated

}  // namespace grader
