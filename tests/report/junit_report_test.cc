// JUnit XML of one grading (`check --junit`) and of a batch (OUT/junit.xml): the counts CI
// systems show, failures versus harness errors, hidden details withheld from students, and
// well-formed XML whatever bytes a student program printed, proved by parsing it back.
#include "report/junit_report.h"

#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "report_fixtures.h"
#include "xml_check.h"

namespace grader {
namespace {

using fixtures::MakeResult;
using fixtures::MakeTest;
using xml_check::WellFormed;
using xml_check::XPathString;

std::string Junit(const GradeResult& result) {
  std::ostringstream out;
  WriteJunitReport(result, out);
  return out.str();
}

std::string BatchJunit(const BatchResults& results) {
  std::ostringstream out;
  WriteBatchJunit(results, out);
  return out.str();
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// Hostile output of a student program: markup, a CDATA end, control bytes, invalid UTF-8.
const std::string kHostile = std::string("<script>alert('x')</script> ]]> & \"q\" \x1b[31m\x01") +
                             std::string(1, '\0') + "\xff\xfe\xC0\xAF end";

TEST(JunitReportTest, EveryFixtureIsWellFormed) {
  for (const fixtures::NamedFixture& fixture : fixtures::AllFixtures()) {
    SCOPED_TRACE(fixture.name);
    EXPECT_TRUE(WellFormed(Junit(fixture.make())));
  }
}

TEST(JunitReportTest, CountsTestsFailuresAndErrors) {
  const std::string mixed = Junit(fixtures::Mixed());  // 3 failing of 4
  EXPECT_EQ(XPathString(mixed, "/testsuites/testsuite/@tests"), "4");
  EXPECT_EQ(XPathString(mixed, "/testsuites/testsuite/@failures"), "3");
  EXPECT_EQ(XPathString(mixed, "/testsuites/testsuite/@errors"), "0");
  EXPECT_EQ(XPathString(mixed, "/testsuites/testsuite/@skipped"), "0");
  EXPECT_EQ(XPathString(mixed, "count(//testcase)"), "4");
  EXPECT_EQ(XPathString(mixed, "count(//testcase/failure)"), "3");
  EXPECT_EQ(XPathString(mixed, "/testsuites/@failures"), "3");
  EXPECT_EQ(XPathString(mixed, "//testcase[@name='exact-total']/failure/@type"), "wrong-answer");
  EXPECT_EQ(XPathString(mixed, "//testcase[@name='exact-total']/@classname"), "counter");
  EXPECT_EQ(XPathString(mixed, "//testcase[@name='release-stress']/failure/@type"), "");
  EXPECT_EQ(XPathString(mixed, "/testsuites/testsuite/@name"), "counter");
}

TEST(JunitReportTest, InternalErrorIsAnErrorNotAFailure) {
  const std::string xml = Junit(fixtures::InternalErrorResult());
  EXPECT_EQ(XPathString(xml, "/testsuites/testsuite/@errors"), "1");
  EXPECT_EQ(XPathString(xml, "/testsuites/testsuite/@failures"), "0");
  EXPECT_EQ(XPathString(xml, "//testcase[@name='exact-total']/error/@type"), "internal-error");
  EXPECT_EQ(XPathString(xml, "count(//failure)"), "0");
  EXPECT_TRUE(Contains(XPathString(xml, "//error"), "the grader failed, not your code"));
}

TEST(JunitReportTest, PropertiesHoldSeedScoreAndTime) {
  GradeResult result = fixtures::Mixed();
  result.seconds = 12.5;
  const std::string xml = Junit(result);
  EXPECT_EQ(XPathString(xml, "//property[@name='seed']/@value"), "12345");
  EXPECT_EQ(XPathString(xml, "//property[@name='score']/@value"), "20");
  EXPECT_EQ(XPathString(xml, "//property[@name='max_score']/@value"), "100");
  EXPECT_EQ(XPathString(xml, "/testsuites/testsuite/@time"), "12.500");
  EXPECT_FALSE(Contains(xml, "timestamp"));
  EXPECT_FALSE(Contains(xml, "hostname"));
}

TEST(JunitReportTest, FailureTextHoldsDetailsAndReproduceOfVisibleTests) {
  const std::string xml = Junit(fixtures::Mixed());
  const std::string text = XPathString(xml, "//testcase[@name='basics']/failure");
  EXPECT_TRUE(Contains(text, "0/10 points, 1 run\n")) << text;
  EXPECT_TRUE(Contains(text, "heap-use-after-free on address")) << text;
  EXPECT_TRUE(Contains(text, "reproduce: grader check counter submissions/bob/counter")) << text;
  EXPECT_EQ(XPathString(xml, "//testcase[@name='basics']/failure/@message"),
            "heap-use-after-free in Counter::value() at counter.hpp:18");
}

TEST(JunitReportTest, StudentsNeverSeeHiddenDetails) {
  const std::string xml = Junit(fixtures::HiddenAndVisible());
  EXPECT_FALSE(Contains(xml, fixtures::kHiddenInput));
  EXPECT_TRUE(Contains(XPathString(xml, "//testcase[@name='most-negative']/failure"),
                       "(hidden test: its input and expected output are not shown)"));
}

TEST(JunitReportTest, HostileTextIsEscapedAndReadsBackAsText) {
  TestResult test = MakeTest("sample", fixtures::kVisible, Verdict::kWrongAnswer, 0, 10, 1,
                             "printed " + kHostile);
  test.details = "line one\r\nactual: </failure></testcase><testcase name=\"forged\"/>" + kHostile;
  const std::string xml = Junit(MakeResult("sum", "submissions/mallory/sum", {test}));
  ASSERT_TRUE(WellFormed(xml)) << xml;
  EXPECT_FALSE(Contains(xml, "<script>"));
  EXPECT_FALSE(Contains(xml, "]]>"));
  EXPECT_FALSE(Contains(xml, std::string(1, '\0')));
  EXPECT_FALSE(Contains(xml, "\x1b"));
  EXPECT_EQ(XPathString(xml, "count(//testcase)"), "1");  // nothing forged
  const std::string expected_tail =
      "<script>alert('x')</script> ]]> & \"q\" \\x1b[31m\\x01\\x00"
      "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD end";
  EXPECT_EQ(XPathString(xml, "//failure/@message"), "printed " + expected_tail);
  const std::string text = XPathString(xml, "//failure");
  EXPECT_TRUE(Contains(text, "line one\r\nactual: </failure></testcase><testcase name=\"forged\"/>" +
                                 expected_tail))
      << text;
}

TEST(JunitReportTest, HostileTestAndExerciseNamesStayAttributes) {
  TestResult test =
      MakeTest("a\" onload=\"x\n<t>", fixtures::kVisible, Verdict::kOk, 1, 1, 1, "");
  const std::string xml = Junit(MakeResult("ex'<e>", "x", {test}));
  ASSERT_TRUE(WellFormed(xml)) << xml;
  EXPECT_EQ(XPathString(xml, "//testcase/@name"), "a\" onload=\"x\n<t>");
  EXPECT_EQ(XPathString(xml, "//testcase/@classname"), "ex'<e>");
}

BatchSubmission Submission(std::string student, GradeResult result,
                           NotGraded not_graded = NotGraded::kNo, std::string why = "") {
  BatchSubmission submission;
  submission.student = std::move(student);
  submission.exercise = result.exercise;
  submission.result = std::move(result);
  submission.not_graded = not_graded;
  submission.not_graded_reason = std::move(why);
  return submission;
}

TEST(JunitReportTest, BatchHasASuitePerStoredResultWithStudentNames) {
  BatchResults results({"bob", "frank", "<img src=x>"}, {"counter"});
  results.Add(Submission("bob", fixtures::Mixed()));
  results.Add(Submission("frank", fixtures::InternalErrorResult()));
  results.Add(Submission("<img src=x>", fixtures::DataRace()));
  const std::string xml = BatchJunit(results);
  ASSERT_TRUE(WellFormed(xml)) << xml;
  EXPECT_EQ(XPathString(xml, "count(/testsuites/testsuite)"), "3");
  EXPECT_EQ(XPathString(xml, "/testsuites/testsuite[1]/@name"), "bob/counter");
  EXPECT_EQ(XPathString(xml, "/testsuites/testsuite[3]/@name"), "<img src=x>/counter");
  EXPECT_EQ(XPathString(xml, "/testsuites/testsuite[1]/testcase[1]/@classname"), "bob.counter");
  EXPECT_EQ(XPathString(xml, "/testsuites/@tests"), "12");
  EXPECT_EQ(XPathString(xml, "/testsuites/@failures"), "4");
  EXPECT_EQ(XPathString(xml, "/testsuites/@errors"), "1");
  // The instructor's file: hidden tests' details are there, and no time is invented.
  EXPECT_TRUE(Contains(XPathString(xml, "//testsuite[@name='bob/counter']/testcase"
                                        "[@name='exact-total']/failure"),
                       "increments per thread: 10000"));
  EXPECT_FALSE(Contains(xml, "time="));
}

TEST(JunitReportTest, BatchSubmissionNotGradedIsOneCase) {
  GradeResult unusable = MakeResult("counter", "class/carol/counter", {});
  unusable.max_score = 100;
  unusable.warnings = {"not graded: counter.hpp: missing"};
  GradeResult broken = MakeResult("counter", "class/dave/counter", {});
  BatchResults results({"carol", "dave"}, {"counter"});
  results.Add(Submission("carol", unusable, NotGraded::kUnusable, "counter.hpp: missing"));
  results.Add(Submission("dave", broken, NotGraded::kInternalError, "bwrap: no namespaces"));
  const std::string xml = BatchJunit(results);
  ASSERT_TRUE(WellFormed(xml)) << xml;
  EXPECT_EQ(XPathString(xml, "//testsuite[@name='carol/counter']/@failures"), "1");
  EXPECT_EQ(XPathString(xml, "//testsuite[@name='carol/counter']/testcase/@name"),
            "submission");
  EXPECT_EQ(XPathString(xml, "//testsuite[@name='carol/counter']/testcase/failure/@type"),
            "unusable");
  EXPECT_EQ(XPathString(xml, "//testsuite[@name='carol/counter']/testcase/failure/@message"),
            "counter.hpp: missing");
  EXPECT_EQ(XPathString(xml, "//testsuite[@name='dave/counter']/@errors"), "1");
  EXPECT_EQ(XPathString(xml, "//testsuite[@name='dave/counter']/testcase/error/@type"),
            "internal-error");
}

TEST(JunitReportTest, EmptyBatchIsAnEmptyWellFormedDocument) {
  const std::string xml = BatchJunit(BatchResults({}, {"counter"}));
  EXPECT_TRUE(WellFormed(xml)) << xml;
  EXPECT_EQ(XPathString(xml, "/testsuites/@tests"), "0");
}

}  // namespace
}  // namespace grader
