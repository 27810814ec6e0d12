// `grader merge`: the shards of one batch joined into exactly what one machine writes, and
// every set of inputs that is not one whole finished batch refused before anything is
// written.
#include "batch/shard_merge.h"

#include <gtest/gtest.h>

#include "batch_test_support.h"
#include <unistd.h>

#include <fstream>
#include <map>
#include <sstream>

#include "batch/batch_outputs.h"
#include "batch/result_store.h"
#include "common/error.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

// Every file under `dir`, by path relative to it, with its bytes.
std::map<std::string, std::string> Files(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) {
      files[fs::relative(entry.path(), dir).string()] = ReadWholeFile(entry.path());
    }
  }
  return files;
}

class ShardMergeTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestFolder("shard-merge");
    batch_.harness_version = "0.1.0";
    batch_.seed = 7;
    batch_.exercises = {"counter", "sum"};
    batch_.settings = {true, 0, true, "bwrap", "g++ 12"};
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::vector<std::string> StudentsOf(const Shard& shard) const {
    std::vector<std::string> students;
    for (const std::string& student : class_) {
      if (InShard(student, shard)) students.push_back(student);
    }
    return students;
  }

  // The OUT that `grader batch --shard K/N` writes for the class: a result per student and
  // exercise (the student's own score), none for "frank"'s counter (nothing submitted),
  // the gradebook and batch.json.
  fs::path WriteShard(const std::string& name, const Shard& shard, BatchManifest manifest) {
    const fs::path out = dir_ / name;
    manifest.shard = shard;
    manifest.students = StudentsOf(shard);
    manifest.complete = true;
    const ResultStore store(out, {});
    for (const std::string& student : manifest.students) {
      for (const std::string& exercise : manifest.exercises) {
        if (student == "frank" && exercise == "counter") continue;
        const double score = static_cast<double>(student.size() * 10 + exercise.size());
        const std::string key = student + "-" + exercise;
        store.Save({student, exercise, "/class/" + student + "/" + exercise}, key,
                   {{{"schema", "grader-result/1"}, {"student", student}, {"grading_key", key},
                     {"exercise", exercise}, {"seed", 7}, {"tests", nlohmann::json::array()},
                     {"score", score}, {"max_score", 100}},
                    "{\"score\": " + std::to_string(score) + "}\n"});
      }
    }
    WriteBatchSummaries(manifest.students, manifest.exercises, store);
    WriteManifest(out, manifest);
    return out;
  }
  std::vector<fs::path> WriteShards(int count) {
    std::vector<fs::path> outs;
    for (int index = 1; index <= count; ++index) {
      outs.push_back(WriteShard("shard" + std::to_string(index), {index, count}, batch_));
    }
    return outs;
  }

  // The error of merging `inputs` into `out`; also checks that nothing was written.
  std::string MergeError(const std::vector<fs::path>& inputs, const fs::path& out) {
    const bool existed = fs::exists(out);
    try {
      MergeShards(inputs, out);
    } catch (const InputError& e) {
      if (!existed) {
        EXPECT_FALSE(fs::exists(out)) << "a refused merge wrote " << out;
      }
      return e.what();
    }
    return "(merged)";
  }

  fs::path dir_;
  BatchManifest batch_;
  std::vector<std::string> class_ = {"alice", "bob", "carol", "dave", "erin", "frank"};
};

