// `grader new`: the exercise it writes into a scratch project root (never the repository's
// own specs/, which validate_test.cc validates folder by folder) passes `grader check-spec`
// and `grader validate` as generated, its public tests build with CMake and fail on the
// skeleton and pass on the reference, and a second `grader new` of the same name is refused.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "e2e_util.h"

namespace grader::e2e {
namespace {

namespace fs = std::filesystem;

std::string Describe(const SubprocessResult& result) {
  return "exit " + std::to_string(result.status.code) + "\nstdout:\n" + result.out +
         "\nstderr:\n" + result.err;
}

// The rows of `grader validate` for demo_ex, in order, each "as expected".
void ExpectValidationRows(const std::string& out, const std::vector<std::string>& rows) {
  std::size_t from = 0;
  for (const std::string& row : rows) {
    std::smatch match;
    const std::string rest = out.substr(from);
    const std::regex line("(^|\n)demo_ex +" + std::regex_replace(row, std::regex(" "), " +") +
                          " +\\S.* as expected\n");
    ASSERT_TRUE(std::regex_search(rest, match, line)) << "no row '" << row << "' in:\n" << out;
    from += match.position(0) + match.length(0) - 1;
  }
}

class NewExerciseTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE(ProjectRoot().empty()); }

  fs::path Root() const { return root_.path(); }
  fs::path Specs() const { return root_.path() / "specs"; }

  SubprocessResult New(const std::string& name) {
    return RunGrader({"new", name, "--dir", Root().string()});
  }

  TempDir root_;
};

TEST_F(NewExerciseTest, TheGeneratedExercisePassesCheckSpecAndValidate) {
  const SubprocessResult made = New("demo_ex");
  ASSERT_EQ(made.status.code, 0) << Describe(made);
  EXPECT_NE(made.out.find("created the exercise 'demo_ex' (class DemoEx in demo_ex.hpp)"),
            std::string::npos)
      << made.out;
  const fs::path spec = Specs() / "demo_ex/spec.yaml";
  // The next steps name the commands to run, as they are to be typed here.
  EXPECT_NE(made.out.find("grader check-spec " + spec.string() + "\n"), std::string::npos)
      << made.out;
  EXPECT_NE(made.out.find("grader --specs " + Specs().string() + " validate demo_ex\n"),
            std::string::npos)
      << made.out;
  EXPECT_NE(made.out.find("{\"demo_ex\", {{\"reference full marks\", \"add-then-read-apart "
                          "wrong-answer\", \"unlocked-update data-race\"}}},"),
            std::string::npos)
      << made.out;
  EXPECT_FALSE(fs::exists(ProjectRoot() / "specs/demo_ex"));

  const SubprocessResult checked = RunGrader({"check-spec", spec.string()});
  EXPECT_EQ(checked.status.code, 0) << Describe(checked);
  EXPECT_NE(checked.out.find("ok: exercise 'demo_ex', 2 tests, 100 points, 2 known-bad cases"),
            std::string::npos)
      << checked.out;

  // The reference full marks, each known-bad case its verdict, in validate's order.
  const SubprocessResult validated =
      RunGrader({"--specs", Specs().string(), "validate", "demo_ex", "-j", "2"});
  EXPECT_EQ(validated.status.code, 0) << Describe(validated);
  ExpectValidationRows(validated.out, {"reference full marks", "add-then-read-apart wrong-answer",
                                       "unlocked-update data-race"});
  EXPECT_NE(validated.out.find("0 not as expected, 0 internal errors"), std::string::npos)
      << validated.out;
}

// As the students' README says: cmake -S . -B build -DDEMO_EX_DIR=<folder>, then
// ./build/public_test. The skeleton compiles and fails; the reference passes.
TEST_F(NewExerciseTest, ThePublicTestsBuildWithCMakeAndFailOnTheSkeletonOnly) {
  ASSERT_EQ(New("demo_ex").status.code, 0);
  const fs::path exercise = Root() / "exercises/demo_ex";
  auto build_and_run = [&](const fs::path& solution, const std::string& build) {
    const SubprocessResult configured = RunUnderSharedTimingLock(
        {"cmake", "-S", ".", "-B", build, "-DDEMO_EX_DIR=" + solution.string()}, exercise,
        std::chrono::minutes(2));
    EXPECT_EQ(configured.status.code, 0) << Describe(configured);
    const SubprocessResult built = RunUnderSharedTimingLock({"cmake", "--build", build}, exercise,
                                                            std::chrono::minutes(3));
    EXPECT_EQ(built.status.code, 0) << Describe(built);
    return RunUnderSharedTimingLock({exercise / build / "public_test"}, exercise,
                                    std::chrono::minutes(1));
  };

  const SubprocessResult skeleton = build_and_run(exercise, "build");
  EXPECT_EQ(skeleton.status.code, 1) << Describe(skeleton);
  EXPECT_NE(skeleton.out.find("[  FAILED  ] DemoExBasics.AddReturnsTheNewTotal"),
            std::string::npos)
      << skeleton.out;
  EXPECT_NE(skeleton.out.find("[  FAILED  ] DemoExStressPublic.EveryAdditionCountedOnce"),
            std::string::npos)
      << skeleton.out;
  EXPECT_NE(skeleton.out.find("[       OK ] DemoExBasics.StartsAtZero"), std::string::npos)
      << skeleton.out;

  const SubprocessResult reference = build_and_run(Root() / "reference/demo_ex", "build-ref");
  EXPECT_EQ(reference.status.code, 0) << Describe(reference);
  EXPECT_NE(reference.out.find("[  PASSED  ] 7 tests."), std::string::npos) << reference.out;
}

