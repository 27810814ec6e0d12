// What every report says about a result as a whole, and the number formats they share, so a
// student reads the same score, tally and warnings in the terminal, the result JSON and
// Gradescope.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "judge/grade_result.h"

namespace grader {

// What an internal-error test says under its verdict, in every report.
inline constexpr std::string_view kInternalErrorNotice =
    "the grader failed, not your code: this test is not counted; tell your instructor";

// Whether a report may show `test`'s details and reproduce command to its reader: always for
// visible tests and public details, for hidden ones only when `show_hidden` (instructors).
bool ShowsDetails(const TestResult& test, bool show_hidden);

// A score as a JSON number: an integer when the value is integral (70, never 70.0), else the
// double unchanged (72.5). Integral means within 1e-9 of an integer, so sums of fractional
// points that should be whole print as integers.
nlohmann::json ScoreJson(double score);

// A score as text: rounded to at most two decimals, trailing zeros dropped ("70", "72.5",
// "3.33").
std::string FormatScore(double score);

// "score 70/100: 3 of 5 tests passed", counting only tests that are not internal errors.
std::string ScoreSummary(const GradeResult& result);

// "internal error, not your code: 1 test not counted (exact-total); tell your instructor",
// naming each test whose verdict is internal-error; empty when there is none.
std::string InternalErrorSummary(const GradeResult& result);

// The warnings a report shows a reader, in order: "not isolated: ..." first when
// result.isolated is false (derived here from the flag, so the grading stage need not add it
// to result.warnings), then result.warnings as given. Texts carry no "warning:" prefix.
std::vector<std::string> ReportWarnings(const GradeResult& result);

// `json` with every invalid UTF-8 sequence in its strings replaced by U+FFFD, so it dumps
// with nlohmann's default (throwing) error handler. Student output reaches messages and
// evidence unfiltered, and need not be UTF-8.
nlohmann::json WithValidUtf8(const nlohmann::json& json);

}  // namespace grader
