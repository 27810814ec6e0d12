// ParseGtestResult on real GoogleTest JSON (data/gtest_*.json, see data/generate.sh) and on
// files a crashed or hostile test program could leave.
#include "judge/gtest_result.h"

#include <string>

#include <gtest/gtest.h>

#include "judge_test_util.h"

namespace grader {
namespace {

using testing::LacksText;
using testing::ReadData;

TEST(GtestResultTest, PassingRunCountsRunTestsOnly) {
  const auto result = ParseGtestResult(ReadData("gtest_passing.json"));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->tests, 1);  // DISABLED_NotRun is listed as NOTRUN
  EXPECT_EQ(result->failed, 0);
  EXPECT_TRUE(result->failures.empty());
}

TEST(GtestResultTest, FailingRunHasOneFailurePerAssertion) {
  const auto result = ParseGtestResult(ReadData("gtest_failing.json"));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->tests, 2);
  EXPECT_EQ(result->failed, 2);
  ASSERT_EQ(result->failures.size(), 2u);
  EXPECT_EQ(result->failures[0].test, "Failing.AddFailure");
  EXPECT_EQ(result->failures[0].message, "the total was 1999, expected 2000");
  EXPECT_EQ(result->failures[1].test, "Failing.ExpectEq");
  EXPECT_EQ(result->failures[1].message,
            "Expected equality of these values:\n  Twice(3)\n    Which is: 7\n  6");
}

TEST(GtestResultTest, FailureMessagesHideDriverLocationAndFailedLine) {
  const auto result = ParseGtestResult(ReadData("gtest_failing.json"));
  ASSERT_TRUE(result.has_value());
  for (const auto& failure : result->failures) {
    EXPECT_TRUE(LacksText(failure.message, "gtest_cases.cpp"));
    EXPECT_NE(failure.message.rfind("Failed", 0), 0u) << failure.message;
  }
}

TEST(GtestResultTest, ExceptionFailureHasNoUnknownFileLine) {
  const auto result = ParseGtestResult(ReadData("gtest_throwing.json"));
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->failures.size(), 1u);
  EXPECT_EQ(result->failures[0].test, "Throwing.Throws");
  EXPECT_EQ(result->failures[0].message,
            "C++ exception with description \"the queue was closed twice\" thrown in the test "
            "body.");
}

TEST(GtestResultTest, FilterMatchingNothingHasZeroTests) {
  const auto result = ParseGtestResult(ReadData("gtest_no_tests.json"));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->tests, 0);
  EXPECT_TRUE(result->failures.empty());
}

TEST(GtestResultTest, OnlyFirstLocationLineIsStripped) {
  const auto result = ParseGtestResult(R"({"testsuites": [{"name": "S", "testsuite": [
      {"name": "T", "status": "RUN", "failures": [
        {"failure": "driver.cpp:12\nFailed\nwanted total:2000\nsee counter.hpp:3\n"}]}]}]})");
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->failures.size(), 1u);
  EXPECT_EQ(result->failures[0].message, "wanted total:2000\nsee counter.hpp:3\n");
}

TEST(GtestResultTest, TruncatedJsonIsNotAResult) {
  const std::string json = ReadData("gtest_failing.json");
  for (std::size_t cut : {json.size() / 2, json.size() - 3, std::size_t{1}}) {
    EXPECT_FALSE(ParseGtestResult(json.substr(0, cut)).has_value()) << "cut at " << cut;
  }
}

TEST(GtestResultTest, ForgedJsonIsNotAResult) {
  for (const char* json : {
           "",
           "null",
           "[]",
           "{}",
           R"({"tests": 5})",
           R"({"testsuites": 3})",
           R"({"testsuites": {"name": "S"}})",
           R"({"testsuites": [1]})",
           R"({"testsuites": [{"name": "S"}]})",
           R"({"testsuites": [{"name": "S", "testsuite": [1, 2]}]})",
           "not json at all",
       }) {
    EXPECT_FALSE(ParseGtestResult(json).has_value()) << json;
  }
}

// A program under test can write this file itself. Values of the wrong type must not turn
// into an exception (and so into an internal error that removes the test from the score).
TEST(GtestResultTest, ForgedJsonWithWrongTypesDoesNotThrow) {
  for (const char* json : {
           R"({"testsuites": [{"name": "S", "testsuite": [{"name": "T", "status": 1}]}]})",
           R"({"testsuites": [{"name": 1, "testsuite": [
                {"name": "T", "status": "RUN", "failures": [{"failure": "x"}]}]}]})",
           R"({"testsuites": [{"name": "S", "testsuite": [
                {"name": 7, "status": "RUN", "failures": [{"failure": "x"}]}]}]})",
           R"({"testsuites": [{"name": "S", "testsuite": [
                {"name": "T", "status": "RUN", "failures": [5]}]}]})",
           R"({"testsuites": [{"name": "S", "testsuite": [
                {"name": "T", "status": "RUN", "failures": [{"failure": 5}]}]}]})",
       }) {
    EXPECT_NO_THROW(ParseGtestResult(json)) << json;
  }
}

}  // namespace
}  // namespace grader
