// Every report writer's output for every fixture, compared byte for byte with the files in
// golden/. After an intended change, rewrite them with GRADER_UPDATE_GOLDEN=1 and review the
// diff before checking it in.
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "report/gradescope_report.h"
#include "report/json_report.h"
#include "report/junit_report.h"
#include "report/terminal_report.h"
#include "report_fixtures.h"

namespace grader {
namespace {

bool UpdatingGoldens() {
  const char* update = std::getenv("GRADER_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

// Compares `actual` with golden/<file>, or rewrites that file when updating.
void ExpectMatchesGolden(const std::string& file, const std::string& actual) {
  const std::string path = std::string(GRADER_TEST_DATA) + "/golden/" + file;
  if (UpdatingGoldens()) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << actual;
    ASSERT_TRUE(out.good()) << "cannot write " << path;
    GTEST_SKIP() << "rewrote " << path << ": review it before checking it in";
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.is_open()) << path << " is missing; create it with GRADER_UPDATE_GOLDEN=1";
  const std::string expected{std::istreambuf_iterator<char>(in), {}};
  EXPECT_EQ(actual, expected) << "the output differs from " << path
                              << "; if the change is intended, rerun with "
                                 "GRADER_UPDATE_GOLDEN=1 and review the diff";
}

std::vector<std::string> FixtureNames() {
  std::vector<std::string> names;
  for (const fixtures::NamedFixture& fixture : fixtures::AllFixtures()) {
    names.emplace_back(fixture.name);
  }
  return names;
}

GradeResult FixtureNamed(const std::string& name) {
  for (const fixtures::NamedFixture& fixture : fixtures::AllFixtures()) {
    if (name == fixture.name) return fixture.make();
  }
  ADD_FAILURE() << "no fixture named " << name;
  return {};
}

std::string Terminal(const GradeResult& result, TerminalOptions options) {
  std::ostringstream out;
  WriteTerminalReport(result, options, out);
  return out.str();
}

class ReportGoldenTest : public ::testing::TestWithParam<std::string> {
 protected:
  GradeResult Result() const { return FixtureNamed(GetParam()); }
};

TEST_P(ReportGoldenTest, JsonMatchesGolden) {
  std::ostringstream out;
  WriteJsonReport(Result(), out);
  ExpectMatchesGolden(GetParam() + ".json", out.str());
}

TEST_P(ReportGoldenTest, GradescopeMatchesGolden) {
  std::ostringstream out;
  WriteGradescopeReport(Result(), out);
  ExpectMatchesGolden(GetParam() + ".gradescope.json", out.str());
}

TEST_P(ReportGoldenTest, JunitMatchesGolden) {
  std::ostringstream out;
  WriteJunitReport(Result(), out);
  ExpectMatchesGolden(GetParam() + ".junit.xml", out.str());
}

TEST_P(ReportGoldenTest, TerminalMatchesGolden) {
  ExpectMatchesGolden(GetParam() + ".txt", Terminal(Result(), {}));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ReportGoldenTest, ::testing::ValuesIn(FixtureNames()),
                         [](const auto& info) { return info.param; });

TEST(TerminalGoldenTest, InstructorViewMatchesGolden) {
  ExpectMatchesGolden("hidden_visible.instructor.txt",
                      Terminal(fixtures::HiddenAndVisible(), {.show_hidden_details = true}));
}

TEST(TerminalGoldenTest, ColorMatchesGolden) {
  ExpectMatchesGolden("mixed.color.txt", Terminal(fixtures::Mixed(), {.color = true}));
}

}  // namespace
}  // namespace grader