TEST_F(NewExerciseTest, ASecondNewOfTheSameNameExitsTwoNamingTheFolderAndChangesNothing) {
  ASSERT_EQ(New("demo_ex").status.code, 0);
  const fs::path spec = Specs() / "demo_ex/spec.yaml";
  std::ofstream(spec, std::ios::app) << "# edited by the instructor\n";
  const SubprocessResult again = New("demo_ex");
  EXPECT_EQ(again.status.code, 2) << Describe(again);
  EXPECT_NE(again.err.find((Specs() / "demo_ex").string() + " and " +
                           (Root() / "exercises/demo_ex").string() + " and " +
                           (Root() / "reference/demo_ex").string() + " already exist"),
            std::string::npos)
      << again.err;
  std::ifstream in(spec);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_NE(text.find("# edited by the instructor\n"), std::string::npos);
}

TEST_F(NewExerciseTest, ANameTheSpecLoaderWouldRefuseExitsTwoAndWritesNothing) {
  const SubprocessResult made = New("Demo-Ex");
  EXPECT_EQ(made.status.code, 2) << Describe(made);
  EXPECT_NE(made.err.find("'Demo-Ex' is not an exercise name: it must start with a-z"),
            std::string::npos)
      << made.err;
  EXPECT_TRUE(fs::is_empty(Root()));
}

// Without --dir the exercise goes into the --specs folder, exercises/ and reference/ beside
// it; --dir and --specs together are refused.
TEST_F(NewExerciseTest, WithoutDirTheSpecsFolderDecides) {
  fs::create_directory(Root() / "course_specs");
  const SubprocessResult made =
      RunGrader({"--specs", (Root() / "course_specs").string(), "new", "demo_ex"});
  ASSERT_EQ(made.status.code, 0) << Describe(made);
  EXPECT_TRUE(fs::is_regular_file(Root() / "course_specs/demo_ex/spec.yaml"));
  EXPECT_TRUE(fs::is_regular_file(Root() / "exercises/demo_ex/demo_ex.hpp"));
  EXPECT_TRUE(fs::is_regular_file(Root() / "reference/demo_ex/demo_ex.hpp"));
  EXPECT_NE(made.out.find("grader --specs " + (Root() / "course_specs").string() +
                          " validate demo_ex\n"),
            std::string::npos)
      << made.out;
  const SubprocessResult checked =
      RunGrader({"check-spec", (Root() / "course_specs/demo_ex/spec.yaml").string()});
  EXPECT_EQ(checked.status.code, 0) << Describe(checked);

  const SubprocessResult both = RunGrader(
      {"--specs", (Root() / "course_specs").string(), "new", "other", "--dir", Root().string()});
  EXPECT_EQ(both.status.code, 2) << Describe(both);
  EXPECT_NE(both.err.find("--dir ROOT and --specs DIR both say where the exercise goes"),
            std::string::npos)
      << both.err;
  EXPECT_FALSE(fs::exists(Root() / "exercises/other"));
}

// The glue for a name whose class is `Handle`, the name of the adapter's own struct: the
// generated code names the student's class `::Handle`, so it compiles with the reference;
// with a header whose members have the wrong signatures it fails with one message per
// member, saying how to declare it.
TEST_F(NewExerciseTest, TheGlueCompilesForAnyClassNameAndNamesEachWrongMember) {
  ASSERT_EQ(New("handle").status.code, 0);
  const fs::path spec = Specs() / "handle";
  auto compile_glue = [&](const fs::path& solution) {
    return RunUnderSharedTimingLock(
        {"g++", "-std=c++20", "-fsyntax-only", "-Wall", "-Werror",
         "-I" + (spec / "include").string(), "-I" + solution.string(),
         (spec / "glue/handle_glue.cpp").string()},
        Root(), std::chrono::minutes(1));
  };
  const SubprocessResult reference = compile_glue(Root() / "reference/handle");
  EXPECT_EQ(reference.status.code, 0) << Describe(reference);

  const fs::path wrong = Root() / "wrong";
  fs::create_directory(wrong);
  std::ofstream(wrong / "handle.hpp") << R"(#pragma once
class Handle {
 public:
  long long add(int amount) { return total_ += amount; }
  long long total() { return total_; }

 private:
  long long total_ = 0;
};
)";
  const SubprocessResult failed = compile_glue(wrong);
  EXPECT_NE(failed.status.code, 0) << Describe(failed);
  EXPECT_NE(failed.err.find("error: static assertion failed: handle.hpp: declare `long long "
                            "add(long long amount);`"),
            std::string::npos)
      << failed.err;
  EXPECT_NE(failed.err.find("error: static assertion failed: handle.hpp: declare `long long "
                            "total() const;`"),
            std::string::npos)
      << failed.err;
  std::size_t errors = 0;
  for (std::size_t at = 0; (at = failed.err.find("error:", at)) != std::string::npos; ++at) {
    ++errors;
  }
  EXPECT_EQ(errors, 2u) << "one error per wrong member, no follow-on errors:\n" << failed.err;
}

}  // namespace
}  // namespace grader::e2e
