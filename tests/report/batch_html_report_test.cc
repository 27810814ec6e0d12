// OUT/report.html from a batch's results: escaped student names and messages, the summary
// and histogram counts, the sortable table's script allowed by the page's own policy, no
// external reference, plots drawn by the harness only, and the same bytes for the same
// results.
#include "report/batch_html_report.h"

#include <regex>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "common/sha256.h"
#include "report/html_report.h"
#include "report/verdict_histogram.h"
#include "report_fixtures.h"

namespace grader {
namespace {

using fixtures::MakeResult;
using fixtures::MakeTest;

constexpr const char* kHostileName = "<img src=x onerror=alert(1)>";

std::string Page(const BatchResults& results) {
  std::ostringstream out;
  WriteBatchHtmlReport(results, out);
  return out.str();
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

// A speed test's result whose evidence holds a curve and a stored "svg" that is not the
// harness's drawing.
GradeResult SpeedResult() {
  TestResult speed = MakeTest("speedup", fixtures::kHidden, Verdict::kTooSlow, 0, 30, 9,
                              "1.10x at 2 threads (the reference 1.90x)");
  speed.evidence = {
      {"speed",
       {{"svg", "<svg><script>stolen()</script></svg>"},
        {"curve",
         {{{"threads", 1}, {"pairs", 3}, {"reference_speedup", 1.0}, {"student_speedup", 1.0}},
          {{"threads", 2}, {"pairs", 3}, {"reference_speedup", 1.9}, {"student_speedup", 1.1}}}}}}};
  return MakeResult("parallel_sum", "class/alice/parallel_sum",
                    {MakeTest("sums", fixtures::kVisible, Verdict::kOk, 70, 70, 4, ""),
                     std::move(speed)});
}

// Four students, two exercises: full marks, a data race, a hostile name with a hostile
// message, a speed result, an unusable submission, and a student with nothing stored.
BatchResults Class() {
  BatchResults results({"alice", "bob", "carol", kHostileName, "zoe"},
                       {"counter", "parallel_sum"});
  GradeResult full = fixtures::DataRace();
  for (TestResult& test : full.tests) {
    test.verdict = Verdict::kOk;
    test.score = test.max_score;
  }
  full.score = full.max_score;
  results.Add(Submission("alice", full));
  results.Add(Submission("alice", SpeedResult()));
  results.Add(Submission("bob", fixtures::DataRace()));
  GradeResult unusable = MakeResult("counter", "class/carol/counter", {});
  unusable.max_score = 100;
  unusable.warnings = {"not graded: counter.hpp: missing"};
  results.Add(Submission("carol", unusable, NotGraded::kUnusable, "counter.hpp: missing"));
  TestResult hostile = MakeTest("basics", fixtures::kVisible, Verdict::kWrongAnswer, 0, 10, 1,
                                "printed <script>alert('x')</script></td></tr>");
  hostile.details = "actual: </pre><img src=y onerror=alert(2)>\x1b[0m\xff";
  hostile.evidence = {{"actual", "<b>bold</b></pre>"}};
  results.Add(Submission(kHostileName, MakeResult("counter", "class/x/counter", {hostile})));
  return results;
}

TEST(BatchHtmlReportTest, HostileStudentNameAndMessageAreText) {
  const std::string page = Page(Class());
  EXPECT_FALSE(Contains(page, "<img")) << "an element from a student's text";
  EXPECT_FALSE(Contains(page, "<b>bold"));
  EXPECT_FALSE(Contains(page, "alert('x')</script>"));
  EXPECT_FALSE(Contains(page, "\x1b"));
  EXPECT_TRUE(Contains(page, "&lt;img src=x onerror=alert(1)&gt;"));
  EXPECT_TRUE(Contains(page, "printed &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
                             "&lt;/td&gt;&lt;/tr&gt;"));
  EXPECT_TRUE(Contains(page, "&lt;/pre&gt;&lt;img src=y onerror=alert(2)&gt;\\x1b[0m\xEF\xBF\xBD"));
  EXPECT_TRUE(Contains(page, "&lt;b&gt;bold&lt;/b&gt;&lt;/pre&gt;"));  // the evidence JSON
  // The link to the stored result is percent-encoded, never a raw name.
  EXPECT_TRUE(Contains(page, "href=\"%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E/counter.json\""));
  // Exactly one script element: the page's own.
  EXPECT_EQ(Count(page, "<script"), 1u);
}

TEST(BatchHtmlReportTest, SummaryCountsAndHistogramBars) {
  const std::string page = Page(Class());
  EXPECT_TRUE(Contains(page, "<p>5 students, 5 submissions of 2 exercises.</p>"));
  // counter: alice ok, bob data-race, carol unusable, the hostile one wrong-answer;
  // mean (100 + 60 + 0 + 0) / 4 = 40 of 100; one with full marks.
  EXPECT_TRUE(Contains(page, "<tr><td>counter</td><td class=\"num\">4</td><td class=\"num\">"
                             "40/100</td><td class=\"num\">1</td>"))
      << page;
  const std::size_t counter_chart = page.find("<svg class=\"histogram\"");
  const std::size_t speed_chart = page.find("<svg class=\"histogram\"", counter_chart + 1);
  ASSERT_NE(speed_chart, std::string::npos);
  const std::string counter = page.substr(counter_chart, speed_chart - counter_chart);
  EXPECT_TRUE(Contains(counter, "<title>ok: 1</title>"));
  EXPECT_TRUE(Contains(counter, "<title>wrong-answer: 1</title>"));
  EXPECT_TRUE(Contains(counter, "<title>data-race: 1</title>"));
  EXPECT_TRUE(Contains(counter, "<title>unusable: 1</title>"));
  EXPECT_EQ(Count(counter, "<g class=\"bar\">"), 4u);
  const std::string speed = page.substr(speed_chart, page.find("</svg>", speed_chart) - speed_chart);
  EXPECT_EQ(Count(speed, "<g class=\"bar\">"), 1u);
  EXPECT_TRUE(Contains(speed, "<title>too-slow: 1</title>"));
}

TEST(BatchHtmlReportTest, TableRowPerStudentWithSortableHeaders) {
  const std::string page = Page(Class());
  EXPECT_EQ(Count(page, "<tr data-index="), 5u);
  EXPECT_TRUE(Contains(page, "<th data-key=\"student\" data-type=\"text\""));
  EXPECT_TRUE(Contains(page, "<th class=\"num\" data-key=\"total\" data-type=\"num\""));
  EXPECT_TRUE(Contains(page, "<input id=\"filter\" type=\"search\""));
  EXPECT_TRUE(Contains(page, "function sortBy(column, descending)"));
  EXPECT_TRUE(Contains(page, "header.addEventListener('click'"));
  // bob's counter cell: coloured by its summary verdict, linked to its details.
  EXPECT_TRUE(Contains(page, "<td class=\"cell v-data-race\" data-value=\"60\" "
                             "title=\"data-race\"><a href=\"#sub-1-0\">60/100</a></td>"));
  EXPECT_TRUE(Contains(page, "<details class=\"submission\" id=\"sub-1-0\">"));
  // zoe stored nothing: empty cells (sorted last), a total of 0.
  EXPECT_TRUE(Contains(page, "<a href=\"#student-4\">zoe</a></td><td data-value=\"\"></td>"
                             "<td data-value=\"\"></td><td class=\"num\" data-value=\"0\">"));
}

TEST(BatchHtmlReportTest, NothingExternalAndThePolicyAllowsOnlyItsOwnStyleAndScript) {
  std::string page = Page(Class());
  // The speedup plot's namespace is a name, not a reference.
  for (std::size_t at; (at = page.find("xmlns=\"http://www.w3.org/2000/svg\"")) !=
                       std::string::npos;) {
    page.erase(at, std::string_view("xmlns=\"http://www.w3.org/2000/svg\"").size());
  }
  EXPECT_FALSE(Contains(page, "http:"));
  EXPECT_FALSE(Contains(page, "https:"));
  EXPECT_FALSE(Contains(page, " src=\""));
  EXPECT_FALSE(Contains(page, "url("));
  EXPECT_FALSE(Contains(page, "<link"));
  std::smatch match;
  ASSERT_TRUE(std::regex_search(page, match, std::regex("<style>([\\s\\S]*?)</style>")));
  const std::string style = match[1];
  ASSERT_TRUE(std::regex_search(page, match, std::regex("<script>([\\s\\S]*?)</script>")));
  const std::string script = match[1];
  const auto hash = [](const std::string& text) {
    const auto digest = Sha256(text);
    return "'sha256-" + Base64({reinterpret_cast<const char*>(digest.data()), digest.size()}) +
           "'";
  };
  EXPECT_TRUE(Contains(page, "content=\"default-src 'none'; style-src " + hash(style) +
                                 "; script-src " + hash(script) + "\""))
      << page.substr(0, 600);
}

TEST(BatchHtmlReportTest, SpeedPlotIsDrawnFromTheNumbersNotTheStoredSvg) {
  const std::string page = Page(Class());
  EXPECT_FALSE(Contains(page, "stolen()</script>"));
  EXPECT_TRUE(Contains(page, "speedup: speedup against threads"));
  EXPECT_TRUE(Contains(page, "<title>2 threads: 1.10x</title>"));
  EXPECT_TRUE(Contains(page, "&quot;svg&quot;: &quot;(the plot above)&quot;"));
}

TEST(BatchHtmlReportTest, SameResultsGiveTheSameBytes) {
  const std::string first = Page(Class());
  EXPECT_EQ(Page(Class()), first);
}

TEST(BatchHtmlReportTest, EmptyBatchStillAPage) {
  const std::string page = Page(BatchResults({}, {"counter"}));
  EXPECT_TRUE(Contains(page, "<p>0 students, 0 submissions of 1 exercise.</p>"));
  EXPECT_TRUE(Contains(page, "no submissions"));
  EXPECT_TRUE(page.ends_with("</body></html>\n"));
}

TEST(VerdictHistogramTest, OneBarPerVerdictWithSubmissionsScaledToTheHighest) {
  const std::string svg =
      VerdictHistogramSvg("a<b", {{"ok", 4}, {"data-race", 2}, {"deadlock", 0}});
  EXPECT_EQ(Count(svg, "<g class=\"bar\">"), 2u);
  EXPECT_TRUE(Contains(svg, ">a&lt;b</text>"));
  EXPECT_TRUE(Contains(svg, "<title>ok: 4</title><rect x=\"26\" y=\"50.0\" width=\"64\" "
                            "height=\"104.0\" fill=\"#2e7d32\"/>"))
      << svg;
  EXPECT_TRUE(Contains(svg, "<title>data-race: 2</title><rect x=\"118\" y=\"102.0\" "
                            "width=\"64\" height=\"52.0\" fill=\"#ad1457\"/>"))
      << svg;
  EXPECT_FALSE(Contains(svg, "deadlock"));
}

TEST(BatchHtmlReportTest, PercentEncodesAllButUnreserved) {
  EXPECT_EQ(PercentEncoded("a-Z_0.~"), "a-Z_0.~");
  EXPECT_EQ(PercentEncoded("<a b>/\"\xff"), "%3Ca%20b%3E%2F%22%FF");
}

}  // namespace
}  // namespace grader
