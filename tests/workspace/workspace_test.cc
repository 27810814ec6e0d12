// Workspace::Create on real folders: what is copied, what is refused, and what is left on
// disk afterwards (in the workspace's parent and in the submission folder).
#include "workspace/workspace.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "common/error.h"
#include "spec/spec.h"

namespace grader {
namespace {

using Names = std::vector<std::string>;

::testing::AssertionResult Contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << part << "' is not in: " << text;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// Names of the entries of `dir` (not recursive), sorted.
std::vector<std::string> EntryNames(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Everything observable of a folder tree without following links: per relative path its
// type, permissions, size, modification time, and contents (regular files) or link target.
std::map<std::string, std::string> Snapshot(const fs::path& dir) {
  std::map<std::string, std::string> snapshot;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    struct stat st {};
    lstat(entry.path().c_str(), &st);
    std::string state = std::to_string(st.st_mode) + " " + std::to_string(st.st_size) + " " +
                        std::to_string(st.st_mtim.tv_sec) + "." +
                        std::to_string(st.st_mtim.tv_nsec);
    if (entry.is_symlink()) {
      state += " -> " + fs::read_symlink(entry.path()).string();
    } else if (entry.is_regular_file()) {
      state += " " + ReadFile(entry.path());
    }
    snapshot[fs::relative(entry.path(), dir).string()] = state;
  }
  return snapshot;
}

class WorkspaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string name = (fs::temp_directory_path() / "grader-workspace-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(name.data()), nullptr);
    temp_ = name;
    parent_ = temp_ / "workspaces";
    submission_ = temp_ / "submission";
    fs::create_directories(parent_);
    fs::create_directories(submission_);

    spec_.file = "/specs/counter/spec.yaml";
    spec_.dir = "/specs/counter";
    spec_.name = "counter";
    spec_.submit_required = {"counter.hpp"};
    spec_.submit_optional = {"notes.md"};
    spec_.max_file_size = 1024;
  }

  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(temp_, ignored);
  }

  Workspace Create() const { return Workspace::Create(parent_, spec_, submission_); }

  // Create must throw InputError whose message holds every one of `parts`, and leave the
  // parent folder as it was.
  void ExpectRefused(const std::vector<std::string>& parts) const {
    const std::vector<std::string> before = EntryNames(parent_);
    try {
      Workspace ws = Create();
      ADD_FAILURE() << "Create succeeded; workspace " << ws.Root();
    } catch (const InputError& error) {
      for (const auto& part : parts) EXPECT_TRUE(Contains(error.what(), part));
    }
    EXPECT_EQ(EntryNames(parent_), before) << "Create left something in " << parent_;
  }

  fs::path temp_;
  fs::path parent_;
  fs::path submission_;
  ExerciseSpec spec_;
};

TEST_F(WorkspaceTest, CopiesRequiredAndOptionalFiles) {
  WriteFile(submission_ / "counter.hpp", "class Counter {};\n");
  WriteFile(submission_ / "notes.md", "I used a mutex.\n");

  Workspace ws = Create();

  EXPECT_EQ(ws.Root().parent_path(), parent_);
  EXPECT_EQ(ws.Root().filename().string().rfind("counter-", 0), 0u) << ws.Root();
  EXPECT_EQ(ReadFile(ws.Root() / "counter.hpp"), "class Counter {};\n");
  EXPECT_EQ(ReadFile(ws.Root() / "notes.md"), "I used a mutex.\n");
  EXPECT_EQ(ws.SubmittedFiles(), (Names{"counter.hpp", "notes.md"}));
  EXPECT_TRUE(ws.IgnoredFiles().empty());
  EXPECT_TRUE(fs::is_directory(ws.GraderDir()));
  EXPECT_EQ(ws.GraderDir(), ws.Root() / ".grader");
  EXPECT_EQ(EntryNames(ws.Root()), (Names{".grader", "counter.hpp", "notes.md"}));
}

TEST_F(WorkspaceTest, SkipsAbsentOptionalFile) {
  WriteFile(submission_ / "counter.hpp", "class Counter {};\n");

  Workspace ws = Create();

  EXPECT_EQ(ws.SubmittedFiles(), (Names{"counter.hpp"}));
  EXPECT_FALSE(fs::exists(fs::symlink_status(ws.Root() / "notes.md")));
}

TEST_F(WorkspaceTest, CopiesEachWorkspaceIntoItsOwnFolder) {
  WriteFile(submission_ / "counter.hpp", "class Counter {};\n");

  Workspace first = Create();
  Workspace second = Create();

  EXPECT_NE(first.Root(), second.Root());
  EXPECT_EQ(EntryNames(parent_).size(), 2u);
}

