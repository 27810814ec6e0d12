#include "report/summary.h"

#include <cmath>
#include <cstdint>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace grader {
namespace {

bool IsInternalError(const TestResult& test) {
  return test.verdict == Verdict::kInternalError;
}

std::string_view Plural(std::size_t count, std::string_view one, std::string_view many) {
  return count == 1 ? one : many;
}

}  // namespace

bool ShowsDetails(const TestResult& test, bool show_hidden) {
  return show_hidden || test.visibility == Visibility::kVisible || test.details_public;
}

nlohmann::json ScoreJson(double score) {
  // 2^53: beyond it a double no longer holds every integer, so integral-looking values there
  // are not worth converting.
  constexpr double kExactIntegers = 9007199254740992.0;
  const double rounded = std::round(score);
  if (std::isfinite(score) && std::fabs(rounded) < kExactIntegers &&
      std::fabs(score - rounded) < 1e-9) {
    return static_cast<std::int64_t>(rounded);
  }
  return score;
}

std::string FormatScore(double score) {
  std::string text = fmt::format("{:.2f}", score);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";  // a tiny negative rounding error is not a negative score
  return text;
}

std::string ScoreSummary(const GradeResult& result) {
  std::size_t counted = 0;
  std::size_t passed = 0;
  for (const TestResult& test : result.tests) {
    if (IsInternalError(test)) continue;
    ++counted;
    if (test.verdict == Verdict::kOk) ++passed;
  }
  const std::string score =
      fmt::format("score {}/{}", FormatScore(result.score), FormatScore(result.max_score));
  if (counted > 0 && passed == counted) {
    return fmt::format("{}: {} {} {}", score, counted == 1 ? "the" : "all", counted,
                       Plural(counted, "test passed", "tests passed"));
  }
  return fmt::format("{}: {} of {} {}", score, passed, counted,
                     Plural(counted, "test passed", "tests passed"));
}

std::string InternalErrorSummary(const GradeResult& result) {
  std::vector<std::string_view> names;
  for (const TestResult& test : result.tests) {
    if (IsInternalError(test)) names.push_back(test.name);
  }
  if (names.empty()) return "";
  return fmt::format("internal error, not your code: {} {} not counted ({}); tell your instructor",
                     names.size(), Plural(names.size(), "test", "tests"), fmt::join(names, ", "));
}

std::vector<std::string> ReportWarnings(const GradeResult& result) {
  std::vector<std::string> warnings;
  if (!result.isolated) {
    warnings.push_back(fmt::format(
        "not isolated: sandbox '{}' has no namespaces and is not a security boundary",
        result.sandbox.empty() ? "none" : result.sandbox));
  }
  warnings.insert(warnings.end(), result.warnings.begin(), result.warnings.end());
  return warnings;
}

nlohmann::json WithValidUtf8(const nlohmann::json& json) {
  // nlohmann validates UTF-8 only when dumping; a dump that replaces bad sequences, parsed
  // back, is the same document with valid strings.
  return nlohmann::json::parse(
      json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace grader
