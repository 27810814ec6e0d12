#include "report/html_report.h"

#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "report_fixtures.h"

namespace grader {
namespace {

using fixtures::MakeResult;
using fixtures::MakeTest;

std::string Html(const GradeResult& result, HtmlOptions options = {}) {
  std::ostringstream out;
  WriteHtmlReport(result, options, out);
  return out.str();
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

TEST(HtmlReportTest, Base64MatchesRfc4648Vectors) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(Base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64(std::string("\xff\x00\x80", 3)), "/wCA");
}

TEST(HtmlReportTest, HeaderRowsAndScoreOfAPassingResult) {
  const std::string html = Html(fixtures::AllOk());
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  EXPECT_TRUE(Contains(html, "exercise sum, submission submissions/alice/sum: 50/50"));
  EXPECT_TRUE(Contains(html, "<a href=\"#test-negative-numbers\">negative-numbers</a>"));
  EXPECT_TRUE(Contains(html, "score 50/50: all 3 tests passed"));
  // Nothing to load from elsewhere: no script, no external link or image.
  EXPECT_FALSE(Contains(html, "<script"));
  EXPECT_FALSE(Contains(html, "http"));
}

TEST(HtmlReportTest, SubmissionTextIsEscapedNotMarkup) {
  TestResult test = MakeTest("sample", fixtures::kVisible, Verdict::kWrongAnswer, 0, 10, 1,
                             "printed <script>alert('x')</script> & more");
  test.details = "expected: 3\nactual: </pre><img src=x onerror=alert(1)>\n";
  const std::string html = Html(MakeResult("sum", "sub/<b>mallory</b>", {test}));
  EXPECT_FALSE(Contains(html, "<script>"));
  EXPECT_FALSE(Contains(html, "<img src=x"));
  EXPECT_FALSE(Contains(html, "<b>mallory"));
  EXPECT_TRUE(Contains(html, "printed &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
  EXPECT_TRUE(Contains(html, "&lt;/pre&gt;&lt;img src=x onerror=alert(1)&gt;"));
}

TEST(HtmlReportTest, HiddenTestDetailsOnlyForInstructors) {
  TestResult test = MakeTest("large-values", fixtures::kHidden, Verdict::kWrongAnswer, 0, 20, 1,
                             "wrong sum");
  test.details = "input: 2147483647 1\n";
  test.reproduce = "grader check sum sub --seed 1";
  const GradeResult result = MakeResult("sum", "sub", {test});
  const std::string student = Html(result);
  EXPECT_FALSE(Contains(student, "2147483647"));
  EXPECT_FALSE(Contains(student, "--seed 1"));
  EXPECT_TRUE(Contains(student, "hidden test: its input and expected output are not shown"));
  const std::string instructor = Html(result, {.show_hidden_details = true});
  EXPECT_TRUE(Contains(instructor, "<pre>input: 2147483647 1\n</pre>"));
  EXPECT_TRUE(Contains(instructor, "reproduce: <code>grader check sum sub --seed 1</code>"));
}

TEST(HtmlReportTest, SpeedTestShowsItsPlotAsADataUriAndTheCurve) {
  TestResult test = MakeTest("speedup", fixtures::kHidden, Verdict::kOk, 20, 20, 34,
                             "1.93x at 2 threads");
  const std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>x</text></svg>";
  test.evidence["speed"] = {
      {"svg", svg},
      {"curve",
       {{{"threads", 1}, {"reference_seconds", 0.0062}, {"student_seconds", 0.0061},
         {"reference_speedup", 1.0}, {"student_speedup", 1.016},
         {"reference_cpu_per_wall", 1.0}, {"student_cpu_per_wall", 0.99}},
        {{"threads", 2}, {"reference_seconds", 0.0032}, {"student_seconds", 0.0033},
         {"reference_speedup", 1.9375}, {"student_speedup", 1.879},
         {"reference_cpu_per_wall", 1.98}, {"student_cpu_per_wall", 1.97}}}}};
  const std::string html = Html(MakeResult("parallel_sum", "sub", {test}));
  EXPECT_TRUE(Contains(html, "<img class=\"plot\" alt=\"speedup against threads\" "
                             "src=\"data:image/svg+xml;base64," + Base64(svg) + "\">"));
  EXPECT_FALSE(Contains(html, "<svg"));  // only inside the data: URI, never as markup
  EXPECT_TRUE(Contains(html, "<td class=num>2</td><td class=num>3.2 ms</td>"
                             "<td class=num>1.94x</td><td class=num>2.0</td>"
                             "<td class=num>3.3 ms</td><td class=num>1.88x</td>"
                             "<td class=num>2.0</td>"));
  EXPECT_TRUE(Contains(html, "<h2 id=\"test-speedup\">"));
}

}  // namespace
}  // namespace grader
