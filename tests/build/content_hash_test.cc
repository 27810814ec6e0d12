// ContentHash: the build cache's keys. Equal inputs must give equal keys, and every change
// that could change a compiled object must change the key.
#include "build/content_hash.h"

#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "build_test_util.h"
#include "common/error.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::WriteFile;

TEST(ContentHashTest, HexIsThirtyTwoLowercaseHexDigits) {
  const std::string hex = ContentHash().Add("counter").Hex();
  ASSERT_EQ(hex.size(), 32u);
  for (char c : hex) EXPECT_TRUE(std::isxdigit(c) && !std::isupper(c)) << hex;
}

TEST(ContentHashTest, EqualInputsGiveEqualHex) {
  EXPECT_EQ(ContentHash().Add("g++ 12").Add("c++20").Hex(),
            ContentHash().Add("g++ 12").Add("c++20").Hex());
}

TEST(ContentHashTest, DifferentInputsGiveDifferentHex) {
  EXPECT_NE(ContentHash().Add("c++20").Hex(), ContentHash().Add("c++17").Hex());
  EXPECT_NE(ContentHash().Add("-O1").Hex(), ContentHash().Add("-O2").Hex());
}

TEST(ContentHashTest, LengthPrefixSeparatesPieces) {
  EXPECT_NE(ContentHash().Add("ab").Add("c").Hex(), ContentHash().Add("a").Add("bc").Hex());
  EXPECT_NE(ContentHash().Add("abc").Hex(), ContentHash().Add("ab").Add("c").Hex());
}

TEST(ContentHashTest, EmptyPieceStillCounts) {
  EXPECT_NE(ContentHash().Add("").Hex(), ContentHash().Hex());
  EXPECT_NE(ContentHash().Add("a").Add("").Hex(), ContentHash().Add("").Add("a").Hex());
}

TEST(ContentHashTest, OrderOfPiecesMatters) {
  EXPECT_NE(ContentHash().Add("a").Add("b").Hex(), ContentHash().Add("b").Add("a").Hex());
}

TEST(ContentHashTest, AddFileHashesNameAndContents) {
  TempDir dir;
  WriteFile(dir.path() / "a" / "driver.cpp", "int x;\n");
  WriteFile(dir.path() / "b" / "driver.cpp", "int x;\n");
  WriteFile(dir.path() / "b" / "other.cpp", "int x;\n");
  WriteFile(dir.path() / "c" / "driver.cpp", "int y;\n");
  const auto hex = [&](const fs::path& file) { return ContentHash().AddFile(file).Hex(); };

  EXPECT_EQ(hex(dir.path() / "a" / "driver.cpp"), hex(dir.path() / "b" / "driver.cpp"));
  EXPECT_NE(hex(dir.path() / "b" / "driver.cpp"), hex(dir.path() / "b" / "other.cpp"));
  EXPECT_NE(hex(dir.path() / "a" / "driver.cpp"), hex(dir.path() / "c" / "driver.cpp"));
}

TEST(ContentHashTest, AddFileOfMissingFileThrowsInternalError) {
  TempDir dir;
  EXPECT_THROW(ContentHash().AddFile(dir.path() / "missing.cpp"), InternalError);
}

class ContentHashTreeTest : public ::testing::Test {
 protected:
  std::string TreeHex(const fs::path& dir) { return ContentHash().AddTree(dir).Hex(); }

  TempDir temp_;
  const fs::path first_ = temp_.path() / "first";
  const fs::path second_ = temp_.path() / "second";
};

TEST_F(ContentHashTreeTest, IndependentOfCreationOrder) {
  WriteFile(first_ / "adapter.h", "int Add(int, int);\n");
  WriteFile(first_ / "util" / "b.h", "b\n");
  WriteFile(first_ / "util" / "a.h", "a\n");
  WriteFile(second_ / "util" / "a.h", "a\n");
  WriteFile(second_ / "util" / "b.h", "b\n");
  WriteFile(second_ / "adapter.h", "int Add(int, int);\n");

  EXPECT_EQ(TreeHex(first_), TreeHex(second_));
}

// The documented order, pinned: every file's relative name and then the file itself, sorted
// by relative name. Twenty files created in reverse make any other order show.
TEST_F(ContentHashTreeTest, HashesFilesSortedByRelativeName) {
  std::vector<std::string> names;
  for (int i = 0; i < 20; ++i) names.push_back(fmt::format("f{:02}.h", i));
  for (auto it = names.rbegin(); it != names.rend(); ++it) {
    WriteFile(first_ / "sub" / *it, "contents of " + *it);
  }
  WriteFile(first_ / "top.h", "top");

  ContentHash expected;
  for (const auto& name : names) {
    expected.Add("sub/" + name).AddFile(first_ / "sub" / name);
  }
  expected.Add("top.h").AddFile(first_ / "top.h");
  EXPECT_EQ(TreeHex(first_), expected.Hex());
}

TEST_F(ContentHashTreeTest, SensitiveToContentOfOneFile) {
  WriteFile(first_ / "util" / "a.h", "a\n");
  WriteFile(second_ / "util" / "a.h", "a \n");
  EXPECT_NE(TreeHex(first_), TreeHex(second_));
}

TEST_F(ContentHashTreeTest, SensitiveToNameOfOneFile) {
  WriteFile(first_ / "util" / "a.h", "a\n");
  WriteFile(second_ / "util" / "b.h", "a\n");
  EXPECT_NE(TreeHex(first_), TreeHex(second_));
}

TEST_F(ContentHashTreeTest, SensitiveToFolderOfOneFile) {
  WriteFile(first_ / "util" / "a.h", "a\n");
  WriteFile(second_ / "detail" / "a.h", "a\n");
  EXPECT_NE(TreeHex(first_), TreeHex(second_));
}

TEST_F(ContentHashTreeTest, SensitiveToAddedFile) {
  WriteFile(first_ / "a.h", "a\n");
  WriteFile(second_ / "a.h", "a\n");
  const std::string before = TreeHex(second_);
  WriteFile(second_ / "b.h", "");
  EXPECT_EQ(TreeHex(first_), before);
  EXPECT_NE(TreeHex(second_), before);
}

TEST_F(ContentHashTreeTest, StableWhenNothingChanges) {
  WriteFile(first_ / "a.h", "a\n");
  EXPECT_EQ(TreeHex(first_), TreeHex(first_));
}

}  // namespace
}  // namespace grader