TEST_F(WorkspaceTest, MissingRequiredFileNamesPathAndSaysMissing) {
  WriteFile(submission_ / "notes.md", "I forgot the header.\n");
  ExpectRefused({(submission_ / "counter.hpp").string(), "missing"});
}

TEST_F(WorkspaceTest, SecondMissingRequiredFileRemovesTheFirstCopy) {
  spec_.submit_required = {"counter.hpp", "counter.cpp"};
  WriteFile(submission_ / "counter.hpp", "class Counter {};\n");
  ExpectRefused({(submission_ / "counter.cpp").string(), "missing"});
}

TEST_F(WorkspaceTest, RefusesSymlinkToFileOutsideFolder) {
  fs::create_symlink("/etc/passwd", submission_ / "counter.hpp");
  ExpectRefused({(submission_ / "counter.hpp").string(), "symbolic link"});
}

TEST_F(WorkspaceTest, RefusesSymlinkToFileInsideFolder) {
  WriteFile(submission_ / "real.hpp", "class Counter {};\n");
  fs::create_symlink("real.hpp", submission_ / "counter.hpp");
  ExpectRefused({(submission_ / "counter.hpp").string(), "symbolic link"});
}

TEST_F(WorkspaceTest, RefusesSymlinkAsOptionalFile) {
  WriteFile(submission_ / "counter.hpp", "class Counter {};\n");
  fs::create_symlink("/etc/passwd", submission_ / "notes.md");
  ExpectRefused({(submission_ / "notes.md").string(), "symbolic link"});
}

TEST_F(WorkspaceTest, RefusesDanglingSymlinkAsSymlinkNotAsMissing) {
  fs::create_symlink(temp_ / "nowhere.hpp", submission_ / "counter.hpp");
  ExpectRefused({(submission_ / "counter.hpp").string(), "symbolic link"});
}

TEST_F(WorkspaceTest, RefusesFifo) {
  ASSERT_EQ(mkfifo((submission_ / "counter.hpp").c_str(), 0644), 0);
  ExpectRefused({(submission_ / "counter.hpp").string(), "FIFO"});
}

TEST_F(WorkspaceTest, RefusesFolderNamedLikeRequiredFile) {
  fs::create_directory(submission_ / "counter.hpp");
  WriteFile(submission_ / "counter.hpp" / "counter.hpp", "class Counter {};\n");
  ExpectRefused({(submission_ / "counter.hpp").string(), "a folder"});
}

TEST_F(WorkspaceTest, RefusesFileOverMaxFileSizeWithBothSizes) {
  WriteFile(submission_ / "counter.hpp", std::string(1025, 'x'));
  ExpectRefused({(submission_ / "counter.hpp").string(), "1025 bytes", "1024 bytes"});
}

TEST_F(WorkspaceTest, AcceptsFileOfExactlyMaxFileSize) {
  WriteFile(submission_ / "counter.hpp", std::string(1024, 'x'));
  Workspace ws = Create();
  EXPECT_EQ(fs::file_size(ws.Root() / "counter.hpp"), 1024u);
}

TEST_F(WorkspaceTest, RefusesSubmitNameWithParentFolder) {
  WriteFile(temp_ / "secret.hpp", "the instructor's solution\n");
  spec_.submit_required = {"../secret.hpp"};
  ExpectRefused({"../secret.hpp", "not a plain file name"});
}

TEST_F(WorkspaceTest, RefusesSubmitNameWithSlash) {
  fs::create_directory(submission_ / "src");
  WriteFile(submission_ / "src" / "counter.hpp", "class Counter {};\n");
  spec_.submit_optional = {"src/counter.hpp"};
  WriteFile(submission_ / "counter.hpp", "class Counter {};\n");
  ExpectRefused({"src/counter.hpp", "not a plain file name"});
}

TEST_F(WorkspaceTest, SubmissionFolderThatDoesNotExistIsInputError) {
  submission_ = temp_ / "no-such-folder";
  ExpectRefused({submission_.string(), "not a folder"});
}

TEST_F(WorkspaceTest, SubmissionFolderThatIsAFileIsInputError) {
  WriteFile(temp_ / "counter.hpp", "class Counter {};\n");
  submission_ = temp_ / "counter.hpp";
  ExpectRefused({submission_.string(), "not a folder"});
}

