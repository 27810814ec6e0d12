#include "report/gradescope_report.h"

#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "report/summary.h"

namespace grader {
namespace {

std::string_view TrimmedEnd(std::string_view text) {
  const std::size_t end = text.find_last_not_of("\n");
  return end == std::string_view::npos ? std::string_view() : text.substr(0, end + 1);
}

std::string TestOutput(const TestResult& test) {
  std::vector<std::string> paragraphs;
  std::string headline(VerdictName(test.verdict));
  if (!test.message.empty()) headline += ": " + test.message;
  paragraphs.push_back(std::move(headline));
  if (test.verdict == Verdict::kInternalError) paragraphs.emplace_back(kInternalErrorNotice);
  if (test.verdict != Verdict::kOk) {
    if (ShowsDetails(test, /*show_hidden=*/false)) {
      const std::string_view details = TrimmedEnd(test.details);
      if (!details.empty()) paragraphs.emplace_back(details);
      if (!test.reproduce.empty()) paragraphs.push_back("reproduce: " + test.reproduce);
    } else if (!test.details.empty() || !test.reproduce.empty()) {
      paragraphs.emplace_back("(hidden test: its input and expected output are not shown)");
    }
  }
  return fmt::format("{}", fmt::join(paragraphs, "\n\n"));
}

nlohmann::json TestToGradescope(const TestResult& test) {
  const bool counted = test.verdict != Verdict::kInternalError;
  return {
      {"name", test.name},
      {"score", ScoreJson(counted ? test.score : 0)},
      {"max_score", ScoreJson(counted ? test.max_score : 0)},
      {"status", test.verdict == Verdict::kOk ? "passed" : "failed"},
      {"output", TestOutput(test)},
      // Hidden tests are "visible" too, not "after_published": what is secret about a hidden
      // test is its input and expected output, which TestOutput leaves out; that it failed,
      // and the one-line message why, is what a student needs while they can still resubmit.
      {"visibility", "visible"},
  };
}

std::string SubmissionOutput(const GradeResult& result) {
  std::vector<std::string> lines;
  lines.push_back(
      fmt::format("{}: {} (seed {})", result.exercise, ScoreSummary(result), result.seed));
  if (result.HasInternalError()) lines.push_back(InternalErrorSummary(result));
  for (const std::string& warning : ReportWarnings(result)) {
    lines.push_back("warning: " + warning);
  }
  return fmt::format("{}", fmt::join(lines, "\n"));
}

}  // namespace

nlohmann::json ResultToGradescope(const GradeResult& result) {
  nlohmann::json tests = nlohmann::json::array();
  for (const TestResult& test : result.tests) tests.push_back(TestToGradescope(test));
  nlohmann::json json = {
      {"score", ScoreJson(result.score)},
      {"output", SubmissionOutput(result)},
      {"output_format", "text"},
      {"test_output_format", "text"},
      // The autograder's stdout is for the instructor: a wrapper may print the terminal report
      // with hidden details there. Everything a student should read is in "output".
      {"stdout_visibility", "hidden"},
      {"extra_data",
       {{"exercise", result.exercise},
        {"seed", result.seed},
        {"sandbox", result.sandbox},
        {"isolated", result.isolated}}},
      {"tests", std::move(tests)},
  };
  return WithValidUtf8(json);
}

void WriteGradescopeReport(const GradeResult& result, std::ostream& out) {
  out << ResultToGradescope(result).dump(2) << '\n';
}

}  // namespace grader
