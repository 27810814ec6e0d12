// SubmissionBuilder end to end: real g++, real workspaces, under both sandbox backends.
#include "build/submission_build.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "build/object_cache.h"
#include "build_test_util.h"
#include "common/error.h"
#include "process/sandbox.h"
#include "process/subprocess.h"
#include "workspace/workspace.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::Contains;
using testing::HostToolchain;
using testing::LacksText;
using testing::TempDir;
using testing::WriteFile;

constexpr char kHello[] = R"(#include <cstdio>

int main() { std::puts("hello"); }
)";

// Errors on known lines of both files: hello.cpp:5 and util.hpp:3.
constexpr char kBrokenHello[] = R"(#include "util.hpp"

int main() {
  int total = Twice(2);
  return total + undeclared_value;
}
)";
constexpr char kBrokenUtil[] = R"(#pragma once

inline int Twice(int x) { return x * two; }
)";

std::unique_ptr<Sandbox> SandboxOrSkip(const std::string& name, std::string* skip_reason) {
  try {
    return MakeSandbox(name);
  } catch (const InputError& error) {
    *skip_reason = error.what();
    return nullptr;
  }
}

SubprocessResult RunHostBinary(const fs::path& binary) {
  SubprocessOptions options;
  options.argv = {binary.string()};
  options.wall_timeout = std::chrono::seconds(30);
  return RunSubprocess(options);
}

class SubmissionBuilderTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string reason;
    sandbox_ = SandboxOrSkip(GetParam(), &reason);
    if (!sandbox_) GTEST_SKIP() << reason;
    spec_.name = "hello";
    spec_.kind = ExerciseKind::kProgram;
    spec_.submit_required = {"hello.cpp"};
    spec_.submit_optional = {"util.hpp"};
  }

  BuildOutcome Build(Flavor flavor = Flavor::kRelease) {
    workspace_.emplace(Workspace::Create(parent_, spec_, submission_));
    SubmissionBuilder builder(spec_, cache_, *sandbox_);
    return builder.Build(*workspace_, flavor);
  }

  // Where the sandbox showed the workspace to the compiler.
  fs::path Inside() const {
    SandboxPolicy policy;
    policy.workspace = workspace_->Root();
    return sandbox_->WorkspaceDir(policy);
  }

  // The host path of a binary named by its inside-the-sandbox path.
  fs::path OnHost(const fs::path& binary) const {
    return workspace_->Root() / fs::relative(binary, Inside());
  }

  TempDir temp_;
  const fs::path parent_ = temp_.path() / "workspaces";
  const fs::path submission_ = temp_.path() / "submission";
  ExerciseSpec spec_;
  ObjectCache cache_{temp_.path() / "cache", HostToolchain()};
  std::unique_ptr<Sandbox> sandbox_;
  std::optional<Workspace> workspace_;
};

TEST_P(SubmissionBuilderTest, CompilesHelloWorldIntoRunnableProgram) {
  WriteFile(submission_ / "hello.cpp", kHello);

  const BuildOutcome outcome = Build();

  ASSERT_TRUE(outcome.ok) << outcome.diagnostics;
  EXPECT_FALSE(outcome.timed_out);
  EXPECT_EQ(outcome.binary, Inside() / ".grader" / "release" / "program");
  EXPECT_GT(outcome.wall_time.count(), 0);
  const SubprocessResult run = RunHostBinary(OnHost(outcome.binary));
  EXPECT_TRUE(run.status.Success()) << DescribeExit(run.status);
  EXPECT_EQ(run.out, "hello\n");
}

TEST_P(SubmissionBuilderTest, EachFlavorBuildsIntoItsOwnFolder) {
  WriteFile(submission_ / "hello.cpp", kHello);
  workspace_.emplace(Workspace::Create(parent_, spec_, submission_));
  SubmissionBuilder builder(spec_, cache_, *sandbox_);

  const BuildOutcome release = builder.Build(*workspace_, Flavor::kRelease);
  const BuildOutcome asan = builder.Build(*workspace_, Flavor::kAsan);

  ASSERT_TRUE(release.ok) << release.diagnostics;
  ASSERT_TRUE(asan.ok) << asan.diagnostics;
  EXPECT_EQ(asan.binary, Inside() / ".grader" / "asan" / "program");
  EXPECT_TRUE(fs::is_regular_file(OnHost(release.binary)));
  EXPECT_TRUE(fs::is_regular_file(OnHost(asan.binary)));
}

