// Student ids from the names of a course export's files: deterministic, filesystem-safe.
#include "intake/student_id.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace grader {
namespace {

struct IdCase {
  std::string input;
  std::string id;
};

TEST(StudentIdTest, SafeStudentIdKeepsOnlySafeCharacters) {
  const std::vector<IdCase> cases = {
      {"jdoe", "jdoe"},
      {"JDoe", "jdoe"},
      {"Jane Doe", "jane-doe"},
      {"Jane   Doe", "jane-doe"},
      {"o'brien, pat", "o-brien-pat"},
      {"a_b.c-d", "a_b.c-d"},
      {".hidden", "hidden"},
      {"..", ""},
      {"-rf", "rf"},
      {"___", ""},
      {"name.", "name"},
      {"x/../../etc", "x-..-..-etc"},
      {"a\\b", "a-b"},
      {"tab\there", "tab-here"},
      {"", ""},
  };
  for (const auto& [input, id] : cases) EXPECT_EQ(SafeStudentId(input), id) << input;
}

TEST(StudentIdTest, SafeStudentIdWritesLatinLettersWithoutAccents) {
  EXPECT_EQ(SafeStudentId("José García"), "jose-garcia");
  EXPECT_EQ(SafeStudentId("Jürgen Groß"), "jurgen-gross");
  EXPECT_EQ(SafeStudentId("Łukasz Żółć"), "lukasz-zolc");
  EXPECT_EQ(SafeStudentId("Ærøskøbing"), "aeroskobing");
  EXPECT_EQ(SafeStudentId("Dvořák"), "dvorak");
  EXPECT_EQ(SafeStudentId("Œuvre"), "oeuvre");
}

TEST(StudentIdTest, SafeStudentIdReplacesOtherScriptsAndInvalidUtf8) {
  EXPECT_EQ(SafeStudentId("李 Wei"), "wei");
  EXPECT_EQ(SafeStudentId("an\xff\xfe" "a"), "an-a");
  EXPECT_EQ(SafeStudentId("cut\xc3"), "cut");  // a truncated sequence
  EXPECT_EQ(SafeStudentId("a×b"), "a-b");      // U+00D7 is not a letter
}

TEST(StudentIdTest, SafeStudentIdIsAtMostTheMaximumLength) {
  const std::string id = SafeStudentId(std::string(500, 'a'));
  EXPECT_EQ(id.size(), kMaxStudentIdLength);
}

TEST(StudentIdTest, ArchiveNamesOfMoodleCanvasAndPlainFiles) {
  const std::vector<IdCase> cases = {
      {"Jane Doe_12345_assignsubmission_file_hw3.zip", "jane-doe_12345"},
      {"Jane Doe_12345_assignsubmission_file_.zip", "jane-doe_12345"},
      {"José García_7_assignsubmission_file_x.ZIP", "jose-garcia_7"},
      {"doejane_4711_9001_hw3.zip", "doejane_4711"},
      {"doejane_late_4711_9001_hw3-1.zip", "doejane_4711"},
      {"doejane_LATE_4711_9001_hw3.zip", "doejane_4711"},
      {"jdoe.zip", "jdoe"},
      {"JDoe.ZIP", "jdoe"},
      {"jdoe_2.zip", "jdoe_2"},
      {"hw3 (1).zip", "hw3-1"},
      {"..zip", ""},
  };
  for (const auto& [input, id] : cases) EXPECT_EQ(StudentIdFromArchiveName(input), id) << input;
}

TEST(StudentIdTest, ArchiveNameKeepsTheNumberWhenTheNameIsLong) {
  const std::string id =
      StudentIdFromArchiveName(std::string(300, 'x') + "_12345_assignsubmission_file_a.zip");
  EXPECT_EQ(id.size(), kMaxStudentIdLength);
  EXPECT_TRUE(id.ends_with("_12345")) << id;
}

TEST(StudentIdTest, ClassroomPrefixIsTheLongestCommonPrefixEndingInDash) {
  EXPECT_EQ(ClassroomPrefix({"hw3-queue-alice", "hw3-queue-bob", "hw3-queue-carol"}, "x", ""),
            "hw3-queue-");
  EXPECT_EQ(ClassroomPrefix({"hw3-ab", "hw3-abc"}, "x", ""), "hw3-");
  EXPECT_EQ(ClassroomPrefix({"alice", "bob"}, "x", ""), "");
}

TEST(StudentIdTest, ClassroomPrefixComesFromTheSubmissionsFolderName) {
  // One repository has no common prefix, and "jane-doe" holds a '-' itself.
  EXPECT_EQ(ClassroomPrefix({"hw3-jane-doe"}, "hw3-submissions", ""), "hw3-");
  EXPECT_EQ(ClassroomPrefix({"hw3-jane-doe", "hw3-jane-smith"}, "hw3-submissions", ""), "hw3-");
  EXPECT_EQ(ClassroomPrefix({"hw3-jane-doe"}, "repos", ""), "");
  // A folder name that does not fit every repository is not used.
  EXPECT_EQ(ClassroomPrefix({"hw3-a", "lab-b"}, "hw3-submissions", ""), "");
}

TEST(StudentIdTest, ClassroomPrefixGivenWinsAndGetsItsDash) {
  EXPECT_EQ(ClassroomPrefix({"hw3-jane-doe", "hw3-jane-smith"}, "x", "hw3"), "hw3-");
  EXPECT_EQ(ClassroomPrefix({"hw3-jane-doe"}, "x", "hw3-"), "hw3-");
}

TEST(StudentIdTest, RepositoryNameGivesTheLowercaseUsername) {
  EXPECT_EQ(StudentIdFromRepositoryName("hw3-JaneDoe", "hw3-"), "janedoe");
  EXPECT_EQ(StudentIdFromRepositoryName("hw3-jane-doe", "hw3-"), "jane-doe");
  EXPECT_EQ(StudentIdFromRepositoryName("lab-jane", "hw3-"), "");
  EXPECT_EQ(StudentIdFromRepositoryName("hw3-", "hw3-"), "");
}

}  // namespace
}  // namespace grader
