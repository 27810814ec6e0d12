// Which files of an archive are an exercise's submission: the named-folder rule, the
// loose-files rule, depth, ambiguity and the reasons given when an exercise is skipped.
#include "intake/exercise_files.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "intake_test_support.h"

namespace grader {
namespace {

using intake_test::Exercise;

class ExerciseFilesTest : public ::testing::Test {
 protected:
  void AddFile(const std::string& path) { tree_.files.push_back({path, "// " + path + "\n"}); }

  std::vector<ExerciseMatch> Match() { return MatchExercises(tree_, exercises_); }

  static std::vector<std::string> Paths(const ExerciseMatch& match) {
    std::vector<std::string> paths;
    for (const TreeFile* file : match.files) paths.push_back(file->path);
    return paths;
  }

  SubmissionTree tree_;
  std::vector<ExerciseSpec> exercises_ = {
      Exercise("counter", {"counter.hpp"}),
      Exercise("process_pool", {"process_pool.hpp", "process_pool.cpp"}, {"NOTES.md"}),
      Exercise("sum", {"sum.cpp"}),
  };
};

TEST_F(ExerciseFilesTest, FolderNamedAfterTheExerciseAtAnyDepthUpToThree) {
  AddFile("hw3/part1/counter/counter.hpp");
  AddFile("hw3/part1/counter/main.cpp");
  const auto matches = Match();
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].exercise, "counter");
  EXPECT_EQ(matches[0].outcome, MatchOutcome::kFound);
  EXPECT_EQ(matches[0].folder, "hw3/part1/counter");
  EXPECT_EQ(Paths(matches[0]), std::vector<std::string>{"hw3/part1/counter/counter.hpp"});
}

TEST_F(ExerciseFilesTest, FilesDeeperThanTheLimitAreNotMatched) {
  AddFile("a/b/c/counter/counter.hpp");  // the folder is 4 deep
  EXPECT_TRUE(Match().empty());
}

TEST_F(ExerciseFilesTest, LooseRequiredFilesTogetherInOneFolder) {
  AddFile("my work/process_pool.hpp");
  AddFile("my work/process_pool.cpp");
  AddFile("my work/NOTES.md");
  AddFile("counter.hpp");
  const auto matches = Match();
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].exercise, "counter");
  EXPECT_EQ(matches[0].folder, "");
  EXPECT_EQ(matches[1].exercise, "process_pool");
  EXPECT_EQ(matches[1].outcome, MatchOutcome::kFound);
  EXPECT_EQ(Paths(matches[1]), (std::vector<std::string>{"my work/process_pool.hpp",
                                                         "my work/process_pool.cpp",
                                                         "my work/NOTES.md"}));
}

TEST_F(ExerciseFilesTest, NamedFolderWinsOverLooseCopies) {
  AddFile("counter.hpp");
  AddFile("old/counter.hpp");
  AddFile("hw/counter/counter.hpp");
  const auto matches = Match();
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].folder, "hw/counter");
}

TEST_F(ExerciseFilesTest, LeastDeepFolderWinsAndEqualDepthIsAmbiguous) {
  AddFile("counter.hpp");
  AddFile("backup/counter.hpp");
  auto matches = Match();
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].folder, "");

  tree_ = {};
  AddFile("a/counter/counter.hpp");
  AddFile("b/counter/counter.hpp");
  matches = Match();
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].outcome, MatchOutcome::kSkipped);
  EXPECT_NE(matches[0].reason.find("ambiguous: both 'a/counter/' and 'b/counter/'"),
            std::string::npos) << matches[0].reason;
}

TEST_F(ExerciseFilesTest, NamedFolderMissingARequiredFileIsSkipped) {
  AddFile("process_pool/process_pool.hpp");
  AddFile("src/process_pool.cpp");
  const auto matches = Match();
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].outcome, MatchOutcome::kSkipped);
  EXPECT_EQ(matches[0].reason, "'process_pool/' has no process_pool.cpp");
}

TEST_F(ExerciseFilesTest, RequiredFilesSplitOverFoldersAreSkippedNamingThem) {
  AddFile("include/process_pool.hpp");
  AddFile("src/process_pool.cpp");
  const auto matches = Match();
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].outcome, MatchOutcome::kSkipped);
  EXPECT_EQ(matches[0].reason,
            "no folder holds all of process_pool.hpp, process_pool.cpp (found: "
            "include/process_pool.hpp, src/process_pool.cpp)");
}

TEST_F(ExerciseFilesTest, OptionalFilesAloneAreNoTrace) {
  AddFile("NOTES.md");
  EXPECT_TRUE(Match().empty());
}

TEST_F(ExerciseFilesTest, FolderNamedAfterAnotherExerciseIsNotLooseFiles) {
  AddFile("counter/counter.hpp");
  AddFile("counter/sum.cpp");  // a helper of counter, not the sum exercise
  const auto matches = Match();
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].exercise, "counter");
}

TEST_F(ExerciseFilesTest, FolderHoldingTwoExercisesSharingANameIsAmbiguous) {
  exercises_ = {Exercise("sum", {"sum.cpp"}), Exercise("fast_sum", {"sum.cpp", "fast.hpp"})};
  AddFile("hw/sum.cpp");
  AddFile("hw/fast.hpp");
  const auto matches = Match();
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].outcome, MatchOutcome::kSkipped);
  EXPECT_EQ(matches[0].reason, "ambiguous: 'hw/' holds the files of both sum and fast_sum");
  EXPECT_EQ(matches[1].outcome, MatchOutcome::kSkipped);
}

TEST_F(ExerciseFilesTest, FolderHoldingTwoExercisesWithDistinctFilesGivesBoth) {
  AddFile("counter.hpp");
  AddFile("sum.cpp");
  const auto matches = Match();
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].outcome, MatchOutcome::kFound);
  EXPECT_EQ(matches[1].outcome, MatchOutcome::kFound);
}

TEST_F(ExerciseFilesTest, RefusedRequiredEntryIsTheReasonGiven) {
  tree_.refused.push_back({"hw3/counter/counter.hpp", "symbolic link (links are never followed)"});
  auto matches = Match();
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].outcome, MatchOutcome::kSkipped);
  EXPECT_EQ(matches[0].reason,
            "no usable counter.hpp; counter.hpp: entry 'hw3/counter/counter.hpp' refused: "
            "symbolic link (links are never followed)");

  tree_ = {};
  AddFile("process_pool/process_pool.hpp");
  tree_.refused.push_back({"process_pool/process_pool.cpp", "encrypted"});
  matches = Match();
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].reason,
            "'process_pool/' has no process_pool.cpp; process_pool.cpp: entry "
            "'process_pool/process_pool.cpp' refused: encrypted");
}

}  // namespace
}  // namespace grader
