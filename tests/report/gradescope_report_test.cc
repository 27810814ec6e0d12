#include "report/gradescope_report.h"

#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "report/summary.h"
#include "report_fixtures.h"

namespace grader {
namespace {

nlohmann::json WrittenAndParsed(const GradeResult& result) {
  std::ostringstream out;
  WriteGradescopeReport(result, out);
  return nlohmann::json::parse(out.str());
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

TEST(GradescopeReportTest, NeverShowsTheDetailsOfAHiddenTest) {
  for (const fixtures::NamedFixture& fixture : fixtures::AllFixtures()) {
    SCOPED_TRACE(fixture.name);
    const GradeResult result = fixture.make();
    const nlohmann::json tests = WrittenAndParsed(result).at("tests");
    for (std::size_t i = 0; i < result.tests.size(); ++i) {
      const TestResult& test = result.tests[i];
      if (test.visibility != Visibility::kHidden) continue;
      const std::string output = tests.at(i).at("output");
      std::istringstream details(test.details);
      for (std::string line; std::getline(details, line);) {
        if (line.empty()) continue;
        EXPECT_FALSE(Contains(output, line)) << test.name << ": " << line;
      }
      if (!test.reproduce.empty()) {
        EXPECT_FALSE(Contains(output, test.reproduce)) << test.name;
      }
    }
  }
}

TEST(GradescopeReportTest, HiddenInputAppearsNowhere) {
  std::ostringstream out;
  WriteGradescopeReport(fixtures::HiddenAndVisible(), out);
  EXPECT_FALSE(Contains(out.str(), fixtures::kHiddenInput));
}

TEST(GradescopeReportTest, HiddenFailureShowsVerdictAndMessage) {
  const GradeResult result = fixtures::HiddenAndVisible();
  const nlohmann::json test = WrittenAndParsed(result).at("tests").at(1);
  EXPECT_EQ(test.at("output"),
            "wrong-answer: " + result.tests[1].message +
                "\n\n(hidden test: its input and expected output are not shown)");
  EXPECT_EQ(test.at("visibility"), "visible");
  EXPECT_EQ(test.at("status"), "failed");
}

TEST(GradescopeReportTest, VisibleFailureShowsDetailsAndReproduce) {
  const GradeResult result = fixtures::DataRace();
  const std::string output = WrittenAndParsed(result).at("tests").at(1).at("output");
  EXPECT_TRUE(Contains(output, "data-race: " + result.tests[1].message)) << output;
  EXPECT_TRUE(Contains(output, result.tests[1].details)) << output;
  EXPECT_TRUE(Contains(output, "reproduce: " + result.tests[1].reproduce)) << output;
}

TEST(GradescopeReportTest, StatusIsPassedExactlyForOk) {
  for (const fixtures::NamedFixture& fixture : fixtures::AllFixtures()) {
    SCOPED_TRACE(fixture.name);
    const GradeResult result = fixture.make();
    const nlohmann::json tests = WrittenAndParsed(result).at("tests");
    for (std::size_t i = 0; i < result.tests.size(); ++i) {
      EXPECT_EQ(tests.at(i).at("status"),
                result.tests[i].verdict == Verdict::kOk ? "passed" : "failed");
    }
  }
}

TEST(GradescopeReportTest, TestScoresAddUpToTheTotal) {
  for (const fixtures::NamedFixture& fixture : fixtures::AllFixtures()) {
    SCOPED_TRACE(fixture.name);
    const GradeResult result = fixture.make();
    const nlohmann::json json = WrittenAndParsed(result);
    double score = 0;
    double max_score = 0;
    for (const nlohmann::json& test : json.at("tests")) {
      score += test.at("score").get<double>();
      max_score += test.at("max_score").get<double>();
    }
    EXPECT_DOUBLE_EQ(json.at("score").get<double>(), result.score);
    EXPECT_DOUBLE_EQ(score, result.score);
    EXPECT_DOUBLE_EQ(max_score, result.max_score);
  }
}

TEST(GradescopeReportTest, InternalErrorIsNotCountedAndSaysSo) {
  const nlohmann::json json = WrittenAndParsed(fixtures::InternalErrorResult());
  const nlohmann::json& test = json.at("tests").at(1);
  EXPECT_EQ(test.at("score"), 0);
  EXPECT_EQ(test.at("max_score"), 0);
  EXPECT_TRUE(Contains(test.at("output").get<std::string>(), kInternalErrorNotice));
  EXPECT_TRUE(Contains(json.at("output").get<std::string>(),
                       "internal error, not your code: 1 test not counted (exact-total)"));
}

TEST(GradescopeReportTest, OutputNamesNotIsolatedAndEveryWarning) {
  const GradeResult result = fixtures::NotIsolated();
  const std::string output = WrittenAndParsed(result).at("output");
  EXPECT_TRUE(Contains(output, "warning: not isolated: sandbox 'none'")) << output;
  EXPECT_TRUE(Contains(output, "warning: " + result.warnings.at(0))) << output;
  const std::string isolated_output = WrittenAndParsed(fixtures::AllOk()).at("output");
  EXPECT_FALSE(Contains(isolated_output, "not isolated")) << isolated_output;
  EXPECT_FALSE(Contains(isolated_output, "internal error")) << isolated_output;
}

TEST(GradescopeReportTest, DeclaresTextOutputAndHidesStdout) {
  const nlohmann::json json = WrittenAndParsed(fixtures::AllOk());
  EXPECT_EQ(json.at("output_format"), "text");
  EXPECT_EQ(json.at("test_output_format"), "text");
  EXPECT_EQ(json.at("stdout_visibility"), "hidden");
  EXPECT_EQ(json.at("output"), "sum: score 50/50: all 3 tests passed (seed 12345)");
}

}  // namespace
}  // namespace grader
