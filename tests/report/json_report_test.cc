#include "report/json_report.h"

#include <cstdint>
#include <limits>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "report_fixtures.h"

namespace grader {
namespace {

nlohmann::json WrittenAndParsed(const GradeResult& result) {
  std::ostringstream out;
  WriteJsonReport(result, out);
  EXPECT_EQ(out.str().back(), '\n');
  return nlohmann::json::parse(out.str());
}

TEST(JsonReportTest, ParsesBackWithTheInterfaceKeysAndTypes) {
  for (const fixtures::NamedFixture& fixture : fixtures::AllFixtures()) {
    SCOPED_TRACE(fixture.name);
    const GradeResult result = fixture.make();
    const nlohmann::json json = WrittenAndParsed(result);
    EXPECT_EQ(json.at("schema"), "grader-result/1");
    EXPECT_EQ(json.at("exercise"), result.exercise);
    EXPECT_EQ(json.at("submission"), result.submission);
    EXPECT_TRUE(json.at("score").is_number());
    EXPECT_TRUE(json.at("max_score").is_number());
    EXPECT_EQ(json.at("seed").get<std::uint64_t>(), result.seed);
    EXPECT_EQ(json.at("sandbox"), result.sandbox);
    EXPECT_EQ(json.at("isolated"), result.isolated);
    EXPECT_TRUE(json.at("warnings").is_array());
    ASSERT_TRUE(json.at("tests").is_array());
    ASSERT_EQ(json.at("tests").size(), result.tests.size());
    for (const nlohmann::json& test : json.at("tests")) {
      EXPECT_TRUE(test.at("name").is_string());
      EXPECT_TRUE(ParseVerdict(test.at("verdict").get<std::string>()).has_value());
      EXPECT_TRUE(test.at("score").is_number());
      EXPECT_TRUE(test.at("max_score").is_number());
      EXPECT_TRUE(test.at("runs").is_number_integer());
      EXPECT_TRUE(test.at("message").is_string());
      EXPECT_TRUE(test.at("evidence").is_object());
      const std::string visibility = test.at("visibility");
      EXPECT_TRUE(visibility == "visible" || visibility == "hidden") << visibility;
    }
  }
}

TEST(JsonReportTest, KeepsEveryTestField) {
  const GradeResult result = fixtures::DataRace();
  const nlohmann::json test = ResultToJson(result).at("tests").at(1);
  const TestResult& expected = result.tests.at(1);
  EXPECT_EQ(test.at("name"), expected.name);
  EXPECT_EQ(test.at("verdict"), "data-race");
  EXPECT_EQ(test.at("runs"), expected.runs);
  EXPECT_EQ(test.at("message"), expected.message);
  EXPECT_EQ(test.at("details"), expected.details);
  EXPECT_EQ(test.at("reproduce"), expected.reproduce);
  EXPECT_EQ(test.at("evidence"), expected.evidence);
  EXPECT_EQ(test.at("visibility"), "visible");
}

TEST(JsonReportTest, IntegralScoresPrintAsIntegers) {
  GradeResult result = fixtures::AllOk();
  result.score = 0;
  for (int i = 0; i < 10; ++i) result.score += 0.1;  // 0.9999999999999999
  result.max_score = 50.0;
  const std::string text = ResultToJson(result).dump();
  EXPECT_NE(text.find("\"score\":1,"), std::string::npos) << text;
  EXPECT_NE(text.find("\"max_score\":50,"), std::string::npos) << text;
  EXPECT_EQ(text.find(".0,"), std::string::npos) << text;
}

TEST(JsonReportTest, FractionalScoresStayFractional) {
  const nlohmann::json json = ResultToJson(fixtures::HiddenAndVisible());
  EXPECT_TRUE(json.at("score").is_number_float());
  EXPECT_DOUBLE_EQ(json.at("score").get<double>(), 2.5);
  EXPECT_TRUE(json.at("max_score").is_number_integer());
  EXPECT_EQ(json.at("max_score"), 10);
}

TEST(JsonReportTest, DetailsAndReproduceOnlyWhenSet) {
  const nlohmann::json tests = ResultToJson(fixtures::DataRace()).at("tests");
  EXPECT_FALSE(tests.at(0).contains("details"));
  EXPECT_FALSE(tests.at(0).contains("reproduce"));
  EXPECT_TRUE(tests.at(1).contains("details"));
  EXPECT_TRUE(tests.at(1).contains("reproduce"));
}

TEST(JsonReportTest, NullEvidenceBecomesAnEmptyObject) {
  GradeResult result = fixtures::AllOk();
  result.tests.at(0).evidence = nullptr;
  EXPECT_EQ(ResultToJson(result).at("tests").at(0).at("evidence"), nlohmann::json::object());
}

TEST(JsonReportTest, InvalidUtf8IsReplacedInsteadOfThrowing) {
  GradeResult result = fixtures::Mixed();
  result.tests.at(0).message = "printed \xff\xfe then stopped";
  result.tests.at(0).evidence["stdout"] = "\xc3";
  nlohmann::json json;
  ASSERT_NO_THROW(json = WrittenAndParsed(result));
  EXPECT_EQ(json.at("tests").at(0).at("message"), "printed \xef\xbf\xbd\xef\xbf\xbd then stopped");
  EXPECT_EQ(json.at("tests").at(0).at("evidence").at("stdout"), "\xef\xbf\xbd");
}

TEST(JsonReportTest, SeedKeepsAll64Bits) {
  GradeResult result = fixtures::AllOk();
  result.seed = std::numeric_limits<std::uint64_t>::max();
  EXPECT_EQ(WrittenAndParsed(result).at("seed").get<std::uint64_t>(), result.seed);
}

TEST(JsonReportTest, WarningsAreGivenVerbatim) {
  const GradeResult result = fixtures::NotIsolated();
  const nlohmann::json json = ResultToJson(result);
  EXPECT_EQ(json.at("warnings"), nlohmann::json(result.warnings));
  EXPECT_EQ(json.at("isolated"), false);
  EXPECT_EQ(json.at("sandbox"), "none");
}

}  // namespace
}  // namespace grader
