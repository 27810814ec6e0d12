// `grader import classroom`: folders of git checkouts named <prefix><username>, with the
// hostile things a working tree can hold (links, FIFOs, hard links, files in .git).
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "intake_test_support.h"

#include "common/error.h"
#include "intake/importer.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

using intake_test::Exercise;
using intake_test::MakeScratchDir;
using intake_test::ReadFile;

class ClassroomImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_ = MakeScratchDir("grader-classroom-test");
    ASSERT_FALSE(scratch_.empty());
    request_.format = ExportFormat::kClassroom;
    request_.source = scratch_ / "repos";
    request_.root = scratch_ / "root";
    request_.exercises = {Exercise("counter", {"counter.hpp"})};
  }
  void TearDown() override { fs::remove_all(scratch_); }

  // A checkout: SOURCE/<name>/.git/ and the given files.
  fs::path Repository(const std::string& name, const std::vector<std::string>& files) {
    const fs::path repository = request_.source / name;
    fs::create_directories(repository / ".git" / "objects");
    std::ofstream(repository / ".git" / "HEAD") << "ref: refs/heads/main\n";
    for (const auto& file : files) Write(repository / file, "// " + file + "\n");
    return repository;
  }

  static void Write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
  }

  const InputImport& Input(const ImportReport& report, const std::string& name) {
    for (const InputImport& input : report.inputs) {
      if (input.input == name) return input;
    }
    ADD_FAILURE() << "no input " << name;
    static const InputImport none;
    return none;
  }

  fs::path scratch_;
  ImportRequest request_;
};

TEST_F(ClassroomImportTest, UsernamesFollowTheDetectedPrefix) {
  Repository("hw3-counter-alice", {"counter.hpp"});
  Repository("hw3-counter-Bob", {"src/counter/counter.hpp", "README.md"});
  const ImportReport report = ImportExport(request_);
  EXPECT_EQ(report.prefix, "hw3-counter-");
  EXPECT_TRUE(report.Complete());
  EXPECT_EQ(Input(report, "hw3-counter-alice").student, "alice");
  EXPECT_EQ(Input(report, "hw3-counter-Bob").student, "bob");
  EXPECT_TRUE(fs::is_regular_file(request_.root / "alice/counter/counter.hpp"));
  EXPECT_TRUE(fs::is_regular_file(request_.root / "bob/counter/counter.hpp"));
  EXPECT_EQ(Input(report, "hw3-counter-Bob").ignored_files, 1u);
}

TEST_F(ClassroomImportTest, PrefixComesFromTheSubmissionsFolder) {
  request_.source = scratch_ / "hw3-submissions";
  Repository("hw3-jane-doe", {"counter.hpp"});
  const ImportReport report = ImportExport(request_);
  EXPECT_EQ(report.prefix, "hw3-");
  EXPECT_TRUE(fs::exists(request_.root / "jane-doe/counter/counter.hpp"));
}

