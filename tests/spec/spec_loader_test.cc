#include "spec/spec_loader.h"
#include "spec/solution_cases.h"

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/error.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(GRADER_TEST_DATA) / "corpus";

ExerciseSpec LoadValid(std::string_view name) {
  return LoadSpec(kCorpus / "valid" / name / "spec.yaml");
}

// The message LoadSpec throws for `spec`, without the leading "<spec>:" (checked to be
// there) and with the corpus folder written as {corpus}.
std::string LoadError(const fs::path& spec) {
  try {
    LoadSpec(spec);
  } catch (const InputError& error) {
    std::string message = error.what();
    const std::string prefix = spec.string() + ":";
    if (!message.starts_with(prefix)) return "message without the spec's path: " + message;
    message.erase(0, prefix.size());
    const std::string corpus = kCorpus.string();
    for (std::size_t at; (at = message.find(corpus)) != std::string::npos;) {
      message.replace(at, corpus.size(), "{corpus}");
    }
    return message;
  }
  return "no error";
}

TEST(SpecLoaderTest, ProgramSpecReadsEveryKey) {
  const ExerciseSpec spec = LoadValid("echo");
  EXPECT_EQ(spec.name, "echo");
  EXPECT_EQ(spec.title, "Echo: a program spec using every key");
  EXPECT_EQ(spec.kind, ExerciseKind::kProgram);
  EXPECT_EQ(spec.submit_required, (std::vector<std::string>{"sum.cpp"}));
  EXPECT_EQ(spec.submit_optional, (std::vector<std::string>{"helper.hpp", "notes.txt"}));
  EXPECT_EQ(spec.max_file_size, 1'500u);
  EXPECT_EQ(spec.build.standard, "gnu++17");
  EXPECT_EQ(spec.build.flags, (std::vector<std::string>{"-Wall", "-Wextra", "-DECHO=1"}));
  EXPECT_TRUE(spec.build.release_flags.empty());
  ASSERT_EQ(spec.tests.size(), 3u);
  EXPECT_EQ(spec.MaxScore(), 12.5);
}

TEST(SpecLoaderTest, ProgramTestsReadInlineAndFileTexts) {
  const ExerciseSpec spec = LoadValid("echo");
  const TestSpec& inline_test = spec.tests[0];
  EXPECT_EQ(inline_test.name, "inline");
  EXPECT_EQ(inline_test.points, 2.5);
  EXPECT_EQ(inline_test.visibility, Visibility::kVisible);
  EXPECT_EQ(inline_test.input, "40 2\n");
  EXPECT_EQ(inline_test.expected_output, "42\n");
  EXPECT_EQ(inline_test.compare, CompareMode::kTokens);

  const TestSpec& file_test = spec.tests[1];
  EXPECT_EQ(file_test.name, "from-files");
  EXPECT_EQ(file_test.flavor, Flavor::kAsan);
  EXPECT_EQ(file_test.repeat, 3);
  EXPECT_EQ(file_test.threads, (std::vector<unsigned>{1, 4}));
  EXPECT_EQ(file_test.compare, CompareMode::kLines);
  EXPECT_EQ(file_test.input, "40 2\n");
  EXPECT_EQ(file_test.expected_output, "42\n");

  EXPECT_TRUE(inline_test.needs.empty());
  const TestSpec& exact_test = spec.tests[2];
  EXPECT_EQ(exact_test.needs, (std::vector<std::string>{"inline", "from-files"}));
  EXPECT_EQ(exact_test.points, 0);
  EXPECT_EQ(exact_test.visibility, Visibility::kHidden);
  EXPECT_EQ(exact_test.flavor, Flavor::kTsan);
  EXPECT_EQ(exact_test.compare, CompareMode::kExact);
  EXPECT_EQ(exact_test.input, "");
}

TEST(SpecLoaderTest, SpecLimitsOverrideDefaultsKeyByKey) {
  const Limits& limits = LoadValid("echo").limits;
  EXPECT_EQ(limits.wall_time, Millis{1'500});
  EXPECT_EQ(limits.cpu_time, Millis{120'000});
  EXPECT_EQ(limits.memory, 256 * kMiB);
  EXPECT_EQ(limits.output, 64 * kKiB);
  EXPECT_EQ(limits.file_size, 1'000'000u);
  EXPECT_EQ(limits.open_files, 64);
  EXPECT_EQ(limits.processes, 8);
}

TEST(SpecLoaderTest, TestLimitsInheritTheSpecsAndOverrideKeyByKey) {
  const ExerciseSpec spec = LoadValid("echo");
  const Limits& inherited = spec.tests[0].limits;
  EXPECT_EQ(inherited.wall_time, spec.limits.wall_time);
  EXPECT_EQ(inherited.memory, spec.limits.memory);
  EXPECT_EQ(inherited.processes, spec.limits.processes);

  const Limits& overridden = spec.tests[1].limits;
  EXPECT_EQ(overridden.wall_time, Millis{500});
  EXPECT_EQ(overridden.memory, 64 * kMiB);
  EXPECT_EQ(overridden.cpu_time, Millis{120'000});
  EXPECT_EQ(overridden.output, 64 * kKiB);
  EXPECT_EQ(overridden.file_size, 1'000'000u);
  EXPECT_EQ(overridden.open_files, 64);
  EXPECT_EQ(overridden.processes, 8);
}

TEST(SpecLoaderTest, BuildLimitsOverrideTheBuildDefaults) {
  const BuildSpec defaults;
  const Limits& limits = LoadValid("echo").build.limits;
  EXPECT_EQ(limits.wall_time, Millis{90'000});
  EXPECT_EQ(limits.memory, kGiB);
  EXPECT_EQ(limits.cpu_time, defaults.limits.cpu_time);
  EXPECT_EQ(limits.output, defaults.limits.output);
  EXPECT_EQ(limits.file_size, defaults.limits.file_size);
}

TEST(SpecLoaderTest, ReadsReleaseFlags) {
  const ExerciseSpec spec = LoadSpec(kCorpus / "valid/echo_good/spec.yaml");
  EXPECT_EQ(spec.build.release_flags, (std::vector<std::string>{"-O3", "-DFAST=1"}));
  EXPECT_TRUE(spec.build.flags.empty());
}

TEST(SpecLoaderTest, RecordsWhereEachTestIsWritten) {
  const fs::path file = kCorpus / "valid/echo/spec.yaml";
  const ExerciseSpec spec = LoadSpec(file);
  EXPECT_EQ(spec.tests[0].where.file, file);
  EXPECT_EQ(spec.tests[0].where.line, 26);
  EXPECT_EQ(spec.tests[0].where.column, 5);
  EXPECT_EQ(spec.tests[1].where.line, 31);
}

TEST(SpecLoaderTest, PathsBecomeAbsoluteAndNormalised) {
  const ExerciseSpec spec = LoadSpec(kCorpus / "valid/echo/../echo/spec.yaml");
  EXPECT_EQ(spec.file, (kCorpus / "valid/echo/spec.yaml").lexically_normal());
  EXPECT_EQ(spec.dir, (kCorpus / "valid/echo").lexically_normal());
  EXPECT_EQ(spec.reference, (kCorpus / "files/reference").lexically_normal());
  EXPECT_EQ(spec.known_bad, (kCorpus / "known_bad/valid").lexically_normal());
}

TEST(SpecLoaderTest, ApiSpecReadsTheDriver) {
  const ExerciseSpec spec = LoadValid("adder");
  EXPECT_EQ(spec.kind, ExerciseKind::kApi);
  const fs::path files = (kCorpus / "files").lexically_normal();
  EXPECT_EQ(spec.driver.sources, (std::vector<fs::path>{files / "driver/adder_test.cpp"}));
  EXPECT_EQ(spec.driver.glue, (std::vector<fs::path>{files / "glue/adder_glue.cpp"}));
  EXPECT_EQ(spec.driver.include_dirs, (std::vector<fs::path>{files / "include"}));
  ASSERT_EQ(spec.tests.size(), 2u);
  EXPECT_EQ(spec.tests[0].gtest_filter, "AdderBasics.*");
  EXPECT_EQ(spec.tests[1].gtest_filter, "AdderStress.*:-AdderStress.Slow");
  EXPECT_EQ(spec.tests[1].threads, (std::vector<unsigned>{2, 8}));
  EXPECT_EQ(spec.tests[1].repeat, 2);
  EXPECT_EQ(spec.MaxScore(), 100);
}

TEST(SpecLoaderTest, SpeedTestReadsItsMeasuringRules) {
  const ExerciseSpec spec = LoadValid("speedy");
  EXPECT_EQ(spec.build.libs, (std::vector<std::string>{"tbb"}));
  ASSERT_EQ(spec.tests.size(), 2u);
  EXPECT_FALSE(spec.tests[0].speed);
  EXPECT_TRUE(spec.tests[0].chaos);
  const TestSpec& fast = spec.tests[1];
  ASSERT_TRUE(fast.speed);
  EXPECT_FALSE(fast.chaos);  // timings are never perturbed
  EXPECT_EQ(fast.threads, (std::vector<unsigned>{1, 2, 4}));
  EXPECT_EQ(fast.speed->reference, (kCorpus / "files/reference").lexically_normal());
  EXPECT_DOUBLE_EQ(fast.speed->fraction, 0.75);
  EXPECT_EQ(fast.speed->min_pairs, 9);
  EXPECT_EQ(fast.speed->max_pairs, 51);
  EXPECT_DOUBLE_EQ(fast.speed->max_spread, 0.05);
  EXPECT_EQ(fast.speed->curve_pairs, 2);
  EXPECT_DOUBLE_EQ(fast.speed->reference_efficiency, 0.25);
  EXPECT_EQ(fast.speed->repetitions, 7);
  EXPECT_EQ(fast.speed->budget, Millis{300'000});
  // The defaults.
  const SpeedSpec defaults;
  EXPECT_TRUE(defaults.reference.empty());
  EXPECT_DOUBLE_EQ(defaults.fraction, 0.8);
  EXPECT_EQ(defaults.min_pairs, 7);
  EXPECT_EQ(defaults.max_pairs, 41);
  EXPECT_DOUBLE_EQ(defaults.reference_efficiency, 0.5);
}

TEST(SpecLoaderTest, MinimalSpecTakesTheDefaults) {
  const ExerciseSpec spec = LoadValid("minimal");
  const Limits defaults;
  const BuildSpec build_defaults;
  EXPECT_EQ(spec.title, "");
  EXPECT_TRUE(spec.submit_optional.empty());
  EXPECT_EQ(spec.max_file_size, 256 * kKiB);
  EXPECT_TRUE(spec.known_bad.empty());
  EXPECT_EQ(spec.build.standard, "c++20");
  EXPECT_TRUE(spec.build.flags.empty());
  EXPECT_TRUE(spec.build.libs.empty());
  EXPECT_EQ(spec.build.limits.wall_time, build_defaults.limits.wall_time);
  EXPECT_EQ(spec.build.limits.memory, build_defaults.limits.memory);
  EXPECT_EQ(spec.limits.wall_time, defaults.wall_time);
  EXPECT_EQ(spec.limits.memory, defaults.memory);
  EXPECT_EQ(spec.limits.open_files, defaults.open_files);
  ASSERT_EQ(spec.tests.size(), 1u);
  const TestSpec& test = spec.tests[0];
  EXPECT_EQ(test.points, 0);
  EXPECT_EQ(test.visibility, Visibility::kHidden);
  EXPECT_EQ(test.flavor, Flavor::kRelease);
  EXPECT_EQ(test.repeat, 1);
  EXPECT_TRUE(test.threads.empty());
  EXPECT_EQ(test.compare, CompareMode::kTokens);
  EXPECT_EQ(test.limits.cpu_time, defaults.cpu_time);
  EXPECT_EQ(spec.MaxScore(), 0);
}

TEST(SpecLoaderTest, MessagesNameTheSpecAsGiven) {
  const fs::path relative =
      fs::relative(kCorpus / "invalid/bad_kind/spec.yaml", fs::current_path());
  ASSERT_FALSE(relative.empty());
  EXPECT_EQ(LoadError(relative),
            "2:7: 'kind' must be program or api, not 'programm' (did you mean 'program'?)");
}

TEST(SpecLoaderTest, AMissingSpecIsAnInputError) {
  const fs::path missing = kCorpus / "valid/nowhere/spec.yaml";
  EXPECT_EQ(LoadError(missing), " no such file");
}

// Depends on reference/ and the specs' driver/, glue/, include/ and tests/ folders.
TEST(SpecLoaderTest, RealSpecsLoad) {
  const fs::path specs = fs::path(GRADER_PROJECT_ROOT) / "specs";
  const ExerciseSpec sum = LoadSpec(specs / "sum/spec.yaml");
  EXPECT_EQ(sum.name, "sum");
  EXPECT_EQ(sum.kind, ExerciseKind::kProgram);
  EXPECT_EQ(sum.tests.size(), 5u);
  EXPECT_EQ(sum.MaxScore(), 100);
  const ExerciseSpec counter = LoadSpec(specs / "counter/spec.yaml");
  EXPECT_EQ(counter.name, "counter");
  EXPECT_EQ(counter.kind, ExerciseKind::kApi);
  EXPECT_EQ(counter.tests.size(), 4u);
  EXPECT_EQ(counter.MaxScore(), 100);
  EXPECT_NO_THROW(LoadKnownBadCases(sum));
  EXPECT_NO_THROW(LoadKnownBadCases(counter));
}

}  // namespace
}  // namespace grader
