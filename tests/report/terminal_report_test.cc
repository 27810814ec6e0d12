#include "report/terminal_report.h"

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "report/summary.h"
#include "report_fixtures.h"

namespace grader {
namespace {

std::string Terminal(const GradeResult& result, TerminalOptions options = {}) {
  std::ostringstream out;
  WriteTerminalReport(result, options, out);
  return out.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

std::size_t Count(std::string_view text, std::string_view part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string_view::npos;
       at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

TEST(TerminalReportTest, NoEscapeBytesWithoutColor) {
  for (const fixtures::NamedFixture& fixture : fixtures::AllFixtures()) {
    SCOPED_TRACE(fixture.name);
    for (bool show_hidden : {false, true}) {
      const std::string text = Terminal(fixture.make(), {.show_hidden_details = show_hidden});
      EXPECT_FALSE(Contains(text, "\x1b"));
    }
  }
}

TEST(TerminalReportTest, ColorPaintsVerdicts) {
  const std::string text = Terminal(fixtures::Mixed(), {.color = true});
  EXPECT_TRUE(Contains(text, "\x1b[32mok")) << text;           // green
  EXPECT_TRUE(Contains(text, "\x1b[31mwrong-answer")) << text;  // red
  EXPECT_TRUE(Contains(text, "\x1b[0m")) << text;
  const std::string internal = Terminal(fixtures::InternalErrorResult(), {.color = true});
  EXPECT_TRUE(Contains(internal, "\x1b[33minternal-error")) << internal;  // yellow
}

TEST(TerminalReportTest, ControlBytesFromTheSubmissionAreEscaped) {
  GradeResult result = fixtures::HiddenAndVisible();
  result.tests[0].message = "printed \x1b[2J and stopped";
  result.tests[0].details = "actual: \x1b]0;owned\x07\r\n";
  const std::string text = Terminal(result);
  EXPECT_FALSE(Contains(text, "\x1b"));
  EXPECT_FALSE(Contains(text, "\r"));
  EXPECT_TRUE(Contains(text, "printed \\x1b[2J and stopped")) << text;
  EXPECT_TRUE(Contains(text, "actual: \\x1b]0;owned\\x07\\x0d")) << text;
}

TEST(TerminalReportTest, HiddenDetailsOnlyWhenAsked) {
  const GradeResult result = fixtures::HiddenAndVisible();
  const std::string student = Terminal(result);
  EXPECT_FALSE(Contains(student, fixtures::kHiddenInput)) << student;
  EXPECT_FALSE(Contains(student, result.tests[1].reproduce)) << student;
  EXPECT_TRUE(Contains(student, result.tests[1].message)) << student;
  EXPECT_TRUE(Contains(student, "(hidden test: its input and expected output are not shown)"));
  EXPECT_TRUE(Contains(student, "      input:    2 3")) << student;  // the visible test's

  const std::string instructor = Terminal(result, {.show_hidden_details = true});
  EXPECT_TRUE(Contains(instructor, fixtures::kHiddenInput)) << instructor;
  EXPECT_TRUE(Contains(instructor, "reproduce: " + result.tests[1].reproduce)) << instructor;
}

TEST(TerminalReportTest, DetailsThenReproduceUnderTheFailedTest) {
  const std::vector<std::string> lines = Lines(Terminal(fixtures::DataRace()));
  std::size_t test_line = 0;
  while (test_line < lines.size() && !Contains(lines[test_line], "data-race")) ++test_line;
  ASSERT_LT(test_line + 1, lines.size());
  EXPECT_EQ(lines[test_line + 1], "      WARNING: ThreadSanitizer: data race");
  EXPECT_EQ(lines[test_line + 6], "");  // an empty line of the details stays empty
  EXPECT_EQ(lines[test_line + 11],
            "      reproduce: grader check counter submissions/erin/counter --seed 12345");
}

TEST(TerminalReportTest, InternalErrorStandsOut) {
  const std::string text = Terminal(fixtures::InternalErrorResult());
  EXPECT_TRUE(Contains(text, std::string("      ") + std::string(kInternalErrorNotice)));
  EXPECT_TRUE(Contains(text, "  -/40  ")) << text;  // not shown as points lost
  EXPECT_EQ(Lines(text).back(),
            "internal error, not your code: 1 test not counted (exact-total); tell your "
            "instructor");
}

TEST(TerminalReportTest, WarningsComeRightAfterTheHeader) {
  const std::vector<std::string> lines = Lines(Terminal(fixtures::NotIsolated()));
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0], "exercise sum, submission submissions/grace/sum: 10/30 (seed 12345)");
  EXPECT_TRUE(lines[1].starts_with("warning: not isolated: ")) << lines[1];
  EXPECT_EQ(lines[2], "warning: CPU frequency governor is 'powersave': timings may be noisy");
}

TEST(TerminalReportTest, EndsWithTheSummary) {
  EXPECT_EQ(Lines(Terminal(fixtures::AllOk())).back(), "score 50/50: all 3 tests passed");
  EXPECT_EQ(Lines(Terminal(fixtures::Mixed())).back(), "score 20/100: 1 of 4 tests passed");
}

TEST(TerminalReportTest, LinesOutsideEvidenceFitIn100Columns) {
  for (const fixtures::NamedFixture& fixture : fixtures::AllFixtures()) {
    SCOPED_TRACE(fixture.name);
    for (const std::string& line : Lines(Terminal(fixture.make()))) {
      if (line.starts_with("      ")) continue;  // quoted evidence keeps its own lines
      EXPECT_LE(line.size(), 100u) << line;
    }
  }
}

TEST(TerminalReportTest, LongMessageMovesToItsOwnLine) {
  const GradeResult result = fixtures::Mixed();
  const std::string& message = result.tests[2].message;
  const std::string text = Terminal(result);
  EXPECT_TRUE(Contains(text, "\n      " + message + "\n")) << text;
  EXPECT_TRUE(Contains(text, "  ok              release-stress  ")) << text;  // short: inline
}

TEST(TerminalReportTest, SameDetailsArePrintedOnce) {
  const GradeResult result = fixtures::CompileError();
  const std::string text = Terminal(result, {.show_hidden_details = true});
  EXPECT_EQ(Count(text, "'cin' is not a member of 'std'\n"), 1u) << text;
  EXPECT_EQ(Count(text, "(the same as for sample above)"), 2u) << text;
}

}  // namespace
}  // namespace grader