TEST_F(ClassroomImportTest, OneRepositoryWithoutAPrefixIsAnUnusableRequest) {
  Repository("hw3-jane-doe", {"counter.hpp"});
  try {
    ImportExport(request_);
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("give it with --prefix"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(request_.root));  // a failed request leaves no output folder
  request_.prefix = "hw3";
  const ImportReport report = ImportExport(request_);
  EXPECT_EQ(report.inputs.at(0).student, "jane-doe");
}

TEST_F(ClassroomImportTest, GivenPrefixKeepsHyphenatedUsernamesWhole) {
  Repository("hw3-jane-doe", {"counter.hpp"});
  Repository("hw3-jane-smith", {"counter.hpp"});
  Repository("lab2-jane-roe", {"counter.hpp"});
  request_.prefix = "hw3-";
  const ImportReport report = ImportExport(request_);
  EXPECT_TRUE(fs::exists(request_.root / "jane-doe/counter/counter.hpp"));
  EXPECT_TRUE(fs::exists(request_.root / "jane-smith/counter/counter.hpp"));
  EXPECT_EQ(Input(report, "lab2-jane-roe").reason,
            "lab2-jane-roe: does not start with the assignment prefix 'hw3-'");
}

TEST_F(ClassroomImportTest, FolderWithoutGitIsSkipped) {
  Repository("hw3-alice", {"counter.hpp"});
  Repository("hw3-bob", {"counter.hpp"});
  Write(request_.source / "hw3-carol" / "counter.hpp", "x");
  std::ofstream(request_.source / "roster.csv") << "alice\n";
  const ImportReport report = ImportExport(request_);
  EXPECT_EQ(report.prefix, "hw3-");
  EXPECT_EQ(Input(report, "hw3-carol").reason, "hw3-carol: not a git repository (no .git in it)");
  EXPECT_FALSE(report.Complete());
  EXPECT_EQ(report.ImportedInputs(), 2);
  EXPECT_EQ(report.not_inputs, std::vector<std::string>{"roster.csv"});
}

TEST_F(ClassroomImportTest, LinksDevicesAndGitFilesAreNeverTaken) {
  request_.prefix = "hw3";
  // .git is never read, though a file there has a wanted name.
  const fs::path repository = Repository("hw3-mallory", {".git/counter/counter.hpp"});
  fs::create_directories(repository / "counter");
  fs::create_symlink("/etc/passwd", repository / "counter" / "counter.hpp");
  ASSERT_EQ(mkfifo((repository / "pipe").c_str(), 0644), 0);
  Write(scratch_ / "outside.hpp", "secret");
  fs::create_hard_link(scratch_ / "outside.hpp", repository / "hard.hpp");
  request_.exercises.push_back(Exercise("hard", {"hard.hpp"}));

  const ImportReport report = ImportExport(request_);
  const InputImport& input = Input(report, "hw3-mallory");
  EXPECT_FALSE(input.imported);
  ASSERT_EQ(input.refused.size(), 3u);
  EXPECT_EQ(input.refused[0].entry, "counter/counter.hpp");
  EXPECT_EQ(input.refused[0].reason, "symbolic link (links are never followed)");
  EXPECT_EQ(input.refused[1].entry, "hard.hpp");
  EXPECT_EQ(input.refused[1].reason, "hard link (links are never followed)");
  EXPECT_EQ(input.refused[2].entry, "pipe");
  EXPECT_EQ(input.refused[2].reason, "device, FIFO or socket");
  EXPECT_FALSE(fs::exists(request_.root / "mallory"));
}

TEST_F(ClassroomImportTest, FilesDeeperThanTheMatchingDepthAreNotRead) {
  Repository("hw3-alice", {"a/b/c/d/counter/counter.hpp"});
  Repository("hw3-bob", {"a/b/counter/counter.hpp"});
  const ImportReport report = ImportExport(request_);
  EXPECT_FALSE(Input(report, "hw3-alice").imported);
  EXPECT_EQ(Input(report, "hw3-alice").absent, std::vector<std::string>{"counter"});
  EXPECT_TRUE(Input(report, "hw3-bob").imported);
}

TEST_F(ClassroomImportTest, TooManyEntriesSkipsTheRepository) {
  request_.limits.max_entries = 20;
  const fs::path repository = Repository("hw3-alice", {"counter.hpp"});
  for (int i = 0; i < 30; ++i) Write(repository / "notes" / std::to_string(100 + i), "");
  Repository("hw3-bob", {"counter.hpp"});
  const ImportReport report = ImportExport(request_);
  EXPECT_EQ(Input(report, "hw3-alice").reason,
            "hw3-alice: entry 'notes/118': more than 20 entries (--max-entries)");
  EXPECT_TRUE(Input(report, "hw3-bob").imported);
  EXPECT_FALSE(fs::exists(request_.root / "alice"));
}

TEST_F(ClassroomImportTest, NoTemporaryFoldersAreLeftInRoot) {
  Repository("hw3-alice", {"counter.hpp"});
  Repository("hw3-bob", {"counter.hpp"});
  ImportExport(request_);
  request_.replace = true;
  ImportExport(request_);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(request_.root)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"alice", "bob", "import-report.json"}));
  // As readable as a folder mkdir makes, not mkdtemp's 0700.
  EXPECT_NE(fs::status(request_.root / "alice").permissions() & fs::perms::others_read,
            fs::perms::none);
}

}  // namespace
}  // namespace grader
