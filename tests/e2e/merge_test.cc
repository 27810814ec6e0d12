// `grader batch --shard K/N` on each part of a class, then `grader merge`: the joined OUT
// holds what one machine's batch of the same class and seed holds, file for file, apart
// from measured values (bench/compare_batch_outputs.py); shards of different batches are
// refused.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e_util.h"

namespace grader::e2e {
namespace {

namespace fs = std::filesystem;

// `grader --cache-dir CACHE <args...>`.
SubprocessResult Grader(const fs::path& cache, std::vector<std::string> args) {
  SubprocessOptions options;
  options.argv = {GRADER_BINARY, "--no-color", "--cache-dir", cache.string()};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.cwd = ProjectRoot();
  options.wall_timeout = std::chrono::minutes(10);
  return RunSubprocess(options);
}

// bench/compare_batch_outputs.py A B.
SubprocessResult Compare(const fs::path& a, const fs::path& b) {
  SubprocessOptions options;
  options.argv = {"python3", (ProjectRoot() / "bench" / "compare_batch_outputs.py").string(),
                  a.string(), b.string()};
  options.wall_timeout = std::chrono::minutes(1);
  return RunSubprocess(options);
}

class MergeTest : public testing::Test {
 protected:
  // Five students of the sum exercise: the reference twice, each known-bad case (a wrong
  // sum, an endless loop stopped at its deadline, an overflow), and one who submitted
  // nothing. By the hash of their names both shards of 2 get students.
  void SetUp() override {
    root_ = dir_.path() / "class";
    const fs::path sum = ProjectRoot() / "reference" / "sum";
    Submit("alice", sum);
    Submit("bob", sum / "bad" / "bad-sum");
    Submit("carol", sum / "bad" / "infinite-loop");
    Submit("dave", sum / "bad" / "int-overflow");
    fs::create_directories(root_ / "erin");
  }
  void Submit(const std::string& student, const fs::path& folder) {
    fs::create_directories(root_ / student / "sum");
    fs::copy_file(folder / "sum.cpp", root_ / student / "sum" / "sum.cpp");
  }
  SubprocessResult Batch(const fs::path& cache, const fs::path& out,
                         std::vector<std::string> extra) {
    std::vector<std::string> args = {"batch", root_.string(), "sum", "-o", out.string(),
                                     "--quick", "-j", "2"};
    args.insert(args.end(), extra.begin(), extra.end());
    return Grader(cache, args);
  }

  TempDir dir_;
  fs::path root_;
};

TEST_F(MergeTest, TwoShardsMergedHoldWhatOneMachineGrades) {
  // The shards share a cache, as on one node; the single machine has its own, so it grades
  // everything again instead of reusing the shards' results.
  const fs::path shards_cache = dir_.path() / "cache-shards";
  const fs::path shard1 = dir_.path() / "shard1";
  const fs::path shard2 = dir_.path() / "shard2";
  for (const auto& [out, shard] : {std::pair{shard1, "1/2"}, std::pair{shard2, "2/2"}}) {
    const SubprocessResult graded =
        Batch(shards_cache, out, {"--seed", "7", "--shard", shard});
    ASSERT_TRUE(graded.status.code == 0 || graded.status.code == 1) << graded.out << graded.err;
  }
  const nlohmann::json manifest1 = nlohmann::json::parse(Read(shard1 / "batch.json"));
  const nlohmann::json manifest2 = nlohmann::json::parse(Read(shard2 / "batch.json"));
  ASSERT_FALSE(manifest1["students"].empty()) << manifest1.dump(2);
  ASSERT_FALSE(manifest2["students"].empty()) << manifest2.dump(2);
  EXPECT_EQ(manifest1["shard"], (nlohmann::json{{"index", 1}, {"count", 2}}));
  EXPECT_EQ(manifest1["complete"], true);

  const fs::path merged = dir_.path() / "merged";
  const SubprocessResult merge =
      Grader(shards_cache, {"merge", shard1.string(), shard2.string(), "-o", merged.string()});
  ASSERT_EQ(merge.status.code, 0) << merge.out << merge.err;
  EXPECT_NE(merge.out.find("2 shard(s), 5 student(s), 1 exercise(s), 4 result(s)"),
            std::string::npos)
      << merge.out;

  const fs::path single = dir_.path() / "single";
  const SubprocessResult graded = Batch(dir_.path() / "cache-single", single, {"--seed", "7"});
  ASSERT_EQ(graded.status.code, 1) << graded.out << graded.err;  // bob, carol below full
  EXPECT_NE(graded.out.find("4 graded, 0 reused"), std::string::npos) << graded.out;

  const SubprocessResult same = Compare(single, merged);
  EXPECT_EQ(same.status.code, 0) << same.out << same.err;
  EXPECT_NE(same.out.find("same: 12 files"), std::string::npos) << same.out;
  EXPECT_EQ(Read(merged / "gradebook.csv"),
            "student,sum,total\nalice,40,40\nbob,0,0\ncarol,0,0\ndave,40,40\nerin,,0\n");
  EXPECT_EQ(Read(merged / "batch.json"), Read(single / "batch.json"));
  const nlohmann::json carol = nlohmann::json::parse(Read(merged / "carol" / "sum.json"));
  EXPECT_EQ(carol["tests"][0]["verdict"], "time-limit") << carol.dump(2);

  // The comparison does see a difference: one shard is not the whole class.
  const SubprocessResult part = Compare(single, shard1);
  EXPECT_EQ(part.status.code, 1) << part.out << part.err;
  EXPECT_NE(part.out.find("gradebook.csv: not byte-identical"), std::string::npos) << part.out;
}

TEST_F(MergeTest, ShardsOfDifferentSeedsAreRefused) {
  const fs::path shard1 = dir_.path() / "shard1";
  const fs::path shard2 = dir_.path() / "shard2";
  const fs::path cache = GRADER_E2E_CACHE;
  const SubprocessResult first = Batch(cache, shard1, {"--seed", "7", "--shard", "1/2"});
  ASSERT_TRUE(first.status.code == 0 || first.status.code == 1) << first.out << first.err;
  const SubprocessResult second = Batch(cache, shard2, {"--seed", "8", "--shard", "2/2"});
  ASSERT_TRUE(second.status.code == 0 || second.status.code == 1) << second.out << second.err;

  const fs::path merged = dir_.path() / "merged";
  const SubprocessResult merge =
      Grader(cache, {"merge", shard1.string(), shard2.string(), "-o", merged.string()});
  EXPECT_EQ(merge.status.code, 2) << merge.out << merge.err;
  EXPECT_NE(merge.err.find(shard2.string() + ": not a shard of the same batch as " +
                           shard1.string() + ": seed 7 in " + shard1.string() + ", 8 in " +
                           shard2.string()),
            std::string::npos)
      << merge.err;
  EXPECT_FALSE(fs::exists(merged));

  // Resuming shard 2 with the other seed is refused too.
  const SubprocessResult resumed =
      Batch(cache, shard2, {"--seed", "7", "--shard", "2/2", "--resume"});
  EXPECT_EQ(resumed.status.code, 2) << resumed.out << resumed.err;
  EXPECT_NE(resumed.err.find("seed 8 in its batch.json, 7 in this command"), std::string::npos)
      << resumed.err;
}

}  // namespace
}  // namespace grader::e2e