TEST_P(SubmissionBuilderTest, UnchangedFilesComeFromBuildCacheAndRun) {
  WriteFile(submission_ / "hello.cpp", "#include \"util.hpp\"\n" + std::string(kHello));
  WriteFile(submission_ / "util.hpp", "#pragma once\n#warning \"util is a stub\"\n");

  const BuildOutcome first = Build();
  const BuildOutcome second = Build();  // a fresh workspace with the same files

  ASSERT_TRUE(first.ok) << first.diagnostics;
  ASSERT_TRUE(second.ok) << second.diagnostics;
  EXPECT_FALSE(first.cached);
  EXPECT_TRUE(second.cached);
  EXPECT_TRUE(Contains(second.diagnostics, "util.hpp:2:"));
  EXPECT_EQ(second.diagnostics, first.diagnostics);
  const SubprocessResult run = RunHostBinary(OnHost(second.binary));
  EXPECT_TRUE(run.status.Success()) << DescribeExit(run.status);
  EXPECT_EQ(run.out, "hello\n");
}

TEST_P(SubmissionBuilderTest, ChangedHeaderOrFlavorIsRebuilt) {
  WriteFile(submission_ / "hello.cpp",
            "#include <cstdio>\n#include \"util.hpp\"\nint main() { std::printf(\"%d\\n\", "
            "kValue); }\n");
  WriteFile(submission_ / "util.hpp", "constexpr int kValue = 1;\n");
  ASSERT_TRUE(Build().ok);
  WriteFile(submission_ / "util.hpp", "constexpr int kValue = 2;\n");

  const BuildOutcome changed = Build();
  ASSERT_TRUE(changed.ok) << changed.diagnostics;
  EXPECT_FALSE(changed.cached);
  EXPECT_EQ(RunHostBinary(OnHost(changed.binary)).out, "2\n");

  EXPECT_FALSE(Build(Flavor::kAsan).cached);
}

TEST_P(SubmissionBuilderTest, ReleaseFlagsReachOnlyTheReleaseFlavor) {
  WriteFile(submission_ / "hello.cpp", R"(#include <cstdio>
int main() {
#ifdef SPEED_BUILD
  std::puts("release flags");
#else
  std::puts("none");
#endif
}
)");
  spec_.build.release_flags = {"-DSPEED_BUILD"};

  const BuildOutcome release = Build(Flavor::kRelease);
  ASSERT_TRUE(release.ok) << release.diagnostics;
  EXPECT_EQ(RunHostBinary(OnHost(release.binary)).out, "release flags\n");
  const BuildOutcome asan = Build(Flavor::kAsan);
  ASSERT_TRUE(asan.ok) << asan.diagnostics;
  EXPECT_EQ(RunHostBinary(OnHost(asan.binary)).out, "none\n");
}

TEST_P(SubmissionBuilderTest, CompileErrorIsNeverCached) {
  WriteFile(submission_ / "hello.cpp", kBrokenHello);
  WriteFile(submission_ / "util.hpp", kBrokenUtil);

  const BuildOutcome first = Build();
  const BuildOutcome second = Build();

  EXPECT_FALSE(first.ok);
  EXPECT_FALSE(second.ok);
  EXPECT_FALSE(second.cached);
  EXPECT_TRUE(Contains(second.diagnostics, "hello.cpp:5:"));
}

TEST_P(SubmissionBuilderTest, SyntaxErrorIsOutcomeWithRelativeDiagnostics) {
  WriteFile(submission_ / "hello.cpp", kBrokenHello);
  WriteFile(submission_ / "util.hpp", kBrokenUtil);

  const BuildOutcome outcome = Build();

  EXPECT_FALSE(outcome.ok);
  EXPECT_FALSE(outcome.timed_out);
  EXPECT_TRUE(Contains(outcome.diagnostics, "hello.cpp:5:"));
  EXPECT_TRUE(Contains(outcome.diagnostics, "'undeclared_value' was not declared"));
  EXPECT_TRUE(Contains(outcome.diagnostics, "util.hpp:3:"));
  EXPECT_TRUE(LacksText(outcome.diagnostics, workspace_->Root().string()));
  EXPECT_TRUE(LacksText(outcome.diagnostics, "/submission/"));
  EXPECT_TRUE(LacksText(outcome.diagnostics, temp_.path().string()));
  EXPECT_FALSE(fs::exists(OnHost(outcome.binary)));
}

TEST_P(SubmissionBuilderTest, FilesOutsideSubmitListsAreNotCompiled) {
  WriteFile(submission_ / "hello.cpp", kHello);
  WriteFile(submission_ / "scratch.cpp", "this is not C++\n");

  const BuildOutcome outcome = Build();

  EXPECT_TRUE(outcome.ok) << outcome.diagnostics;
}

