// Known-good cases: other correct submissions, each graded on the tests its expected.yaml
// names (all when it names none), read as strictly as the spec.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/error.h"
#include "spec/solution_cases.h"
#include "spec/spec_loader.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(GRADER_TEST_DATA) / "corpus";

// The message LoadKnownGoodCases throws for corpus/known_good/<name>/ under the echo_good
// spec, with that folder written as {dir}.
std::string KnownGoodError(std::string_view name) {
  ExerciseSpec spec = LoadSpec(kCorpus / "valid/echo_good/spec.yaml");
  spec.known_good = kCorpus / "known_good" / name;
  try {
    LoadKnownGoodCases(spec);
  } catch (const InputError& error) {
    std::string message = error.what();
    const std::string dir = spec.known_good.string();
    if (message.starts_with(dir)) message.replace(0, dir.size(), "{dir}");
    const std::string spec_file = spec.file.string();
    if (const auto at = message.find(spec_file); at != std::string::npos) {
      message.replace(at, spec_file.size(), "{spec}");
    }
    return message;
  }
  return "no error";
}

TEST(KnownGoodTest, LoadsCasesSortedByNameWithTheirTests) {
  const ExerciseSpec spec = LoadSpec(kCorpus / "valid/echo_good/spec.yaml");
  const std::vector<KnownGoodCase> cases = LoadKnownGoodCases(spec);

  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].name, "all-tests");
  EXPECT_TRUE(cases[0].tests.empty());
  EXPECT_EQ(cases[1].name, "library-version");
  EXPECT_EQ(cases[1].dir, spec.known_good / "library-version");
  EXPECT_EQ(cases[1].tests, std::vector<std::string>{"second"});
  EXPECT_EQ(cases[1].why, "a second way to echo, checked on the second test only");
}

TEST(KnownGoodTest, NoKnownGoodFolderMeansNoCases) {
  EXPECT_TRUE(LoadKnownGoodCases(LoadSpec(kCorpus / "valid/minimal/spec.yaml")).empty());
}

TEST(KnownGoodTest, AnUnknownTestIsNamedWithTheSpecsTests) {
  EXPECT_EQ(KnownGoodError("unknown_test"),
            "{dir}/case/expected.yaml:1:16: no test named 'thrid' in {spec} (its tests: first, "
            "second)");
}

TEST(KnownGoodTest, ATestListedTwiceIsAnError) {
  EXPECT_EQ(KnownGoodError("duplicate_test"),
            "{dir}/case/expected.yaml:1:16: test 'first' is listed twice");
}

TEST(KnownGoodTest, AnEmptyTestListIsAnError) {
  EXPECT_EQ(KnownGoodError("empty_tests"),
            "{dir}/case/expected.yaml:1:8: 'tests' is empty: leave it out to grade every test");
}

TEST(KnownGoodTest, RequiresWhy) {
  EXPECT_EQ(KnownGoodError("missing_why"), "{dir}/case/expected.yaml:1:1: missing key 'why'");
}

TEST(KnownGoodTest, ACaseWithoutExpectedYamlIsNamed) {
  EXPECT_EQ(KnownGoodError("no_expected_yaml"),
            "{dir}/case: known-good case 'case' has no expected.yaml (it needs 'why', and "
            "'tests' unless all)");
}

}  // namespace
}  // namespace grader
