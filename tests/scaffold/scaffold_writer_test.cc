// Writing a new exercise: where its three folders go, the refusal to touch an existing one,
// and that a failure part-way leaves nothing behind.
#include "scaffold/scaffold_writer.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/error.h"
#include "scaffold_test_support.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using scaffold_test::Entries;
using scaffold_test::ReadFile;
using scaffold_test::ScratchDir;

class ScaffoldWriterTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE(root_.path().empty()); }

  const fs::path& root() const { return root_.path(); }

  // WriteScaffold's InputError message; fails the test when it wrote without one.
  std::string WriteExpectingError(const ScaffoldLayout& layout) {
    try {
      WriteScaffold(layout, "demo_ex", files_);
    } catch (const InputError& e) {
      return e.what();
    }
    ADD_FAILURE() << "no error";
    return "";
  }

  // No temporary folder of an unfinished write is left in the root.
  void ExpectNoStagingLeft() {
    for (const std::string& name : Entries(root())) {
      EXPECT_NE(name.rfind(".grader-new-", 0), 0u) << name << " left in " << root();
    }
  }

  ScratchDir root_;
  const std::vector<ScaffoldFile> files_ = ScaffoldFiles(MakeExerciseNames("demo_ex"));
};

TEST_F(ScaffoldWriterTest, WritesSpecsExercisesAndReferenceFoldersOfTheRoot) {
  WriteScaffold(ScaffoldLayout(root() / "specs"), "demo_ex", files_);
  EXPECT_EQ(Entries(root()), (std::vector<std::string>{"exercises", "reference", "specs"}));
  for (const ScaffoldFile& file : files_) {
    const fs::path folder = file.area == ScaffoldArea::kSpec       ? root() / "specs/demo_ex"
                            : file.area == ScaffoldArea::kExercise ? root() / "exercises/demo_ex"
                                                                   : root() / "reference/demo_ex";
    EXPECT_EQ(ReadFile(folder / file.path), file.text) << folder / file.path;
  }
  EXPECT_EQ(Entries(root() / "reference/demo_ex/bad"),
            (std::vector<std::string>{"add-then-read-apart", "unlocked-update"}));
  ExpectNoStagingLeft();
}

TEST_F(ScaffoldWriterTest, ASpecsFolderOfAnyNameGetsExercisesAndReferenceBesideIt) {
  fs::create_directory(root() / "course_specs");
  fs::create_directory(root() / "exercises");
  fs::create_directory(root() / "exercises/other");  // another exercise stays as it is
  WriteScaffold(ScaffoldLayout(root() / "course_specs/"), "demo_ex", files_);
  EXPECT_TRUE(fs::is_regular_file(root() / "course_specs/demo_ex/spec.yaml"));
  EXPECT_TRUE(fs::is_regular_file(root() / "exercises/demo_ex/demo_ex.hpp"));
  EXPECT_TRUE(fs::is_directory(root() / "exercises/other"));
  EXPECT_TRUE(fs::is_regular_file(root() / "reference/demo_ex/demo_ex.hpp"));
  EXPECT_EQ(Entries(root()), (std::vector<std::string>{"course_specs", "exercises", "reference"}));
}

TEST_F(ScaffoldWriterTest, LayoutNormalisesTheSpecsFolder) {
  const ScaffoldLayout layout(root() / "a/../specs/");
  EXPECT_EQ(layout.specs_dir(), root() / "specs");
  EXPECT_EQ(layout.root(), root());
  EXPECT_EQ(layout.Folder(ScaffoldArea::kSpec, "x"), root() / "specs/x");
  EXPECT_EQ(layout.Folder(ScaffoldArea::kExercise, "x"), root() / "exercises/x");
  EXPECT_EQ(layout.Folder(ScaffoldArea::kReference, "x"), root() / "reference/x");
}

