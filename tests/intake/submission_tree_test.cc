// TreeBuilder: the entry rules both readers share, driven without any archive.
#include "intake/submission_tree.h"

#include <string>

#include <gtest/gtest.h>

#include "common/error.h"

namespace grader {
namespace {

class TreeBuilderTest : public ::testing::Test {
 protected:
  TreeBuilderTest() : builder_("hw.zip", {"counter.hpp"}, Limits()) {}

  static ImportLimits Limits() {
    ImportLimits limits;
    limits.max_file_size = 100;
    limits.max_total_size = 1000;
    limits.max_entries = 10;
    return limits;
  }

  // Adds a regular file whose reader returns `contents` cut at the cap it is given.
  void AddFile(const std::string& path, const std::string& contents,
               std::optional<std::uint64_t> declared = std::nullopt) {
    builder_.Add(path, EntryKind::kFile, declared.value_or(contents.size()), false,
                 [&](std::uint64_t cap) {
                   last_cap_ = cap;
                   return EntryContents{contents.substr(0, cap), ""};
                 });
  }

  TreeBuilder builder_;
  std::uint64_t last_cap_ = 0;
};

TEST_F(TreeBuilderTest, BackslashesAndDotsAreNormalised) {
  AddFile(".\\hw3\\\\counter.hpp", "a");
  AddFile("./x/./counter.hpp", "b");
  const SubmissionTree tree = std::move(builder_).Finish();
  ASSERT_EQ(tree.files.size(), 2u);
  EXPECT_EQ(tree.files[0].path, "hw3/counter.hpp");
  EXPECT_EQ(tree.files[1].path, "x/counter.hpp");
  EXPECT_TRUE(tree.refused.empty());
}

TEST_F(TreeBuilderTest, EscapingPathsAreRefused) {
  for (const char* path : {"..\\counter.hpp", "a/../../counter.hpp", "/counter.hpp",
                           "\\\\server\\share\\counter.hpp", "c:counter.hpp"}) {
    AddFile(path, "x");
  }
  const SubmissionTree tree = std::move(builder_).Finish();
  EXPECT_TRUE(tree.files.empty());
  ASSERT_EQ(tree.refused.size(), 5u);
  EXPECT_EQ(tree.refused[0].reason, "path with '..' (entries must stay inside the archive)");
  EXPECT_EQ(tree.refused[2].reason, "absolute path (entries must stay inside the archive)");
  EXPECT_EQ(tree.refused[3].reason, "absolute path (entries must stay inside the archive)");
  EXPECT_EQ(tree.refused[4].reason, "absolute path (entries must stay inside the archive)");
}

TEST_F(TreeBuilderTest, ReadingStopsPastTheLimitWhateverTheDeclaredSize) {
  // A header that claims 10 bytes in front of data that goes on and on.
  AddFile("counter.hpp", std::string(5000, 'x'), 10);
  EXPECT_EQ(last_cap_, 101u);
  const SubmissionTree tree = std::move(builder_).Finish();
  EXPECT_TRUE(tree.files.empty());
  ASSERT_EQ(tree.refused.size(), 1u);
  EXPECT_EQ(tree.refused[0].reason, "larger than 100B uncompressed (--max-file-size)");
}

TEST_F(TreeBuilderTest, UnwantedNamesAreNeverRead) {
  bool read = false;
  builder_.Add("notes.txt", EntryKind::kFile, 5, false, [&](std::uint64_t) {
    read = true;
    return EntryContents{};
  });
  EXPECT_FALSE(read);
  EXPECT_EQ(std::move(builder_).Finish().other_files, 1u);
}

TEST_F(TreeBuilderTest, DuplicatePathKeepsTheFirst) {
  AddFile("hw/counter.hpp", "first");
  AddFile("hw//counter.hpp", "second");
  const SubmissionTree tree = std::move(builder_).Finish();
  ASSERT_EQ(tree.files.size(), 1u);
  EXPECT_EQ(tree.files[0].contents, "first");
  ASSERT_EQ(tree.refused.size(), 1u);
  EXPECT_EQ(tree.refused[0].reason, "a second entry with the same path (the first one counts)");
}

TEST_F(TreeBuilderTest, ReadErrorRefusesTheEntry) {
  builder_.Add("counter.hpp", EntryKind::kFile, 5, false,
               [](std::uint64_t) { return EntryContents{"", "CRC mismatch"}; });
  const SubmissionTree tree = std::move(builder_).Finish();
  ASSERT_EQ(tree.refused.size(), 1u);
  EXPECT_EQ(tree.refused[0].reason, "cannot be read: CRC mismatch");
}

TEST_F(TreeBuilderTest, ArchiveLimitsThrowNamingTheEntry) {
  for (int i = 0; i < 10; ++i) AddFile("f" + std::to_string(i), "");
  try {
    AddFile("eleventh", "");
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "hw.zip: entry 'eleventh': more than 10 entries (--max-entries)");
  }
  TreeBuilder sized("hw.zip", {}, Limits());
  sized.Add("a", EntryKind::kFile, 600, false, nullptr);
  EXPECT_THROW(sized.Add("b", EntryKind::kFile, 401, false, nullptr), InputError);
}

TEST_F(TreeBuilderTest, ControlCharactersInNamesAreShownAsQuestionMarks) {
  builder_.Add("evil\x1b[2J/link", EntryKind::kSymlink, 0, false, nullptr);
  const SubmissionTree tree = std::move(builder_).Finish();
  ASSERT_EQ(tree.refused.size(), 1u);
  EXPECT_EQ(tree.refused[0].entry, "evil?[2J/link");
}

}  // namespace
}  // namespace grader
