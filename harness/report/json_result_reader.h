// The result JSON (json_report.h, docs/json-report.md) read back into a GradeResult: how the
// batch's whole-class reports (JUnit XML, the HTML page) see a stored result, so they are a
// function of the files in OUT alone.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "judge/grade_result.h"

namespace grader {

// `json` as a GradeResult. What the JSON does not hold stays at its default: `seconds` and
// `first_failure_seconds`, and every test's `details_public` (false; the JSON holds the
// details of hidden tests too, so a reader that shows them must mean to).
// Keys the schema does not name (the batch's "student", "grading_key", "error") are ignored.
// Throws InputError "<source>: <key>: what is wrong" when `json` is not a grader-result/1
// object or a key has the wrong type or value (an unknown verdict, a negative seed).
GradeResult ResultFromJson(const nlohmann::json& json, const std::string& source);

}  // namespace grader
