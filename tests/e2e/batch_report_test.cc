// OUT/junit.xml and OUT/report.html as `grader batch` writes them, over a small class: the
// `sum` exercise graded for real (one student's folder named like an HTML element), and
// stored results of counter and parallel_sum taken from real `grader check --json` runs
// (tests/e2e/batch_report/: the counter reference, the plain-long-long known-bad, the
// parallel_sum reference's speed test). The page is then loaded in headless Chromium: its
// script runs without error under its own Content-Security-Policy, a sort requested by the
// URL orders the rows, the filter hides rows, a link opens a submission, and the hostile
// name is text in the DOM, with no element injected.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e_util.h"

namespace grader::e2e {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHostile = "<img src=x onerror=alert(1)>";
constexpr const char* kChromium = "/usr/bin/chromium";

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

fs::path Fixture(const std::string& name) {
  return ProjectRoot() / "tests" / "e2e" / "batch_report" / (name + ".json");
}

// `report.html#<fragment>` loaded in headless Chromium: the DOM after its script ran.
struct LoadedPage {
  std::string dom;
  std::string log;  // Chromium's stderr, with the page's console messages
};

LoadedPage Load(const fs::path& page, const std::string& fragment, const fs::path& profile) {
  SubprocessOptions options;
  options.argv = {kChromium,
                  "--headless=new",
                  "--no-sandbox",  // as root; the page is our own file
                  "--disable-gpu",
                  "--no-first-run",
                  "--user-data-dir=" + profile.string(),
                  "--enable-logging=stderr",
                  "--v=0",
                  "--virtual-time-budget=2000",
                  "--dump-dom",
                  "file://" + fs::absolute(page).string() + "#" + fragment};
  options.wall_timeout = std::chrono::seconds(120);
  options.stdout_cap = 32 << 20;
  options.stderr_cap = 4 << 20;
  const SubprocessResult result = RunSubprocess(options);
  EXPECT_TRUE(result.status.Success()) << DescribeExit(result.status) << "\n" << result.err;
  return {result.out, result.err};
}

// The students' table rows in DOM order: (data-index, hidden).
std::vector<std::pair<int, bool>> Rows(const std::string& dom) {
  std::vector<std::pair<int, bool>> rows;
  const std::regex row("<tr data-index=\"(\\d+)\"( hidden=\"\")?>");
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), row); it != std::sregex_iterator();
       ++it) {
    rows.emplace_back(std::stoi((*it)[1]), (*it)[2].matched);
  }
  return rows;
}

void ExpectLoadedCleanly(const LoadedPage& page) {
  EXPECT_TRUE(Contains(page.dom, "<body data-ready=\"true\">")) << page.dom.substr(0, 2000)
                                                                 << page.log;
  EXPECT_FALSE(Contains(page.dom, "data-error=")) << page.log;
  EXPECT_FALSE(Contains(page.log, "Content Security Policy"))
      << "something was blocked by the page's policy:\n" << page.log;
  EXPECT_FALSE(Contains(page.log, "Uncaught")) << page.log;
}

class BatchReportTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ = dir_.path() / "class";
    out_ = dir_.path() / "out";
    const fs::path sum = ProjectRoot() / "reference" / "sum";
    Submit(kHostile, sum / "sum.cpp");
    Submit("alice", sum / "sum.cpp");
    Submit("bob", sum / "bad" / "bad-sum" / "sum.cpp");
    fs::create_directories(root_ / "carol" / "sum");  // sum.cpp missing: unusable
    seed_ = std::to_string(std::random_device{}() % 1'000'000'000);
  }
  void Submit(const std::string& student, const fs::path& file) {
    fs::create_directories(root_ / student / "sum");
    fs::copy_file(file, root_ / student / "sum" / "sum.cpp");
  }
  void Stored(const std::string& student, const std::string& exercise,
              const std::string& fixture) {
    nlohmann::json result = nlohmann::json::parse(Read(Fixture(fixture)));
    result["student"] = student;
    result["grading_key"] = "stored-" + fixture;
    fs::create_directories(out_ / student);
    std::ofstream(out_ / student / (exercise + ".json")) << result.dump(2) << "\n";
  }
  // Each student's total from the result JSONs in OUT, by the row index of the page (the
  // students sorted by name).
  std::vector<double> Totals() const {
    std::vector<double> totals;
    for (const std::string student : {kHostile, "alice", "bob", "carol"}) {
      double total = 0;
      for (const char* exercise : {"counter", "parallel_sum", "sum"}) {
        const fs::path file = out_ / student / (std::string(exercise) + ".json");
        if (fs::exists(file)) total += nlohmann::json::parse(Read(file))["score"].get<double>();
      }
      totals.push_back(total);
    }
    return totals;
  }

  TempDir dir_;
  fs::path root_;
  fs::path out_;
  std::string seed_;
};

