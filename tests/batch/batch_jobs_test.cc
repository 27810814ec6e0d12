// Finding a batch's jobs under ROOT, and sharding them by student.
#include "batch/batch_jobs.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "common/error.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

class BatchJobsTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("batch-jobs-" + std::to_string(::getpid()) + "-" +
             testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void Make(const fs::path& relative) { fs::create_directories(root_ / relative); }
  fs::path root_;
};

TEST_F(BatchJobsTest, EveryStudentFolderWithAnExerciseFolderIsAJobSorted) {
  Make("bob/counter");
  Make("alice/counter");
  Make("alice/parallel_sum");
  Make("alice/not-an-exercise");
  Make("carol");            // a student who submitted nothing
  Make(".git/counter");     // hidden: not a student
  std::ofstream(root_ / "import-report.json") << "{}";  // a file: not a student
  const std::vector<BatchJob> jobs = FindJobs(root_, {"parallel_sum", "counter"}, Shard{});
  ASSERT_EQ(jobs.size(), 3u);
  EXPECT_EQ(jobs[0].student, "alice");
  EXPECT_EQ(jobs[0].exercise, "counter");
  EXPECT_EQ(jobs[1].exercise, "parallel_sum");
  EXPECT_EQ(jobs[2].student, "bob");
  EXPECT_EQ(jobs[2].dir, root_ / "bob" / "counter");
  EXPECT_EQ(FindStudents(root_, Shard{}), (std::vector<std::string>{"alice", "bob", "carol"}));
}

TEST_F(BatchJobsTest, ARootThatIsNoFolderIsAnInputError) {
  EXPECT_THROW(FindJobs(root_ / "missing", {"counter"}, Shard{}), InputError);
}

TEST(ShardTest, ParsesKOverN) {
  const Shard shard = ParseShard("2/4");
  EXPECT_EQ(shard.index, 2);
  EXPECT_EQ(shard.count, 4);
  for (const char* bad : {"", "2", "0/4", "5/4", "a/4", "2/", "2/4x", "-1/4"}) {
    EXPECT_THROW(ParseShard(bad), InputError) << bad;
  }
}

TEST(ShardTest, TheShardsHoldEveryStudentExactlyOnceAndDoNotDependOnTheClass) {
  std::vector<std::string> students;
  for (int i = 0; i < 200; ++i) students.push_back("student" + std::to_string(i));
  for (int count : {1, 2, 3, 7}) {
    std::vector<int> sizes(count);
    for (const std::string& student : students) {
      int shards = 0;
      for (int k = 1; k <= count; ++k) {
        if (InShard(student, Shard{k, count})) {
          ++shards;
          ++sizes[k - 1];
        }
      }
      EXPECT_EQ(shards, 1) << student << " in " << count << " shards";
    }
    for (int size : sizes) EXPECT_GT(size, 200 / count / 2) << "uneven shards of " << count;
  }
  // A student's shard is a function of the name alone (FNV-1a), the same on every machine.
  EXPECT_TRUE(InShard("alice", Shard{1, 1}));
  EXPECT_EQ(InShard("alice", Shard{1, 2}), !InShard("alice", Shard{2, 2}));
}

}  // namespace
}  // namespace grader
