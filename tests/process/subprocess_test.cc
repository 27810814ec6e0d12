// RunSubprocess: exit statuses, start failures, environment, working folder, rlimits.
#include "process/subprocess.h"

#include <signal.h>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string>
#include <system_error>

#include <gtest/gtest.h>

#include "common/error.h"
#include "process_test_util.h"

namespace grader {
namespace {

using std::chrono::milliseconds;
using testing::TempDir;

class SubprocessTest : public ::testing::Test {
 protected:
  void TearDown() override {
    EXPECT_TRUE(testing::ZombieChildren().empty());
    EXPECT_TRUE(testing::HasNoChildren());
  }

  static SubprocessResult Run(std::vector<std::string> argv) {
    SubprocessOptions options;
    options.argv = std::move(argv);
    options.wall_timeout = milliseconds(20'000);
    return RunSubprocess(options);
  }
};

TEST_F(SubprocessTest, ReportsExitCode) {
  SubprocessResult result = Run({"sh", "-c", "exit 3"});
  EXPECT_FALSE(result.status.signaled);
  EXPECT_EQ(result.status.code, 3);
  EXPECT_FALSE(result.status.Success());
  EXPECT_FALSE(result.timed_out);
  EXPECT_EQ(DescribeExit(result.status), "exit 3");
}

TEST_F(SubprocessTest, ReportsSuccess) {
  SubprocessResult result = Run({"true"});
  EXPECT_TRUE(result.status.Success());
  EXPECT_EQ(DescribeExit(result.status), "exit 0");
}

TEST_F(SubprocessTest, ReportsDeathBySignal) {
  SubprocessResult result = Run({"sh", "-c", "kill -SEGV $$"});
  EXPECT_TRUE(result.status.signaled);
  EXPECT_EQ(result.status.signal, SIGSEGV);
  EXPECT_FALSE(result.status.Success());
  EXPECT_EQ(DescribeExit(result.status), "killed by SIGSEGV (signal 11)");
}

TEST_F(SubprocessTest, DescribesSignalsWithoutAName) {
  EXPECT_EQ(DescribeExit({.signaled = true, .code = 0, .signal = 40}), "killed by signal 40");
  EXPECT_EQ(DescribeExit({.signaled = true, .code = 0, .signal = SIGKILL}),
            "killed by SIGKILL (signal 9)");
}

TEST_F(SubprocessTest, MissingProgramThrowsSystemErrorNamingIt) {
  SubprocessOptions options;
  options.argv = {"grader-no-such-program", "arg"};
  // A PATH folder the harness may not enter would make the answer EACCES, as for execvp.
  options.env = std::vector<std::string>{"PATH=/usr/bin:/bin"};
  try {
    RunSubprocess(options);
    FAIL() << "no exception";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code().value(), ENOENT);
    EXPECT_STREQ(error.what(),
                 "cannot run 'grader-no-such-program': No such file or directory");
  }
}

TEST_F(SubprocessTest, MissingAbsoluteProgramThrows) {
  try {
    Run({"/nonexistent/grader-prog"});
    FAIL() << "no exception";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code().value(), ENOENT);
  }
}

TEST_F(SubprocessTest, NonExecutableFileThrowsPermissionDenied) {
  TempDir dir;
  testing::WriteFile(dir.path() / "script", "#!/bin/sh\necho hi\n");
  chmod((dir.path() / "script").c_str(), 0644);
  try {
    Run({(dir.path() / "script").string()});
    FAIL() << "no exception";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code().value(), EACCES);
    EXPECT_NE(std::string(error.what()).find("Permission denied"), std::string::npos);
  }
}

TEST_F(SubprocessTest, MissingWorkingFolderThrowsNamingIt) {
  SubprocessOptions options;
  options.argv = {"true"};
  options.cwd = "/nonexistent/grader-cwd";
  try {
    RunSubprocess(options);
    FAIL() << "no exception";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code().value(), ENOENT);
    EXPECT_NE(std::string(error.what()).find("/nonexistent/grader-cwd"), std::string::npos);
  }
}

TEST_F(SubprocessTest, EmptyArgvIsAnInternalError) {
  EXPECT_THROW(RunSubprocess(SubprocessOptions{}), InternalError);
}

TEST_F(SubprocessTest, LooksUpProgramInTheGivenPath) {
  TempDir dir;
  testing::WriteFile(dir.path() / "grader-hello", "#!/bin/sh\necho hello from path\n");
  chmod((dir.path() / "grader-hello").c_str(), 0755);
  SubprocessOptions options;
  options.argv = {"grader-hello"};
  options.env = std::vector<std::string>{"PATH=/nonexistent:" + dir.path().string()};
  EXPECT_EQ(RunSubprocess(options).out, "hello from path\n");

  options.env = std::vector<std::string>{"PATH=/usr/bin:/bin"};
  EXPECT_THROW(RunSubprocess(options), std::system_error);
}

