// OUT/batch.json: written and read back unchanged, every malformed file refused with its
// name and what is wrong, and --resume refused for another batch.
#include "batch/batch_manifest.h"

#include <gtest/gtest.h>

#include "batch_test_support.h"
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "common/error.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

BatchManifest Sample() {
  BatchManifest manifest;
  manifest.harness_version = "0.1.0";
  manifest.seed = 600'000'000'007ULL;  // beyond 32 bits
  manifest.shard = {2, 3};
  manifest.exercises = {"counter", "sum"};
  manifest.settings = {true, 4, false, "bwrap", "g++ (Debian 12.2.0-14) 12.2.0"};
  manifest.students = {"Zoe", "alice", "bob smith"};  // byte order, as FindStudents sorts
  manifest.complete = true;
  return manifest;
}

class BatchManifestTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestFolder("batch-manifest");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes the sample's text with `from` replaced by `to`, and returns the reader's error.
  std::string ErrorAfterEdit(const std::string& from, const std::string& to) {
    std::string text = ManifestText(Sample());
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from << " not in " << text;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return ErrorOf(text);
  }
  std::string ErrorOf(const std::string& text) {
    std::ofstream(dir_ / "batch.json", std::ios::binary) << text;
    try {
      ReadManifest(dir_);
    } catch (const InputError& e) {
      return e.what();
    }
    return "(read without an error)";
  }
  fs::path dir_;
};

