// The result JSON of ../INTERFACE.md ("schema": "grader-result/1").
//
// Keys of the interface: schema, exercise, submission, score, max_score, seed, and tests[]
// with name, verdict (VerdictName), score, max_score, runs, message, evidence (always an
// object). Added keys: top-level "sandbox", "isolated" and "warnings" (result.warnings as
// given; the not-isolated state is the "isolated" flag), per test "visibility" ("visible" or
// "hidden"), and "details" and "reproduce" only when non-empty. Scores are integers when
// integral (70, not 70.0; see ScoreJson). Keys come out sorted (nlohmann::json objects are
// std::maps).
// Invalid UTF-8 in any string is replaced by U+FFFD, so the result always dumps.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "judge/grade_result.h"

namespace grader {

nlohmann::json ResultToJson(const GradeResult& result);
void WriteJsonReport(const GradeResult& result, std::ostream& out);  // pretty, '\n'-terminated

}  // namespace grader