TEST_F(BatchReportTest, BatchWritesJunitAndAPageThatWorksInABrowser) {
  const std::vector<std::string> args = {"batch",   root_.string(), "sum",   "counter",
                                         "parallel_sum", "-o",    out_.string(), "--quick",
                                         "--seed",  seed_};
  const SubprocessResult first = RunGrader(args);
  ASSERT_EQ(first.status.code, 1) << first.out << first.err;
  // Results of real counter and parallel_sum gradings then stored in this batch's OUT, as an
  // earlier run of it or a merge of shards leaves them; the resumed batch reuses every sum
  // result and writes the whole-batch files over all of them.
  Stored("alice", "counter", "counter-reference");
  Stored("bob", "counter", "counter-plain-long-long");
  Stored("alice", "parallel_sum", "parallel_sum-speedup");
  std::vector<std::string> resume = args;
  resume.push_back("--resume");
  const SubprocessResult batch = RunGrader(resume);
  EXPECT_TRUE(Contains(batch.out, "batch: 0 graded, ")) << batch.out << batch.err;
  ASSERT_EQ(batch.status.code, 1) << batch.out << batch.err;  // bob and carol below full marks
  EXPECT_TRUE(Contains(batch.out, "wrote " + (out_ / "junit.xml").string() + "\n")) << batch.out;
  EXPECT_TRUE(Contains(batch.out, "wrote " + (out_ / "report.html").string() + "\n"))
      << batch.out;

  // JUnit: a parser reads it; a suite per stored result, the hostile name as text.
  SubprocessOptions xmllint;
  xmllint.argv = {"xmllint", "--xpath", "count(/testsuites/testsuite)",
                  (out_ / "junit.xml").string()};
  const SubprocessResult suites = RunSubprocess(xmllint);
  EXPECT_TRUE(suites.status.Success()) << suites.err;
  EXPECT_EQ(suites.out, "7\n");  // 4 sum results, 3 stored ones
  const std::string junit = Read(out_ / "junit.xml");
  EXPECT_TRUE(Contains(junit, "<testsuite name=\"&lt;img src=x onerror=alert(1)&gt;/sum\""));
  EXPECT_TRUE(Contains(junit, "<failure type=\"unusable\""));
  EXPECT_TRUE(Contains(junit, "<failure type=\"data-race\""));

  const fs::path page = out_ / "report.html";
  const std::string html = Read(page);
  EXPECT_FALSE(Contains(html, "<img"));
  RecordProperty("report_html_bytes", std::to_string(html.size()));

  if (!fs::exists(kChromium)) {
    GTEST_SKIP() << kChromium << " is not installed (scripts/setup installs Debian's chromium): "
                 << "the page was not loaded in a browser";
  }
  const fs::path profile = dir_.path() / "chromium-profile";

  // Sorted by the total, best first, by the same click handler a person uses.
  const LoadedPage by_total = Load(page, "sort=total-desc", profile);
  ExpectLoadedCleanly(by_total);
  const std::vector<double> totals = Totals();
  std::vector<int> expected = {0, 1, 2, 3};
  std::stable_sort(expected.begin(), expected.end(),
                   [&](int a, int b) { return totals[a] > totals[b]; });
  std::vector<int> order;
  for (const auto& [index, hidden] : Rows(by_total.dom)) order.push_back(index);
  EXPECT_EQ(order, expected);
  EXPECT_TRUE(Contains(by_total.dom, "data-key=\"total\" data-type=\"num\" tabindex=\"0\" "
                                     "aria-sort=\"descending\""));
  // The hostile name is text; no element came from it.
  EXPECT_TRUE(Contains(by_total.dom, "&lt;img src=x onerror=alert(1)&gt;"));
  EXPECT_FALSE(Contains(by_total.dom, "<img"));

  // The filter box, filled from the URL: only alice's row is shown.
  const LoadedPage filtered = Load(page, "filter=ali", profile);
  ExpectLoadedCleanly(filtered);
  std::vector<std::pair<int, bool>> rows = Rows(filtered.dom);
  ASSERT_EQ(rows.size(), 4u);
  for (const auto& [index, hidden] : rows) EXPECT_EQ(hidden, index != 1) << index;
  EXPECT_TRUE(Contains(filtered.dom, "1 of 4 students shown"));

  // A score's link opens that submission: alice's counter (student 1, exercise 0), with its
  // tests; her parallel_sum shows the speedup plot drawn by the grader.
  const LoadedPage opened = Load(page, "sub-1-0", profile);
  ExpectLoadedCleanly(opened);
  EXPECT_TRUE(Contains(opened.dom, "<details class=\"submission\" id=\"sub-1-0\" open=\"\">"));
  EXPECT_FALSE(Contains(opened.dom, "id=\"sub-2-0\" open"));
  EXPECT_TRUE(Contains(opened.dom, "speedup: speedup against threads"));
}

}  // namespace
}  // namespace grader::e2e