TEST_F(WorkspaceTest, NeverModifiesSubmissionFolder) {
  WriteFile(submission_ / "counter.hpp", "class Counter {};\n");
  WriteFile(submission_ / "notes.md", "notes\n");
  WriteFile(submission_ / "main.cpp", "int main() {}\n");
  fs::permissions(submission_ / "counter.hpp", fs::perms::owner_read);
  fs::create_directory(submission_ / "build");
  WriteFile(submission_ / "build" / "a.out", "binary");
  fs::create_symlink("/etc/passwd", submission_ / "link");
  const auto before = Snapshot(submission_);
  ASSERT_EQ(before.size(), 6u);

  {
    Workspace ws = Create();
    WriteFile(ws.Root() / "notes.md", "changed in the workspace\n");
    WriteFile(ws.GraderDir() / "log.txt", "harness output\n");
  }
  EXPECT_EQ(Snapshot(submission_), before);

  spec_.submit_optional = {"link"};  // refused: the symlink must survive that too
  EXPECT_THROW(Create(), InputError);
  EXPECT_EQ(Snapshot(submission_), before);
}

TEST_F(WorkspaceTest, ListsIgnoredFilesButNotFolders) {
  WriteFile(submission_ / "counter.hpp", "class Counter {};\n");
  WriteFile(submission_ / "notes.md", "notes\n");
  WriteFile(submission_ / "main.cpp", "int main() {}\n");
  WriteFile(submission_ / "a.out", "binary");
  WriteFile(submission_ / ".clang-format", "BasedOnStyle: Google\n");
  fs::create_directory(submission_ / "build");
  WriteFile(submission_ / "build" / "counter.o", "object");

  Workspace ws = Create();

  EXPECT_EQ(ws.IgnoredFiles(), (Names{".clang-format", "a.out", "main.cpp"}));
  EXPECT_EQ(EntryNames(ws.Root()), (Names{".grader", "counter.hpp", "notes.md"}));
}

TEST_F(WorkspaceTest, ListsIgnoredSymlinkWithoutRefusingIt) {
  WriteFile(submission_ / "counter.hpp", "class Counter {};\n");
  fs::create_symlink("/etc/passwd", submission_ / "passwd");

  Workspace ws = Create();

  EXPECT_EQ(ws.IgnoredFiles(), (Names{"passwd"}));
  EXPECT_FALSE(fs::exists(fs::symlink_status(ws.Root() / "passwd")));
}

TEST_F(WorkspaceTest, DestructorRemovesFolder) {
  WriteFile(submission_ / "counter.hpp", "class Counter {};\n");
  fs::path root;
  {
    Workspace ws = Create();
    root = ws.Root();
    WriteFile(ws.GraderDir() / "program", "built");
    ASSERT_TRUE(fs::is_directory(root));
  }
  EXPECT_FALSE(fs::exists(root));
  EXPECT_TRUE(EntryNames(parent_).empty());
}

TEST_F(WorkspaceTest, KeepLeavesFolderInPlace) {
  WriteFile(submission_ / "counter.hpp", "class Counter {};\n");
  fs::path root;
  {
    Workspace ws = Create();
    ws.Keep();
    root = ws.Root();
  }
  EXPECT_EQ(ReadFile(root / "counter.hpp"), "class Counter {};\n");
  EXPECT_TRUE(fs::is_directory(root / ".grader"));
}

TEST_F(WorkspaceTest, MovedWorkspaceBelongsToItsNewOwner) {
  WriteFile(submission_ / "counter.hpp", "class Counter {};\n");
  fs::path root;
  {
    Workspace original = Create();
    root = original.Root();
    Workspace moved(std::move(original));
    EXPECT_EQ(moved.Root(), root);
    EXPECT_EQ(moved.SubmittedFiles(), (Names{"counter.hpp"}));
    moved.Keep();
  }  // the moved-from workspace must not remove what the kept one owns
  EXPECT_TRUE(fs::is_regular_file(root / "counter.hpp"));

  {
    Workspace original = Create();
    root = original.Root();
    Workspace moved(std::move(original));
  }
  EXPECT_FALSE(fs::exists(root));
}

TEST_F(WorkspaceTest, CopiedFilesAreReadableAndWritableByOwner) {
  WriteFile(submission_ / "counter.hpp", "class Counter {};\n");
  fs::permissions(submission_ / "counter.hpp", fs::perms::owner_read);

  Workspace ws = Create();

  const fs::perms perms = fs::status(ws.Root() / "counter.hpp").permissions();
  EXPECT_NE(perms & fs::perms::owner_read, fs::perms::none);
  EXPECT_NE(perms & fs::perms::owner_write, fs::perms::none);
  EXPECT_EQ(perms & (fs::perms::group_write | fs::perms::others_write), fs::perms::none);
  EXPECT_EQ(ReadFile(ws.Root() / "counter.hpp"), "class Counter {};\n");
}

}  // namespace
}  // namespace grader