// Each of the three folders, existing as a folder, a file or a dangling link, stops the
// write before anything is made, and the error names it.
TEST_F(ScaffoldWriterTest, RefusesWhenAnyOfTheThreeFoldersExistsAndWritesNothing) {
  const ScaffoldLayout layout(root() / "specs");
  for (const ScaffoldArea area : kScaffoldAreas) {
    for (const std::string kind : {"folder", "file", "dangling link"}) {
      SCOPED_TRACE(layout.Folder(area, "demo_ex").string() + " as a " + kind);
      fs::remove_all(root());
      fs::create_directory(root());
      const fs::path existing = layout.Folder(area, "demo_ex");
      fs::create_directories(existing.parent_path());
      if (kind == "folder") {
        fs::create_directory(existing);
        std::ofstream(existing / "mine.txt") << "an instructor's work\n";
      } else if (kind == "file") {
        std::ofstream(existing) << "an instructor's work\n";
      } else {
        fs::create_symlink(root() / "nowhere", existing);
      }
      const std::string message = WriteExpectingError(layout);
      EXPECT_EQ(message, existing.string() +
                             " already exists: `grader new` makes a new exercise and never "
                             "changes one; choose another name, or move it away");
      // Only what the test made: the other areas' folders were not created.
      EXPECT_EQ(Entries(root()), std::vector<std::string>{existing.parent_path().filename()});
      EXPECT_EQ(Entries(existing.parent_path()), std::vector<std::string>{"demo_ex"});
      if (kind == "folder") {
        EXPECT_EQ(Entries(existing), std::vector<std::string>{"mine.txt"});
      } else if (kind == "file") {
        EXPECT_EQ(ReadFile(existing), "an instructor's work\n");
      } else {
        EXPECT_TRUE(fs::is_symlink(existing));
      }
    }
  }
}

TEST_F(ScaffoldWriterTest, NamesEveryFolderThatExists) {
  const ScaffoldLayout layout(root() / "specs");
  fs::create_directories(root() / "specs/demo_ex");
  fs::create_directories(root() / "reference/demo_ex");
  EXPECT_EQ(WriteExpectingError(layout),
            (root() / "specs/demo_ex").string() + " and " +
                (root() / "reference/demo_ex").string() + " already exist: `grader new` makes a new exercise and never changes one; "
                "choose another name, or move them away");
  EXPECT_FALSE(fs::exists(root() / "exercises"));
}

TEST_F(ScaffoldWriterTest, ASecondWriteRefusesAndKeepsTheEditedExercise) {
  const ScaffoldLayout layout(root() / "specs");
  WriteScaffold(layout, "demo_ex", files_);
  std::ofstream(root() / "specs/demo_ex/spec.yaml", std::ios::app) << "# edited\n";
  const std::string edited = ReadFile(root() / "specs/demo_ex/spec.yaml");
  const std::string message = WriteExpectingError(layout);
  EXPECT_NE(message.find((root() / "specs/demo_ex").string()), std::string::npos) << message;
  EXPECT_EQ(ReadFile(root() / "specs/demo_ex/spec.yaml"), edited);
  ExpectNoStagingLeft();
}

// reference/ is a link to /proc, another file system: the specs and exercises folders are
// moved into place before rename(2) of the reference folder fails (EXDEV, also for root).
// Both are taken back, with the specs/ and exercises/ folders the write made for them.
TEST_F(ScaffoldWriterTest, AFailureWhileMovingIntoPlaceTakesBackWhatWasMoved) {
  fs::create_directory_symlink("/proc", root() / "reference");
  const std::string message = WriteExpectingError(ScaffoldLayout(root() / "specs"));
  EXPECT_NE(message.find((root() / "reference/demo_ex").string() +
                         ": cannot move the new exercise's folder there"),
            std::string::npos)
      << message;
  EXPECT_EQ(Entries(root()), std::vector<std::string>{"reference"});
  ExpectNoStagingLeft();
}

TEST_F(ScaffoldWriterTest, AFailureKeepsAreaFoldersThatExistedBefore) {
  fs::create_directories(root() / "specs/other");
  fs::create_directory(root() / "exercises");
  fs::create_directory_symlink("/proc", root() / "reference");
  WriteExpectingError(ScaffoldLayout(root() / "specs"));
  EXPECT_EQ(Entries(root()), (std::vector<std::string>{"exercises", "reference", "specs"}));
  EXPECT_EQ(Entries(root() / "specs"), std::vector<std::string>{"other"});
  EXPECT_TRUE(Entries(root() / "exercises").empty());
}

TEST_F(ScaffoldWriterTest, AMissingRootIsAnErrorNamingIt) {
  const std::string message = WriteExpectingError(ScaffoldLayout(root() / "no/such/specs"));
  EXPECT_NE(message.find((root() / "no/such").string() + ": cannot create a folder in it"),
            std::string::npos)
      << message;
  EXPECT_TRUE(Entries(root()).empty());
}

}  // namespace
}  // namespace grader
