// `grader check --junit FILE` as a CI job runs it: a JUnit XML file that a real parser reads,
// with one testcase per graded test and a failure of the verdict's type for each failing one.
#include <string>

#include <gtest/gtest.h>

#include "e2e_util.h"

namespace grader::e2e {
namespace {

namespace fs = std::filesystem;

// The string value of `expression` in `file`, read by xmllint.
std::string XPath(const fs::path& file, const std::string& expression) {
  SubprocessOptions options;
  options.argv = {"xmllint", "--xpath", "string(" + expression + ")", file.string()};
  const SubprocessResult result = RunSubprocess(options);
  EXPECT_TRUE(result.status.Success()) << expression << ": " << result.err;
  std::string value = result.out;
  if (!value.empty() && value.back() == '\n') value.pop_back();
  return value;
}

TEST(CheckJunitTest, ReferencePassesEveryTestCase) {
  TempDir out;
  const fs::path file = out.path() / "junit.xml";
  const SubprocessResult check = RunGrader(
      {"check", "sum", (ProjectRoot() / "reference" / "sum").string(), "--quick", "--junit",
       file.string()});
  ASSERT_EQ(check.status.code, 0) << check.out << check.err;
  EXPECT_EQ(XPath(file, "/testsuites/testsuite/@name"), "sum");
  EXPECT_NE(XPath(file, "count(//testcase)"), "0");
  EXPECT_EQ(XPath(file, "/testsuites/testsuite/@failures"), "0");
  EXPECT_EQ(XPath(file, "/testsuites/testsuite/@errors"), "0");
  EXPECT_EQ(XPath(file, "//testcase[1]/@classname"), "sum");
  EXPECT_FALSE(XPath(file, "/testsuites/testsuite/@time").empty());
}

TEST(CheckJunitTest, CompileErrorFailsEveryTestCaseWithTheCompilersWords) {
  TempDir out;
  const fs::path file = out.path() / "junit.xml";
  const SubprocessResult check = RunGrader(
      {"check", "sum", (ProjectRoot() / "reference" / "sum" / "bad" / "bad-sum").string(),
       "--quick", "--junit", file.string()});
  ASSERT_EQ(check.status.code, 1) << check.out << check.err;
  const std::string tests = XPath(file, "/testsuites/testsuite/@tests");
  EXPECT_NE(tests, "0");
  EXPECT_EQ(XPath(file, "/testsuites/testsuite/@failures"), tests);
  EXPECT_EQ(XPath(file, "count(//failure[@type='compile-error'])"), tests);
  EXPECT_NE(XPath(file, "//failure[1]").find("sum.cpp"), std::string::npos);
}

}  // namespace
}  // namespace grader::e2e
