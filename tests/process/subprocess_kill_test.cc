// RunSubprocess: the wall deadline, process-group kills and leftovers, and the exception path.
#include <signal.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "process/subprocess.h"
#include "process_test_util.h"

namespace grader {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

class SubprocessKillTest : public ::testing::Test {
 protected:
  void TearDown() override {
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

  const std::string marker_ = testing::UniqueMarker();
};

TEST_F(SubprocessKillTest, KillsTheWholeGroupAtTheDeadline) {
  SubprocessOptions options = Shell("sh -c 'sleep 100; true' \"$0\" & sleep 100; true");
  options.wall_timeout = milliseconds(300);
  std::size_t alive_at_deadline = 0;
  options.before_deadline_kill = [this, &alive_at_deadline](int) {
    alive_at_deadline = testing::LiveProcessesWithMarker(marker_).size();
  };
  Clock::time_point start = Clock::now();
  SubprocessResult result = RunSubprocess(options);
  auto elapsed = Clock::now() - start;

  EXPECT_TRUE(result.timed_out);
  EXPECT_TRUE(result.status.signaled);
  EXPECT_EQ(result.status.signal, SIGKILL);
  EXPECT_EQ(alive_at_deadline, 2u);
  EXPECT_GE(result.wall_time, milliseconds(300));
  EXPECT_LT(elapsed, milliseconds(300 + 500));
  EXPECT_TRUE(testing::NoProcessWithMarkerWithin(marker_, milliseconds(1000)));
}

TEST_F(SubprocessKillTest, CallsBeforeDeadlineKillWithTheLiveChild) {
  SubprocessOptions options = Shell("sleep 100; true");
  options.wall_timeout = milliseconds(200);
  int seen_pid = 0;
  bool was_alive = false;
  bool was_group_leader = false;
  options.before_deadline_kill = [&](int pid) {
    seen_pid = pid;
    was_alive = kill(pid, 0) == 0;
    was_group_leader = getpgid(pid) == pid;
  };
  SubprocessResult result = RunSubprocess(options);
  EXPECT_TRUE(result.timed_out);
  EXPECT_GT(seen_pid, 0);
  EXPECT_TRUE(was_alive);
  EXPECT_TRUE(was_group_leader);
  EXPECT_NE(kill(seen_pid, 0), 0);
}

TEST_F(SubprocessKillTest, DoesNotCallBeforeDeadlineKillWithoutTimeout) {
  SubprocessOptions options = Shell("true");
  bool called = false;
  options.before_deadline_kill = [&called](int) { called = true; };
  SubprocessResult result = RunSubprocess(options);
  EXPECT_FALSE(result.timed_out);
  EXPECT_FALSE(called);
}

TEST_F(SubprocessKillTest, KillsLeftoverGroupMembersAfterANormalExit) {
  SubprocessOptions options =
      Shell("sh -c 'sleep 100; true' \"$0\" >/dev/null 2>&1 & echo started");
  Clock::time_point start = Clock::now();
  SubprocessResult result = RunSubprocess(options);
  EXPECT_LT(Clock::now() - start, milliseconds(2000));
  EXPECT_EQ(result.out, "started\n");
  EXPECT_TRUE(result.status.Success());
  EXPECT_FALSE(result.timed_out);
  EXPECT_TRUE(testing::NoProcessWithMarkerWithin(marker_, milliseconds(1000)));
}

TEST_F(SubprocessKillTest, GrandchildHoldingStdoutOpenDoesNotHangTheHarness) {
  SubprocessOptions options = Shell("sh -c 'sleep 100; true' \"$0\" & echo started");
  Clock::time_point start = Clock::now();
  SubprocessResult result = RunSubprocess(options);
  EXPECT_LT(Clock::now() - start, milliseconds(2000));
  EXPECT_EQ(result.out, "started\n");
  EXPECT_TRUE(result.status.Success());
  EXPECT_FALSE(result.timed_out);
  EXPECT_TRUE(testing::NoProcessWithMarkerWithin(marker_, milliseconds(1000)));
}

TEST_F(SubprocessKillTest, GrandchildThatLeftTheGroupDoesNotHangTheHarness) {
  // setsid puts it beyond a group kill: only the sandbox's PID namespace can end it, so the
  // harness merely stops waiting for its pipes.
  SubprocessOptions options = Shell("setsid sh -c 'sleep 3; true' \"$0\" & echo started");
  Clock::time_point start = Clock::now();
  SubprocessResult result = RunSubprocess(options);
  EXPECT_LT(Clock::now() - start, milliseconds(2000));
  EXPECT_EQ(result.out, "started\n");
  EXPECT_TRUE(result.status.Success());
}

TEST_F(SubprocessKillTest, StoppedChildIsStillKilledAtTheDeadline) {
  SubprocessOptions options = Shell("kill -STOP $$; echo resumed");
  options.wall_timeout = milliseconds(300);
  SubprocessResult result = RunSubprocess(options);
  EXPECT_TRUE(result.timed_out);
  EXPECT_EQ(result.status.signal, SIGKILL);
}

TEST_F(SubprocessKillTest, ThrowingCallbackStillKillsAndReapsEverything) {
  SubprocessOptions options = Shell("sh -c 'sleep 100; true' \"$0\" & sleep 100; true");
  options.wall_timeout = milliseconds(200);
  options.before_deadline_kill = [](int) { throw std::runtime_error("callback failed"); };
  EXPECT_THROW(RunSubprocess(options), std::runtime_error);
  EXPECT_TRUE(testing::NoProcessWithMarkerWithin(marker_, milliseconds(1000)));
}

}  // namespace
}  // namespace grader