TEST_F(ShardMergeTest, ShardsJoinIntoWhatOneMachineWritesFileForFile) {
  const std::vector<fs::path> shards = WriteShards(3);
  for (int index = 1; index <= 3; ++index) {
    ASSERT_FALSE(StudentsOf({index, 3}).empty()) << "shard " << index << " of 3 is empty";
  }
  const fs::path single = WriteShard("single", Shard{}, batch_);
  const MergeSummary summary = MergeShards(shards, dir_ / "merged");
  EXPECT_EQ(summary.results, 11);  // 6 students x 2 exercises, but frank's counter
  EXPECT_EQ(summary.manifest.students, class_);
  EXPECT_EQ(summary.manifest.shard.count, 1);
  EXPECT_TRUE(summary.manifest.complete);
  // The whole-batch files (gradebook first), then batch.json.
  ASSERT_EQ(summary.written.size(), 4u);
  EXPECT_EQ(summary.written.front(), dir_ / "merged" / "gradebook.csv");
  EXPECT_EQ(summary.written[1], dir_ / "merged" / "junit.xml");
  EXPECT_EQ(summary.written[2], dir_ / "merged" / "report.html");
  EXPECT_EQ(summary.written.back(), dir_ / "merged" / "batch.json");

  const std::map<std::string, std::string> merged = Files(dir_ / "merged");
  const std::map<std::string, std::string> expected = Files(single);
  for (const auto& [file, bytes] : expected) {
    ASSERT_TRUE(merged.contains(file)) << file << " is missing from the merged OUT";
    EXPECT_EQ(merged.at(file), bytes) << file;
  }
  for (const auto& [file, bytes] : merged) {
    EXPECT_TRUE(expected.contains(file)) << file << " is not in one machine's OUT";
  }
  EXPECT_EQ(ReadManifest(dir_ / "merged").students, class_);
}

TEST_F(ShardMergeTest, AnEmptyOutputFolderIsUsedAndTemporariesAreNotResults) {
  const std::vector<fs::path> shards = WriteShards(2);
  const std::string student = StudentsOf({1, 2}).front();
  std::ofstream(shards[0] / student / ".sum.json.Ab12Cd") << "{\"half\": ";  // a killed write
  fs::create_directories(dir_ / "merged");
  MergeShards(shards, dir_ / "merged");
  EXPECT_TRUE(fs::exists(dir_ / "merged" / student / "sum.json"));
  EXPECT_FALSE(fs::exists(dir_ / "merged" / student / ".sum.json.Ab12Cd"));
}

TEST_F(ShardMergeTest, ShardsOfDifferentBatchesAreRefusedNamingTheFolder) {
  std::vector<fs::path> shards = WriteShards(2);
  BatchManifest other = batch_;
  other.seed = 8;
  fs::remove_all(shards[1]);
  shards[1] = WriteShard("shard2", {2, 2}, other);
  std::string error = MergeError(shards, dir_ / "merged");
  EXPECT_EQ(error.find(shards[1].string() + ": not a shard of the same batch as " +
                       shards[0].string()),
            0u)
      << error;
  EXPECT_NE(error.find("seed 7 in " + shards[0].string() + ", 8 in " + shards[1].string()),
            std::string::npos)
      << error;

  other = batch_;
  other.settings.quick = false;
  fs::remove_all(shards[1]);
  shards[1] = WriteShard("shard2", {2, 2}, other);
  EXPECT_NE(MergeError(shards, dir_ / "merged").find("settings.quick true in"),
            std::string::npos);
  other = batch_;
  other.harness_version = "0.2.0";
  fs::remove_all(shards[1]);
  shards[1] = WriteShard("shard2", {2, 2}, other);
  EXPECT_NE(MergeError(shards, dir_ / "merged").find("harness_version"), std::string::npos);
  fs::remove_all(shards[1]);
  shards[1] = WriteShard("shard2", {2, 3}, batch_);
  EXPECT_NE(MergeError(shards, dir_ / "merged").find("shard count 2 in"), std::string::npos);
}

TEST_F(ShardMergeTest, AShardGivenTwiceIsRefused) {
  const std::vector<fs::path> shards = WriteShards(2);
  fs::copy(shards[0], dir_ / "again", fs::copy_options::recursive);
  const std::string error = MergeError({shards[0], shards[1], dir_ / "again"}, dir_ / "merged");
  EXPECT_EQ(error, (dir_ / "again").string() + ": shard 1/2 is given twice, also as " +
                       shards[0].string());
}

