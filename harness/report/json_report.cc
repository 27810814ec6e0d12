#include "report/json_report.h"

#include <string>

#include "report/summary.h"

namespace grader {
namespace {

constexpr const char* kSchema = "grader-result/1";

const char* VisibilityName(Visibility visibility) {
  return visibility == Visibility::kVisible ? "visible" : "hidden";
}

nlohmann::json TestToJson(const TestResult& test) {
  nlohmann::json json = {
      {"name", test.name},
      {"visibility", VisibilityName(test.visibility)},
      {"verdict", std::string(VerdictName(test.verdict))},
      {"score", ScoreJson(test.score)},
      {"max_score", ScoreJson(test.max_score)},
      {"runs", test.runs},
      {"message", test.message},
      // The schema promises an object; a judge that recorded nothing leaves null behind.
      {"evidence", test.evidence.is_null() ? nlohmann::json::object() : test.evidence},
  };
  if (!test.details.empty()) json["details"] = test.details;
  if (!test.reproduce.empty()) json["reproduce"] = test.reproduce;
  return json;
}

}  // namespace

nlohmann::json ResultToJson(const GradeResult& result) {
  nlohmann::json tests = nlohmann::json::array();
  for (const TestResult& test : result.tests) tests.push_back(TestToJson(test));
  nlohmann::json json = {
      {"schema", kSchema},
      {"exercise", result.exercise},
      {"submission", result.submission},
      {"score", ScoreJson(result.score)},
      {"max_score", ScoreJson(result.max_score)},
      {"seed", result.seed},
      {"sandbox", result.sandbox},
      {"isolated", result.isolated},
      {"warnings", result.warnings},
      {"tests", std::move(tests)},
  };
  return WithValidUtf8(json);
}

void WriteJsonReport(const GradeResult& result, std::ostream& out) {
  out << ResultToJson(result).dump(2) << '\n';
}

}  // namespace grader
