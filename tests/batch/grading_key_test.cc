// The content address of a grading: what changes it and what does not.
#include "batch/grading_key.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace grader {
namespace {

namespace fs = std::filesystem;

class GradingKeyTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("grading-key-" + std::to_string(::getpid()) + "-" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    for (const char* folder : {"spec", "reference", "submission"}) {
      fs::create_directories(dir_ / folder);
    }
    Write("spec/spec.yaml", "exercise: counter\n");
    Write("spec/driver.cpp", "// driver\n");
    Write("reference/counter.hpp", "// reference\n");
    Write("submission/counter.hpp", "// student\n");
    spec_.name = "counter";
    spec_.dir = dir_ / "spec";
    spec_.file = dir_ / "spec" / "spec.yaml";
    spec_.reference = dir_ / "reference";
    spec_.submit_required = {"counter.hpp"};
    settings_.harness_version = "1.0";
    settings_.toolchain.version = "g++ 12";
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& file, const std::string& text) {
    std::ofstream(dir_ / file) << text;
  }
  std::string Key(std::uint64_t seed = 7) {
    return GradingKey(spec_, dir_ / "submission", settings_, seed);
  }

  fs::path dir_;
  ExerciseSpec spec_;
  GradingSettings settings_;
};

TEST_F(GradingKeyTest, SameInputsSameKey) {
  EXPECT_EQ(Key(), Key());
  EXPECT_EQ(Key().size(), 32u);
}

TEST_F(GradingKeyTest, FilesTheGradingDoesNotReadDoNotChangeIt) {
  const std::string before = Key();
  Write("submission/notes.txt", "not submitted\n");
  EXPECT_EQ(Key(), before);
}

TEST_F(GradingKeyTest, EverythingTheGradingReadsChangesIt) {
  std::string key = Key();
  auto changed = [&](const char* what) {
    const std::string now = Key();
    EXPECT_NE(now, key) << what;
    key = now;
  };
  Write("submission/counter.hpp", "// student, fixed\n");
  changed("the submitted file");
  Write("spec/driver.cpp", "// driver, fixed\n");
  changed("a driver in the spec's folder");
  Write("reference/counter.hpp", "// reference, faster\n");
  changed("the reference");
  settings_.toolchain.version = "g++ 13";
  changed("the compiler");
  settings_.harness_version = "1.1";
  changed("the harness");
  settings_.quick = true;
  changed("quick");
  EXPECT_NE(Key(8), Key(7)) << "the seed";
  fs::remove(dir_ / "submission" / "counter.hpp");
  changed("a missing file");
}

TEST(JobSeedTest, DependsOnBatchSeedStudentAndExerciseOnly) {
  EXPECT_EQ(JobSeed(1, "alice", "counter"), JobSeed(1, "alice", "counter"));
  EXPECT_NE(JobSeed(1, "alice", "counter"), JobSeed(2, "alice", "counter"));
  EXPECT_NE(JobSeed(1, "alice", "counter"), JobSeed(1, "bob", "counter"));
  EXPECT_NE(JobSeed(1, "alice", "counter"), JobSeed(1, "alice", "parallel_sum"));
  EXPECT_LT(JobSeed(1, "alice", "counter"), 1'000'000'000'000ULL);
}

}  // namespace
}  // namespace grader
