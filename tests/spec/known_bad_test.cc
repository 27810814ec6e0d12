#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "common/error.h"
#include "spec/spec_loader.h"
#include "spec/solution_cases.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(GRADER_TEST_DATA) / "corpus";

// The message LoadKnownBadCases throws for the cases in corpus/known_bad/<name>/, with that
// folder written as {dir}.
std::string KnownBadError(std::string_view name) {
  ExerciseSpec spec;
  spec.known_bad = kCorpus / "known_bad" / name;
  try {
    LoadKnownBadCases(spec);
  } catch (const InputError& error) {
    std::string message = error.what();
    const std::string dir = spec.known_bad.string();
    if (message.starts_with(dir)) message.replace(0, dir.size(), "{dir}");
    return message;
  }
  return "no error";
}

TEST(KnownBadTest, LoadsCasesSortedByName) {
  const ExerciseSpec spec = LoadSpec(kCorpus / "valid/echo/spec.yaml");
  const std::vector<KnownBadCase> cases = LoadKnownBadCases(spec);
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].name, "alpha-overflow");
  EXPECT_EQ(cases[0].dir, spec.known_bad / "alpha-overflow");
  EXPECT_EQ(cases[0].expected, Verdict::kWrongAnswer);
  EXPECT_EQ(cases[0].why, "adds as int, so large sums overflow");
  EXPECT_EQ(cases[1].name, "beta-sleep");
  EXPECT_EQ(cases[1].expected, Verdict::kTimeLimit);
}

TEST(KnownBadTest, IgnoresLooseFilesAndHiddenFolders) {
  const ExerciseSpec spec = LoadSpec(kCorpus / "valid/echo/spec.yaml");
  ASSERT_TRUE(fs::exists(spec.known_bad / "README.md"));
  ASSERT_TRUE(fs::is_directory(spec.known_bad / ".hidden"));
  for (const KnownBadCase& known_bad : LoadKnownBadCases(spec)) {
    EXPECT_NE(known_bad.name, "README.md");
    EXPECT_NE(known_bad.name, ".hidden");
  }
}

TEST(KnownBadTest, DropsTheNewlineThatEndsABlockScalar) {
  const ExerciseSpec spec = LoadSpec(kCorpus / "valid/echo/spec.yaml");
  EXPECT_EQ(LoadKnownBadCases(spec).at(1).why, "sleeps for a minute before answering");
}

TEST(KnownBadTest, NoKnownBadFolderMeansNoCases) {
  EXPECT_TRUE(LoadKnownBadCases(LoadSpec(kCorpus / "valid/minimal/spec.yaml")).empty());
}

TEST(KnownBadTest, RefusesVerdictOk) {
  EXPECT_EQ(KnownBadError("verdict_ok"),
            "{dir}/case/expected.yaml:1:10: 'verdict' cannot be 'ok': a known-bad submission "
            "must earn a verdict that fails it");
}

TEST(KnownBadTest, RefusesVerdictInternalError) {
  EXPECT_EQ(KnownBadError("verdict_internal_error"),
            "{dir}/case/expected.yaml:1:10: 'verdict' cannot be 'internal-error': a known-bad "
            "submission must earn a verdict that fails it");
}

TEST(KnownBadTest, SuggestsTheVerdictMeant) {
  EXPECT_EQ(KnownBadError("verdict_misspelt"),
            "{dir}/case/expected.yaml:1:10: 'verdict' must be wrong-answer, data-race, "
            "deadlock, time-limit, runtime-error, memory-limit, output-limit, compile-error, "
            "too-slow or forbidden, not 'wrong_answer' (did you mean 'wrong-answer'?)");
}

TEST(KnownBadTest, RequiresWhy) {
  EXPECT_EQ(KnownBadError("missing_why"), "{dir}/case/expected.yaml:1:1: missing key 'why'");
}

TEST(KnownBadTest, RequiresWhyOnOneLine) {
  EXPECT_EQ(KnownBadError("multiline_why"),
            "{dir}/case/expected.yaml:2:6: 'why' must be one line");
}

TEST(KnownBadTest, RejectsUnknownKeys) {
  EXPECT_EQ(KnownBadError("unknown_key"),
            "{dir}/case/expected.yaml:3:1: unknown key 'reason'");
}

TEST(KnownBadTest, ACaseWithoutExpectedYamlIsNamed) {
  EXPECT_EQ(KnownBadError("no_expected_yaml"),
            "{dir}/case: known-bad case 'case' has no expected.yaml (it needs 'verdict' and "
            "'why')");
}

TEST(KnownBadTest, ReportsYamlSyntaxErrorsWithTheirPosition) {
  EXPECT_EQ(KnownBadError("yaml_syntax"),
            "{dir}/case/expected.yaml:2:4: YAML syntax error: end of sequence flow not found");
}

}  // namespace
}  // namespace grader