TEST_P(SubmissionBuilderTest, CompilerOverWallTimeIsStoppedAndReported) {
  // Far more constant evaluation than fits in a second, each loop under GCC's loop limit.
  WriteFile(submission_ / "hello.cpp", R"(
constexpr long Spin() {
  long sum = 0;
  for (long i = 0; i < 200000; ++i)
    for (long j = 0; j < 200000; ++j) sum += i ^ j;
  return sum;
}
static_assert(Spin() != 0);
int main() {}
)");
  spec_.build.limits.wall_time = Millis{1000};

  const auto start = std::chrono::steady_clock::now();
  const BuildOutcome outcome = Build();

  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  EXPECT_FALSE(outcome.ok);
  EXPECT_TRUE(outcome.timed_out);
  EXPECT_TRUE(Contains(outcome.diagnostics, "the compiler ran longer than 1000 ms"));
}

TEST_P(SubmissionBuilderTest, CompilerOutputOverCapIsCutAndFails) {
  std::string source;
  for (int i = 0; i < 40; ++i) {
    source += "int f" + std::to_string(i) + "() { return some_undeclared_name_" +
              std::to_string(i) + "; }\n";
  }
  WriteFile(submission_ / "hello.cpp", source + "int main() {}\n");
  spec_.build.limits.output = 1024;

  const BuildOutcome outcome = Build();

  EXPECT_FALSE(outcome.ok);
  EXPECT_TRUE(Contains(outcome.diagnostics, "[compiler output cut at 1024 bytes]"));
  EXPECT_LT(outcome.diagnostics.size(), 3u * 1024);
}

// The fallback backend is no boundary (the include resolves there: the file is real and the
// path right); under isolation the file does not exist for the compiler.
TEST_P(SubmissionBuilderTest, AbsoluteIncludeOfHostFileResolvesOnlyWithoutIsolation) {
  TempDir secret_dir("grader-secret");
  WriteFile(secret_dir.path() / "secret.h", "constexpr int kSecret = 7;\n");
  WriteFile(submission_ / "hello.cpp", "#include \"" + (secret_dir.path() / "secret.h").string() +
                                           "\"\nint main() { return kSecret; }\n");

  const BuildOutcome outcome = Build();

  if (sandbox_->Isolates()) {
    EXPECT_FALSE(outcome.ok);
    EXPECT_TRUE(Contains(outcome.diagnostics, "No such file"));
  } else {
    EXPECT_TRUE(outcome.ok) << outcome.diagnostics;
  }
}

TEST_P(SubmissionBuilderTest, ParentFolderIncludeResolvesOnlyWithoutIsolation) {
  WriteFile(parent_ / "outside.h", "constexpr int kOutside = 7;\n");
  WriteFile(submission_ / "hello.cpp",
            "#include \"../outside.h\"\nint main() { return kOutside; }\n");

  const BuildOutcome outcome = Build();

  if (sandbox_->Isolates()) {
    EXPECT_FALSE(outcome.ok);
    EXPECT_TRUE(Contains(outcome.diagnostics, "No such file"));
  } else {
    EXPECT_TRUE(outcome.ok) << outcome.diagnostics;
  }
}

INSTANTIATE_TEST_SUITE_P(Sandboxes, SubmissionBuilderTest, ::testing::Values("none", "bwrap"),
                         [](const auto& info) { return info.param; });

// api exercises: the hidden driver and GoogleTest come from an ObjectCache, linked with the
// glue and the student's code. Compiling gtest-all takes ~15 s, and ctest runs each case in
// its own process, so the cases share one cache folder that outlives them, as graders on one
// machine do (entries are keyed by content and compiler, and written atomically).
class ApiSubmissionBuilderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cache_ = new ObjectCache(fs::temp_directory_path() / "grader-test-object-cache",
                             HostToolchain());
  }
  static void TearDownTestSuite() { delete cache_; }

  void SetUp() override {
    std::string reason;
    sandbox_ = SandboxOrSkip("bwrap", &reason);
    if (!sandbox_) sandbox_ = MakeSandbox("none");
    const fs::path data = fs::path(GRADER_TEST_DATA) / "data" / "adder";
    spec_.name = "adder";
    spec_.kind = ExerciseKind::kApi;
    spec_.submit_required = {"adder.hpp"};
    spec_.driver.sources = {data / "driver" / "adder_test.cpp"};
    spec_.driver.glue = {data / "glue" / "adder_glue.cpp"};
    spec_.driver.include_dirs = {data / "include"};
  }

  BuildOutcome Build(const std::string& header) {
    WriteFile(submission_ / "adder.hpp", header);
    workspace_.emplace(Workspace::Create(parent_, spec_, submission_));
    SubmissionBuilder builder(spec_, *cache_, *sandbox_);
    return builder.Build(*workspace_, Flavor::kRelease);
  }

  static ObjectCache* cache_;
  TempDir temp_;
  const fs::path parent_ = temp_.path() / "workspaces";
  const fs::path submission_ = temp_.path() / "submission";
  ExerciseSpec spec_;
  std::unique_ptr<Sandbox> sandbox_;
  std::optional<Workspace> workspace_;
};