TEST_F(SubprocessTest, PassesExactlyTheGivenEnvironment) {
  SubprocessOptions options;
  options.argv = {"sh", "-c", "echo \"$GRADER_X\" \"${HOME-unset}\""};
  options.env = std::vector<std::string>{"GRADER_X=42", "PATH=/usr/bin:/bin"};
  EXPECT_EQ(RunSubprocess(options).out, "42 unset\n");
}

TEST_F(SubprocessTest, InheritsTheHarnessEnvironmentByDefault) {
  setenv("GRADER_INHERITED", "yes", 1);
  SubprocessResult result = Run({"sh", "-c", "echo \"$GRADER_INHERITED\""});
  unsetenv("GRADER_INHERITED");
  EXPECT_EQ(result.out, "yes\n");
}

TEST_F(SubprocessTest, RunsInTheGivenFolder) {
  TempDir dir;
  SubprocessOptions options;
  options.argv = {"pwd"};
  options.cwd = dir.path();
  EXPECT_EQ(RunSubprocess(options).out, dir.path().string() + "\n");
}

TEST_F(SubprocessTest, AppliesOpenFilesLimit) {
  SubprocessOptions options;
  options.argv = {"sh", "-c", "ulimit -n; ulimit -H -n"};
  options.open_files_limit = 17;
  EXPECT_EQ(RunSubprocess(options).out, "17\n17\n");
}

TEST_F(SubprocessTest, DisablesCoreDumps) {
  EXPECT_EQ(Run({"sh", "-c", "ulimit -c"}).out, "0\n");
}

TEST_F(SubprocessTest, FileSizeLimitStopsTheWriter) {
  TempDir dir;
  SubprocessOptions options;
  options.argv = {"sh", "-c", "head -c 100000 /dev/zero > big; echo $?"};
  options.cwd = dir.path();
  options.file_size_limit = 1000;
  SubprocessResult result = RunSubprocess(options);
  EXPECT_EQ(result.out, std::to_string(128 + SIGXFSZ) + "\n");
  EXPECT_EQ(std::filesystem::file_size(dir.path() / "big"), 1000u);
}

TEST_F(SubprocessTest, CpuLimitStopsABusyLoop) {
  SubprocessOptions options;
  options.argv = {"sh", "-c", "while :; do :; done"};
  options.cpu_limit = milliseconds(1000);
  options.wall_timeout = milliseconds(20'000);
  SubprocessResult result = RunSubprocess(options);
  EXPECT_FALSE(result.timed_out);
  ASSERT_TRUE(result.status.signaled);
  EXPECT_TRUE(result.status.signal == SIGXCPU || result.status.signal == SIGKILL)
      << DescribeExit(result.status);
  // The kernel enforces the limit on its precise runtime, while rusage may leave out time a
  // hypervisor stole: allow the report to fall short.
  EXPECT_GE(result.cpu_time, milliseconds(600));
  EXPECT_LE(result.cpu_time, milliseconds(3000));
  EXPECT_GE(result.wall_time, result.cpu_time * 9 / 10);
}

TEST_F(SubprocessTest, CpuLimitIsRoundedUpToWholeSeconds) {
  SubprocessOptions options;
  options.argv = {"sh", "-c", "while :; do :; done"};
  options.cpu_limit = milliseconds(1001);
  options.wall_timeout = milliseconds(20'000);
  SubprocessResult result = RunSubprocess(options);
  EXPECT_FALSE(result.timed_out);
  EXPECT_TRUE(result.status.signaled);
  EXPECT_GE(result.cpu_time, milliseconds(1300));  // 2 s; rounding down would stop at 1 s
  EXPECT_LE(result.cpu_time, milliseconds(4000));
}

TEST_F(SubprocessTest, MeasuresWallTimeApartFromCpuTime) {
  SubprocessResult result = Run({"sleep", "0.3"});
  EXPECT_GE(result.wall_time, milliseconds(300));
  EXPECT_LE(result.wall_time, milliseconds(1500));
  EXPECT_LE(result.cpu_time, milliseconds(200));
}

TEST_F(SubprocessTest, MeasuresPeakMemoryOfTheTree) {
  SubprocessResult small = Run({"true"});
  SubprocessResult big =
      Run({"sh", "-c", "x=$(head -c 30000000 /dev/zero | tr '\\0' a); echo ${#x}"});
  EXPECT_EQ(big.out, "30000000\n");
  EXPECT_GT(small.peak_rss, 0u);
  EXPECT_LT(small.peak_rss, 20'000'000u);
  EXPECT_GE(big.peak_rss, 30'000'000u);
}

}  // namespace
}  // namespace grader