TEST_F(BatchManifestTest, ReadsBackWhatWasWrittenByteForByte) {
  WriteManifest(dir_, Sample());
  const std::string text = ReadWholeFile(dir_ / "batch.json");
  const BatchManifest read = ReadManifest(dir_);
  EXPECT_EQ(read.harness_version, "0.1.0");
  EXPECT_EQ(read.seed, 600'000'000'007ULL);
  EXPECT_EQ(read.shard.index, 2);
  EXPECT_EQ(read.shard.count, 3);
  EXPECT_EQ(read.exercises, Sample().exercises);
  EXPECT_EQ(read.settings, Sample().settings);
  EXPECT_EQ(read.students, Sample().students);
  EXPECT_TRUE(read.complete);
  EXPECT_EQ(ManifestText(read), text);
  EXPECT_TRUE(BatchDifferences(read, Sample()).empty());
  // The schema first, then the fields in the documented order.
  EXPECT_EQ(text.find("{\n  \"schema\": \"grader-batch/1\",\n  \"harness_version\""), 0u)
      << text;
}

TEST_F(BatchManifestTest, AMissingFileSaysTheFolderIsNoBatchOutput) {
  try {
    ReadManifest(dir_);
    FAIL() << "read a missing batch.json";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find((dir_ / "batch.json").string() + ": missing"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(BatchManifestTest, MalformedFilesAreRefusedNamingTheFileAndTheFault) {
  const std::string file = (dir_ / "batch.json").string() + ": ";
  const auto expect = [&](const std::string& error, const std::string& says) {
    EXPECT_EQ(error.find(file), 0u) << error;
    EXPECT_NE(error.find(says), std::string::npos) << error;
  };
  expect(ErrorOf("{\"schema\": "), "not valid JSON");
  expect(ErrorOf("[]"), "expected a JSON object");
  expect(ErrorAfterEdit("grader-batch/1", "grader-batch/9"),
         "schema \"grader-batch/9\" is not grader-batch/1");
  expect(ErrorAfterEdit("\"seed\": 600000000007,", ""), "no \"seed\"");
  expect(ErrorAfterEdit("\"seed\": 600000000007", "\"seed\": -7"),
         "\"seed\" must be a whole number");
  expect(ErrorAfterEdit("\"index\": 2", "\"index\": 4"), "\"shard\" 4/3 is not a shard K/N");
  expect(ErrorAfterEdit("\"index\": 2", "\"index\": 0"), "\"shard\" 0/3 is not a shard K/N");
  expect(ErrorAfterEdit("\"count\": 3", "\"count\": \"3\""),
         "\"count\" in \"shard\" must be a whole number");
  expect(ErrorAfterEdit("\"quick\": true", "\"quick\": \"yes\""),
         "\"quick\" in \"settings\" must be true or false");
  expect(ErrorAfterEdit("\"sandbox\": \"bwrap\",", ""), "no \"sandbox\" in \"settings\"");
  expect(ErrorAfterEdit("\"alice\",", "\"alice\",\n    \"alice\","),
         "\"students\" must be sorted without repeats: \"alice\" comes before \"alice\"");
  expect(ErrorAfterEdit("\"counter\",", "\"zebra\","),
         "\"exercises\" must be sorted without repeats");
  expect(ErrorAfterEdit("\"counter\",", "7,"), "\"exercises\" must be a list of names");
  expect(ErrorAfterEdit("\"complete\": true", "\"complete\": 1"),
         "\"complete\" must be true or false");
}

TEST_F(BatchManifestTest, DifferencesNameEveryFieldThatMakesAnotherBatch) {
  BatchManifest other = Sample();
  other.shard.index = 1;  // another shard of the same batch
  other.students = {"carol"};
  other.complete = false;
  EXPECT_TRUE(BatchDifferences(Sample(), other).empty());
  other.seed = 8;
  other.settings.repeat = 5;
  other.settings.toolchain = "clang";
  other.exercises = {"sum"};
  const std::vector<ManifestDifference> differences = BatchDifferences(Sample(), other);
  ASSERT_EQ(differences.size(), 4u);
  EXPECT_EQ(DescribeDifferences(differences, "A", "B"),
            "seed 600000000007 in A, 8 in B; exercises [counter, sum] in A, [sum] in B; "
            "settings.repeat 4 in A, 5 in B; settings.toolchain \"g++ (Debian 12.2.0-14) "
            "12.2.0\" in A, \"clang\" in B");
  other = Sample();
  other.harness_version = "0.2.0";
  other.shard.count = 4;
  other.settings.sandbox = "none";
  other.settings.chaos = true;
  other.settings.quick = false;
  EXPECT_EQ(BatchDifferences(Sample(), other).size(), 5u);
}

TEST_F(BatchManifestTest, ResumingTheSameBatchIsAllowedWithNewStudents) {
  BatchManifest started = Sample();
  started.complete = false;
  WriteManifest(dir_, started);
  BatchManifest now = Sample();
  now.students.push_back("zed");  // a student folder added to ROOT since
  EXPECT_NO_THROW(CheckResume(dir_, now));
}

TEST_F(BatchManifestTest, ResumingAnotherBatchIsRefusedNamingTheDifferences) {
  WriteManifest(dir_, Sample());
  const auto error_for = [&](const BatchManifest& now) -> std::string {
    try {
      CheckResume(dir_, now);
    } catch (const InputError& e) {
      return e.what();
    }
    return "(resumed)";
  };
  BatchManifest now = Sample();
  now.seed = 8;
  std::string error = error_for(now);
  EXPECT_EQ(error.find((dir_ / "batch.json").string() + ": "), 0u) << error;
  EXPECT_NE(error.find("seed 600000000007 in its batch.json, 8 in this command"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("or grade into a new folder"), std::string::npos) << error;

  now = Sample();
  now.shard = {3, 4};
  error = error_for(now);
  EXPECT_NE(error.find("shard 2/3 in its batch.json, 3/4 in this command"), std::string::npos)
      << error;
  EXPECT_EQ(error.find("shard count"), std::string::npos) << error;
  now.shard = {1, 3};
  EXPECT_NE(error_for(now).find("shard 2/3 in its batch.json, 1/3"), std::string::npos);

  now = Sample();
  now.settings.quick = false;
  EXPECT_NE(error_for(now).find("settings.quick true in its batch.json, false in this command"),
            std::string::npos);
  now = Sample();
  now.exercises = {"counter"};
  EXPECT_NE(error_for(now).find("exercises [counter, sum] in its batch.json, [counter]"),
            std::string::npos);
  now = Sample();
  now.harness_version = "0.2.0";
  EXPECT_NE(error_for(now).find("harness_version \"0.1.0\" in its batch.json"),
            std::string::npos);

  fs::remove(dir_ / "batch.json");
  EXPECT_NE(error_for(Sample()).find("missing"), std::string::npos);
}

}  // namespace
}  // namespace grader