ObjectCache* ApiSubmissionBuilderTest::cache_ = nullptr;

TEST_F(ApiSubmissionBuilderTest, LinksGlueDriverAndGoogleTestIntoPassingTest) {
  const BuildOutcome outcome =
      Build("#pragma once\ninline int Add(int a, int b) { return a + b; }\n");

  ASSERT_TRUE(outcome.ok) << outcome.diagnostics;
  EXPECT_EQ(outcome.binary.filename(), "test");
  const fs::path host_binary = workspace_->GraderDir() / "release" / "test";
  const SubprocessResult run = RunHostBinary(host_binary);
  EXPECT_TRUE(run.status.Success()) << DescribeExit(run.status) << "\n" << run.out;
  EXPECT_TRUE(Contains(run.out, "[  PASSED  ] 1 test."));
  EXPECT_TRUE(fs::is_regular_file(workspace_->GraderDir() / "glue" / "adder_glue.cpp"));
  EXPECT_TRUE(fs::is_regular_file(workspace_->GraderDir() / "include" / "adder_adapter.h"));
  for (const auto& entry : fs::recursive_directory_iterator(workspace_->Root())) {
    EXPECT_NE(entry.path().filename(), "adder_test.cpp") << "the driver's source is exposed";
  }

  // A second submission reuses every cached object (driver, gtest-all, gtest_main, ...).
  const int misses = cache_->misses();
  const int hits = cache_->hits();
  const BuildOutcome again = Build("#pragma once\nint Add(int a, int b) { return b + a; }\n");
  ASSERT_TRUE(again.ok) << again.diagnostics;
  EXPECT_EQ(cache_->misses(), misses);
  EXPECT_GE(cache_->hits(), hits + 3);
}

TEST_F(ApiSubmissionBuilderTest, WrongStudentCodeFailsItsTestNotItsBuild) {
  const BuildOutcome outcome =
      Build("#pragma once\ninline int Add(int a, int b) { return a - b; }\n");

  ASSERT_TRUE(outcome.ok) << outcome.diagnostics;
  const SubprocessResult run = RunHostBinary(workspace_->GraderDir() / "release" / "test");
  EXPECT_FALSE(run.status.Success());
  EXPECT_TRUE(Contains(run.out, "2 + 3 should be 5"));
}

TEST_F(ApiSubmissionBuilderTest, ErrorInStudentHeaderNamesItRelatively) {
  const BuildOutcome outcome =
      Build("#pragma once\ninline int Add(int a, int b) { return a + b }\n");

  EXPECT_FALSE(outcome.ok);
  EXPECT_TRUE(Contains(outcome.diagnostics, "adder.hpp:2:"));
  EXPECT_TRUE(LacksText(outcome.diagnostics, "/submission/"));
  EXPECT_TRUE(LacksText(outcome.diagnostics, workspace_->Root().string()));
  EXPECT_TRUE(LacksText(outcome.diagnostics, GRADER_TEST_DATA));
}

TEST(RelativizeDiagnosticsTest, StripsPrefixFromEveryPath) {
  EXPECT_EQ(RelativizeDiagnostics("In file included from /submission/main.cpp:1:\n"
                                   "/submission/counter.hpp:12:5: error: 'x' was not declared\n",
                                   "/submission"),
            "In file included from main.cpp:1:\ncounter.hpp:12:5: error: 'x' was not declared\n");
}

TEST(RelativizeDiagnosticsTest, AcceptsPrefixWithTrailingSlash) {
  EXPECT_EQ(RelativizeDiagnostics("/tmp/ws/hello-1a2b3c/hello.cpp:3:1: error",
                                  "/tmp/ws/hello-1a2b3c/"),
            "hello.cpp:3:1: error");
}

TEST(RelativizeDiagnosticsTest, LeavesOtherPathsAlone) {
  const std::string text =
      "/usr/include/c++/12/bits/stl_vector.h:1123:7: note: candidate\n"
      "/submission-old/x.cpp:1: note\n"
      "/submission: not a path prefix\n";
  EXPECT_EQ(RelativizeDiagnostics(text, "/submission"), text);
}

TEST(RelativizeDiagnosticsTest, LeavesTextWithoutPrefixUnchanged) {
  EXPECT_EQ(RelativizeDiagnostics("", "/submission"), "");
  EXPECT_EQ(RelativizeDiagnostics("hello.cpp:3:1: error: x", "/submission"),
            "hello.cpp:3:1: error: x");
}

}  // namespace
}  // namespace grader
