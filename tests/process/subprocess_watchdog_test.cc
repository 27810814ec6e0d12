// RunSubprocess: the watchdog that stops a run early, the kill_escaped hook for processes
// beyond the group kill, and joining cgroups before exec.
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <string>
#include <system_error>

#include <gtest/gtest.h>

#include "process/subprocess.h"
#include "process_test_util.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

class SubprocessWatchdogTest : public ::testing::Test {
 protected:
  void TearDown() override {
    // The escaped shell leads its own process group, its sleep included.
    const std::string escaped = testing::ReadFile(pid_file_);
    if (!escaped.empty()) kill(-std::stoi(escaped), SIGKILL);
    testing::KillProcessesWithMarker(marker_);
    EXPECT_TRUE(testing::ZombieChildren().empty());
    EXPECT_TRUE(testing::HasNoChildren());
  }

  // `script` run by sh with the marker as $0; $0 also marks its sub-shells.
  SubprocessOptions Shell(const std::string& script) const {
    SubprocessOptions options;
    options.argv = {"sh", "-c", script, marker_};
    options.wall_timeout = milliseconds(20'000);
    return options;
  }

  // A script that starts a marked process in a session of its own (beyond any group kill)
  // and exits once that process has written its pid.
  std::string EscapeScript() const {
    return "setsid sh -c 'echo $$ > \"$1\"; sleep 60; true' \"$0\" " + pid_file_.string() +
           " >/dev/null 2>&1 &\n"
           "while [ ! -s " + pid_file_.string() + " ]; do sleep 0.02; done; echo started";
  }

  int EscapedPid() const { return std::stoi(testing::ReadFile(pid_file_)); }

  const std::string marker_ = testing::UniqueMarker();
  testing::TempDir temp_;
  const fs::path pid_file_ = temp_.path() / "escaped.pid";
};

TEST_F(SubprocessWatchdogTest, WatchdogIsCalledWithTheChildsPid) {
  SubprocessOptions options = Shell("echo $$; sleep 100; true");
  int seen_pid = 0;
  bool was_alive = false;
  options.watchdog = [&](int pid) -> std::string {
    seen_pid = pid;
    was_alive = kill(pid, 0) == 0;
    // Once the shell has started sleep, it has printed its pid.
    const std::string task = "/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid);
    return testing::ReadFile(task + "/children").empty() ? "" : "seen";
  };
  const SubprocessResult result = RunSubprocess(options);
  EXPECT_EQ(result.out, std::to_string(seen_pid) + "\n");
  EXPECT_TRUE(was_alive);
}

TEST_F(SubprocessWatchdogTest, ReasonFromTheWatchdogKillsTheChildEarly) {
  SubprocessOptions options = Shell("sh -c 'sleep 100; true' \"$0\" & sleep 100; true");
  int calls = 0;
  options.watchdog = [&calls](int) -> std::string {
    return ++calls == 3 ? "memory limit" : "";
  };
  const SubprocessResult result = RunSubprocess(options);
  EXPECT_EQ(result.watchdog_reason, "memory limit");
  EXPECT_FALSE(result.timed_out);
  EXPECT_TRUE(result.status.signaled);
  EXPECT_EQ(result.status.signal, SIGKILL);
  EXPECT_LT(result.wall_time, milliseconds(10'000));
  EXPECT_EQ(calls, 3) << "called again after it gave its reason";
  EXPECT_TRUE(testing::NoProcessWithMarkerWithin(marker_, milliseconds(1000)));
}

TEST_F(SubprocessWatchdogTest, SilentWatchdogLetsTheChildFinish) {
  SubprocessOptions options = Shell("sleep 0.3; echo finished");
  int calls = 0;
  options.watchdog = [&calls](int) -> std::string {
    ++calls;
    return "";
  };
  const SubprocessResult result = RunSubprocess(options);
  EXPECT_TRUE(result.status.Success()) << DescribeExit(result.status);
  EXPECT_EQ(result.out, "finished\n");
  EXPECT_EQ(result.watchdog_reason, "");
  EXPECT_GE(calls, 2);
}

TEST_F(SubprocessWatchdogTest, WatchdogIsCalledNoMoreOftenThanItsPeriod) {
  SubprocessOptions options = Shell("sleep 1");
  options.watchdog_period = milliseconds(200);
  int calls = 0;
  options.watchdog = [&calls](int) -> std::string {
    ++calls;
    return "";
  };
  const SubprocessResult result = RunSubprocess(options);
  EXPECT_GE(calls, 1);
  EXPECT_LE(calls, result.wall_time / options.watchdog_period + 1);
}

TEST_F(SubprocessWatchdogTest, WatchdogIsNotCalledForAChildThatExitsAtOnce) {
  SubprocessOptions options = Shell("true");
  options.watchdog_period = milliseconds(5000);
  int calls = 0;
  options.watchdog = [&calls](int) -> std::string {
    ++calls;
    return "stop";
  };
  const SubprocessResult result = RunSubprocess(options);
  EXPECT_TRUE(result.status.Success()) << DescribeExit(result.status);
  EXPECT_EQ(result.watchdog_reason, "");
  EXPECT_EQ(calls, 0);
}

TEST_F(SubprocessWatchdogTest, KillEscapedIsCalledWhenTheRunEnds) {
  SubprocessOptions options = Shell("echo done");
  int calls = 0;
  options.kill_escaped = [&calls] { ++calls; };
  const SubprocessResult result = RunSubprocess(options);
  EXPECT_TRUE(result.status.Success());
  EXPECT_GE(calls, 1);
}

TEST_F(SubprocessWatchdogTest, KillEscapedIsCalledAfterTheDeadlineKillAndAgainAtTheEnd) {
  SubprocessOptions options = Shell("sleep 100; true");
  options.wall_timeout = milliseconds(200);
  int calls = 0;
  int calls_before_deadline_kill = -1;
  options.before_deadline_kill = [&](int) { calls_before_deadline_kill = calls; };
  options.kill_escaped = [&calls] { ++calls; };
  const SubprocessResult result = RunSubprocess(options);
  EXPECT_TRUE(result.timed_out);
  EXPECT_EQ(calls_before_deadline_kill, 0);
  EXPECT_GE(calls, 2);
}

TEST_F(SubprocessWatchdogTest, KillEscapedIsCalledWhenTheWatchdogStopsTheRun) {
  SubprocessOptions options = Shell("sleep 100; true");
  int calls = 0;
  options.watchdog = [](int) -> std::string { return "stop"; };
  options.kill_escaped = [&calls] { ++calls; };
  const SubprocessResult result = RunSubprocess(options);
  EXPECT_EQ(result.watchdog_reason, "stop");
  EXPECT_GE(calls, 2);
}

// Without the hook the process that left the group outlives the run (the group kill cannot
// reach it), which is what makes the next test meaningful.
TEST_F(SubprocessWatchdogTest, SetsidGrandchildSurvivesTheGroupKill) {
  const SubprocessResult result = RunSubprocess(Shell(EscapeScript()));
  ASSERT_EQ(result.out, "started\n");
  EXPECT_EQ(kill(EscapedPid(), 0), 0);
  EXPECT_FALSE(testing::LiveProcessesWithMarker(marker_).empty());
}

TEST_F(SubprocessWatchdogTest, KillEscapedCanEndASetsidGrandchild) {
  SubprocessOptions options = Shell(EscapeScript());
  options.kill_escaped = [this] {
    const std::string pid = testing::ReadFile(pid_file_);
    if (!pid.empty()) kill(std::stoi(pid), SIGKILL);
  };
  const SubprocessResult result = RunSubprocess(options);
  ASSERT_EQ(result.out, "started\n");
  EXPECT_TRUE(result.status.Success()) << DescribeExit(result.status);
  EXPECT_TRUE(testing::NoProcessWithMarkerWithin(marker_, milliseconds(1000)));
}

TEST_F(SubprocessWatchdogTest, MissingCgroupFileThrowsSystemError) {
  SubprocessOptions options = Shell("echo ran");
  options.join_cgroups = {temp_.path() / "no-such-cgroup" / "cgroup.procs"};
  try {
    RunSubprocess(options);
    FAIL() << "RunSubprocess did not throw";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code().value(), ENOENT) << error.what();
    EXPECT_NE(std::string(error.what()).find("sh"), std::string::npos) << error.what();
  }
}

TEST_F(SubprocessWatchdogTest, CgroupFileThatCannotBeWrittenThrowsSystemError) {
  SubprocessOptions options = Shell("echo ran");
  // A folder cannot be opened for writing.
  options.join_cgroups = {temp_.path()};
  EXPECT_THROW(RunSubprocess(options), std::system_error);
}

TEST_F(SubprocessWatchdogTest, EveryCgroupFileMustBeWritable) {
  const fs::path writable = temp_.path() / "cgroup.procs";
  testing::WriteFile(writable, "");
  SubprocessOptions options = Shell("echo ran");
  options.join_cgroups = {writable, temp_.path() / "missing" / "cgroup.procs"};
  EXPECT_THROW(RunSubprocess(options), std::system_error);
}

}  // namespace
}  // namespace grader
