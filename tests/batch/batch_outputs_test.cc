// The whole-batch files written from the results stored in OUT: gradebook, JUnit XML and
// the HTML page, the same bytes from a copy of OUT elsewhere (as a merge of shards makes),
// and a stored file that is not a result named before anything is written.
#include "batch/batch_outputs.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "batch_test_support.h"

#include "../report/report_fixtures.h"
#include "common/error.h"
#include "report/json_report.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

class BatchOutputsTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("batch-outputs-" + std::to_string(::getpid()) + "-" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    out_ = dir_ / "out";
    // As `grader batch` stores them: the result JSON plus "student" and "grading_key", and
    // "error" or "internal_error" for a result without a grading.
    Store("alice", fixtures::DataRace(), nlohmann::json::object());
    Store("bob", fixtures::Mixed(), nlohmann::json::object());
    GradeResult unusable = fixtures::MakeResult("counter", "class/carol/counter", {});
    unusable.max_score = 100;
    unusable.warnings = {"not graded: counter.hpp: missing"};
    Store("carol", unusable, {{"error", "counter.hpp: missing"}});
    GradeResult failed = fixtures::MakeResult("counter", "class/dave/counter", {});
    failed.warnings = {"not graded: internal error of the grader: no sandbox"};
    Store("dave", failed, {{"internal_error", "no sandbox"}});
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Store(const std::string& student, const GradeResult& result, nlohmann::json extra) {
    nlohmann::json json = ResultToJson(result);
    json["student"] = student;
    json["grading_key"] = "k-" + student;
    json.update(extra);
    fs::create_directories(out_ / student);
    std::ofstream(out_ / student / (result.exercise + ".json")) << json.dump(2) << "\n";
  }

  const std::vector<std::string> students_ = {"alice", "bob", "carol", "dave", "erin"};
  const std::vector<std::string> exercises_ = {"counter"};
  fs::path dir_;
  fs::path out_;
};

TEST_F(BatchOutputsTest, ReadsEachStoredResultAndWhyItWasNotGraded) {
  const BatchResults results = ReadBatchResults(students_, exercises_, ResultStore(out_, ""));
  ASSERT_EQ(results.submissions().size(), 4u);  // erin stored nothing
  EXPECT_EQ(results.Find("erin", "counter"), nullptr);
  EXPECT_EQ(results.Find("alice", "counter")->result.score, 60);
  EXPECT_EQ(results.Find("alice", "counter")->not_graded, NotGraded::kNo);
  EXPECT_EQ(results.Find("carol", "counter")->not_graded, NotGraded::kUnusable);
  EXPECT_EQ(results.Find("carol", "counter")->not_graded_reason, "counter.hpp: missing");
  EXPECT_EQ(results.Find("dave", "counter")->not_graded, NotGraded::kInternalError);
  EXPECT_EQ(SummaryVerdict(*results.Find("alice", "counter")), "data-race");
  EXPECT_EQ(SummaryVerdict(*results.Find("bob", "counter")), "runtime-error");
  EXPECT_EQ(SummaryVerdict(*results.Find("carol", "counter")), "unusable");
  EXPECT_EQ(SummaryVerdict(*results.Find("dave", "counter")), "internal-error");
}

TEST_F(BatchOutputsTest, WritesGradebookJunitAndPage) {
  const std::vector<fs::path> written =
      WriteBatchSummaries(students_, exercises_, ResultStore(out_, ""));
  ASSERT_EQ(written, (std::vector<fs::path>{out_ / "gradebook.csv", out_ / "junit.xml",
                                            out_ / "report.html"}));
  EXPECT_EQ(ReadWholeFile(out_ / "gradebook.csv"),
            "student,counter,total\nalice,60,60\nbob,20,20\ncarol,0,0\ndave,0,0\nerin,,0\n");
  const std::string junit = ReadWholeFile(out_ / "junit.xml");
  EXPECT_NE(junit.find("<testsuites name=\"grader\" tests=\"10\" failures=\"5\" errors=\"1\""),
            std::string::npos)
      << junit;
  EXPECT_NE(junit.find("<testsuite name=\"carol/counter\" tests=\"1\" failures=\"1\""),
            std::string::npos);
  EXPECT_NE(junit.find("<failure type=\"unusable\" message=\"counter.hpp: missing\">"),
            std::string::npos);
  EXPECT_NE(junit.find("<error type=\"internal-error\" message=\"no sandbox\">"),
            std::string::npos);
  EXPECT_LT(junit.find("alice/counter"), junit.find("bob/counter"));
  const std::string page = ReadWholeFile(out_ / "report.html");
  EXPECT_NE(page.find("<p>5 students, 4 submissions of 1 exercise.</p>"), std::string::npos);
}

TEST_F(BatchOutputsTest, ACopyOfOutElsewhereGivesTheSameFiles) {
  WriteBatchSummaries(students_, exercises_, ResultStore(out_, ""));
  const fs::path merged = dir_ / "merged" / "elsewhere";
  fs::create_directories(merged);
  for (const std::string student : {"alice", "bob", "carol", "dave"}) {
    fs::create_directories(merged / student);
    fs::copy_file(out_ / student / "counter.json", merged / student / "counter.json");
  }
  WriteBatchSummaries(students_, exercises_, ResultStore(merged, ""));
  for (const char* file : {"gradebook.csv", "junit.xml", "report.html"}) {
    EXPECT_EQ(ReadWholeFile(merged / file), ReadWholeFile(out_ / file)) << file;
  }
}

TEST_F(BatchOutputsTest, AStoredFileThatIsNotAResultIsNamedBeforeAnythingIsWritten) {
  nlohmann::json broken = ResultToJson(fixtures::Mixed());
  broken["tests"][0]["verdict"] = "passed";
  std::ofstream(out_ / "bob" / "counter.json") << broken.dump();
  try {
    WriteBatchSummaries(students_, exercises_, ResultStore(out_, ""));
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              (out_ / "bob" / "counter.json").string() +
                  ": tests[0].verdict: 'passed' is not a verdict");
  }
  EXPECT_FALSE(fs::exists(out_ / "gradebook.csv"));
  EXPECT_FALSE(fs::exists(out_ / "junit.xml"));
  EXPECT_FALSE(fs::exists(out_ / "report.html"));
}

}  // namespace
}  // namespace grader
