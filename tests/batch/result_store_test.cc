// Durable results: atomic files, reuse by grading key, the cache by content address, and
// the gradebook made from them.
#include "batch/result_store.h"

#include <gtest/gtest.h>

#include "batch_test_support.h"
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "batch/gradebook.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

std::string ReadWholeFile(const fs::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class ResultStoreTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestFolder("result-store");
  }
  void TearDown() override { fs::remove_all(dir_); }

  StoredResult Result(const std::string& key, double score) {
    return {{{"schema", "grader-result/1"}, {"grading_key", key}, {"score", score},
             {"max_score", 100}},
            "{\"score\": " + ScoreText(score) + "}\n"};
  }
  fs::path dir_;
};

TEST_F(ResultStoreTest, WritesAtomicallyWithNoTemporaryLeftBehind) {
  WriteFileAtomically(dir_ / "a" / "b.json", "first\n");
  WriteFileAtomically(dir_ / "a" / "b.json", "second\n");
  EXPECT_EQ(ReadWholeFile(dir_ / "a" / "b.json"), "second\n");
  int files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_ / "a")) ++files;
  EXPECT_EQ(files, 1);
}

TEST_F(ResultStoreTest, FindsAResultOnlyUnderItsKey) {
  const ResultStore store(dir_ / "out", dir_ / "cache");
  const BatchJob job{"alice", "counter", dir_ / "root" / "alice" / "counter"};
  EXPECT_FALSE(store.Find(job, "k1"));
  store.Save(job, "k1", Result("k1", 70));
  EXPECT_EQ(ReadWholeFile(dir_ / "out" / "alice" / "counter.gradescope.json"), "{\"score\": 70}\n");
  ASSERT_TRUE(store.Find(job, "k1"));
  EXPECT_EQ(store.Find(job, "k1")->result["score"], 70);
  EXPECT_FALSE(store.Find(job, "k2"));  // a changed spec or submission: graded again
  EXPECT_EQ(store.InOut("alice", "counter")->value("grading_key", ""), "k1");
}

TEST_F(ResultStoreTest, TheCacheServesAnotherOutFolder) {
  const BatchJob job{"alice", "counter", dir_ / "root" / "alice" / "counter"};
  ResultStore(dir_ / "out1", dir_ / "cache").Save(job, "k1", Result("k1", 70));
  const ResultStore second(dir_ / "out2", dir_ / "cache");
  const std::optional<StoredResult> found = second.Find(job, "k1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->result["student"], "alice");
  EXPECT_FALSE(second.InOut("alice", "counter"));  // not in OUT until saved there
  // Without a cache, only OUT counts.
  EXPECT_FALSE(ResultStore(dir_ / "out3", "").Find(job, "k1"));
}

TEST_F(ResultStoreTest, AnUnreadableResultIsGradedAgain) {
  const ResultStore store(dir_ / "out", "");
  const BatchJob job{"alice", "counter", dir_};
  store.Save(job, "k1", Result("k1", 70));
  std::ofstream(dir_ / "out" / "alice" / "counter.json") << "{ truncated";
  EXPECT_FALSE(store.Find(job, "k1"));
}

TEST_F(ResultStoreTest, GradebookHasARowPerStudentAndEmptyCellsForNothingSubmitted) {
  const ResultStore store(dir_ / "out", "");
  store.Save({"alice", "counter", dir_}, "k", Result("k", 70));
  store.Save({"alice", "parallel_sum", dir_}, "k", Result("k", 12.5));
  store.Save({"bob, jr.", "counter", dir_}, "k", Result("k", 100));
  EXPECT_EQ(GradebookCsv({"alice", "bob, jr.", "carol"}, {"counter", "parallel_sum"}, store),
            "student,counter,parallel_sum,total\n"
            "alice,70,12.5,82.5\n"
            "\"bob, jr.\",100,,100\n"
            "carol,,,0\n");
}

TEST(CsvFieldTest, QuotesWhatCsvNeedsQuoted) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(CsvField("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(CsvField(" padded"), "\" padded\"");
}

}  // namespace
}  // namespace grader
