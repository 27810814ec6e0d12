// The result JSON read back: every report fixture survives a round trip, and a file that is
// not a result says which file and which key.
#include "report/json_result_reader.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "report/json_report.h"
#include "report_fixtures.h"

namespace grader {
namespace {

TEST(JsonResultReaderTest, EveryFixtureRoundTrips) {
  for (const fixtures::NamedFixture& fixture : fixtures::AllFixtures()) {
    SCOPED_TRACE(fixture.name);
    const nlohmann::json written = ResultToJson(fixture.make());
    const GradeResult read = ResultFromJson(written, "result.json");
    EXPECT_EQ(ResultToJson(read), written);
  }
}

TEST(JsonResultReaderTest, KeepsWhatTheReportsShow) {
  const GradeResult read = ResultFromJson(ResultToJson(fixtures::Mixed()), "r.json");
  ASSERT_EQ(read.tests.size(), 4u);
  EXPECT_EQ(read.exercise, "counter");
  EXPECT_EQ(read.seed, 12345u);
  EXPECT_EQ(read.tests[1].verdict, Verdict::kWrongAnswer);
  EXPECT_EQ(read.tests[1].visibility, Visibility::kHidden);
  EXPECT_EQ(read.tests[0].visibility, Visibility::kVisible);
  EXPECT_EQ(read.tests[1].details, fixtures::Mixed().tests[1].details);
  EXPECT_EQ(read.tests[1].evidence["actual"], 79412);
  EXPECT_FALSE(read.tests[1].details_public);  // not stored: readers decide what to show
}

TEST(JsonResultReaderTest, IgnoresTheBatchsOwnKeys) {
  nlohmann::json json = ResultToJson(fixtures::AllOk());
  json["student"] = "alice";
  json["grading_key"] = "abc";
  json["error"] = "x";
  EXPECT_EQ(ResultToJson(ResultFromJson(json, "r.json")), ResultToJson(fixtures::AllOk()));
}

void ExpectError(const nlohmann::json& json, const std::string& message) {
  try {
    ResultFromJson(json, "out/alice/counter.json");
    ADD_FAILURE() << "no error; expected: " << message;
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

TEST(JsonResultReaderTest, NamesTheFileAndKeyOfWhatIsWrong) {
  const nlohmann::json good = ResultToJson(fixtures::Mixed());
  ExpectError(nlohmann::json::array(), "out/alice/counter.json: the result: expected an object");
  nlohmann::json json = good;
  json["schema"] = "other/2";
  ExpectError(json, "out/alice/counter.json: schema: 'other/2' is not grader-result/1");
  json = good;
  json.erase("score");
  ExpectError(json, "out/alice/counter.json: score: missing");
  json = good;
  json["tests"][2]["verdict"] = "bogus";
  ExpectError(json, "out/alice/counter.json: tests[2].verdict: 'bogus' is not a verdict");
  json = good;
  json["tests"][0]["score"] = "ten";
  ExpectError(json, "out/alice/counter.json: tests[0].score: expected a number");
  json = good;
  json["seed"] = -4;
  ExpectError(json, "out/alice/counter.json: seed: expected an integer of at least 0");
  json = good;
  json["tests"][1]["evidence"] = "text";
  ExpectError(json, "out/alice/counter.json: tests[1].evidence: expected an object");
  json = good;
  json["warnings"] = {1};
  ExpectError(json, "out/alice/counter.json: warnings[0]: expected a string");
}

}  // namespace
}  // namespace grader