TEST_F(ShardMergeTest, AStudentInTwoShardsIsRefused) {
  BatchManifest first = batch_;
  first.shard = {1, 2};
  first.students = {"alice", "bob"};
  first.complete = true;
  BatchManifest second = first;
  second.shard = {2, 2};
  second.students = {"bob", "carol"};
  try {
    JoinManifests({{"out/1", first}, {"out/2", second}});
    FAIL() << "joined shards that share a student";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "out/2: student \"bob\" is also in out/1");
  }
  second.students = {"carol"};
  EXPECT_EQ(JoinManifests({{"out/2", second}, {"out/1", first}}).students,
            (std::vector<std::string>{"alice", "bob", "carol"}));
}

TEST_F(ShardMergeTest, MissingShardsAreNamed) {
  const std::vector<fs::path> shards = WriteShards(4);
  std::string error = MergeError({shards[0], shards[2]}, dir_ / "merged");
  EXPECT_EQ(error.find("shards 2/4, 4/4 of the batch are missing (given: 1/4 in " +
                       shards[0].string() + ", 3/4 in " + shards[2].string() + ")"),
            0u)
      << error;
  error = MergeError({shards[3], shards[1], shards[0]}, dir_ / "merged");
  EXPECT_EQ(error.find("shard 3/4 of the batch is missing"), 0u) << error;
}

TEST_F(ShardMergeTest, AnInputWithoutBatchJsonIsRefused) {
  std::vector<fs::path> shards = WriteShards(2);
  fs::remove(shards[1] / "batch.json");
  const std::string error = MergeError(shards, dir_ / "merged");
  EXPECT_EQ(error.find((shards[1] / "batch.json").string() + ": missing"), 0u) << error;
  EXPECT_EQ(MergeError({dir_ / "nowhere"}, dir_ / "merged"),
            (dir_ / "nowhere").string() + ": not a folder");
}

TEST_F(ShardMergeTest, AnUnfinishedShardIsRefused) {
  std::vector<fs::path> shards = WriteShards(2);
  BatchManifest unfinished = ReadManifest(shards[1]);
  unfinished.complete = false;
  WriteManifest(shards[1], unfinished);
  const std::string error = MergeError(shards, dir_ / "merged");
  EXPECT_EQ(error.find(shards[1].string() + ": shard 2/2 did not finish"), 0u) << error;
  EXPECT_NE(error.find("--resume"), std::string::npos) << error;
}

TEST_F(ShardMergeTest, AnOutputFolderThatHoldsFilesIsRefused) {
  const std::vector<fs::path> shards = WriteShards(2);
  fs::create_directories(dir_ / "merged");
  std::ofstream(dir_ / "merged" / "notes.txt") << "mine\n";
  EXPECT_EQ(MergeError(shards, dir_ / "merged"),
            (dir_ / "merged").string() + ": holds files; merge into a new or empty folder");
  EXPECT_EQ(ReadWholeFile(dir_ / "merged" / "notes.txt"), "mine\n");
  // An input as the output: it holds files too.
  EXPECT_NE(MergeError(shards, shards[0]).find("holds files"), std::string::npos);
}

TEST_F(ShardMergeTest, FilesThatAreNoResultsOfTheBatchAreRefused) {
  std::vector<fs::path> shards = WriteShards(2);
  const std::string student = StudentsOf({2, 2}).front();
  std::ofstream(shards[1] / student / "notes.txt") << "?\n";
  std::string error = MergeError(shards, dir_ / "merged");
  EXPECT_EQ(error.find((shards[1] / student / "notes.txt").string() +
                       ": not a result file of this batch"),
            0u)
      << error;
  fs::remove(shards[1] / student / "notes.txt");
  // Results of a student of the other shard, copied into this one.
  const std::string stranger = StudentsOf({1, 2}).front();
  fs::copy(shards[0] / stranger, shards[1] / stranger);
  error = MergeError(shards, dir_ / "merged");
  EXPECT_EQ(error.find((shards[1] / stranger).string() + ": results of \"" + stranger +
                       "\", who is not a student of this shard"),
            0u)
      << error;
}

}  // namespace
}  // namespace grader
