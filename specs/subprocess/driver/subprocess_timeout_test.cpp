// Hidden driver of the `subprocess` exercise, part 3: timeouts (test `timeout`).
//
// run() with a timeout must kill the child, and every process in its process group, reap it
// and throw sp::TimeoutExpired, within the timeout plus kSlack. A run() that ignores the
// timeout would hang the test on a child that sleeps for 30 s; a Watchdog kills that child
// kWatchdogAfter past the timeout instead, so that run() returns and the test can say what
// happened.
#include <gtest/gtest.h>

#include <signal.h>

#include <string>

#include "child_helpers.h"
#include "process_probe.h"
#include "run_check.h"

namespace subprocess_test {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kSlack{1000};
constexpr milliseconds kWatchdogAfter{3000};
constexpr milliseconds kEarly{5};  // poll() rounds; a few ms early is not the point
constexpr char kLongSleepMs[] = "30000";

// Runs `args` (a helper that writes its pids to `pid_file`) with `options`, under a Watchdog,
// and checks that run() threw TimeoutExpired in time and that every pid in `pid_file` ended.
void ExpectTimeout(const std::vector<std::string>& args, const Options& options,
                   const std::filesystem::path& pid_file, const std::string& what) {
  const milliseconds timeout = *options.timeout;
  Aftermath aftermath;
  Watchdog watchdog(pid_file, timeout + kWatchdogAfter);
  const Call call = RunTimed(args, options);
  const bool watchdog_fired = watchdog.Stop();
  const std::string account = what + ", " + DescribeOptions(options) + ": run() " +
                              DescribeResult(call.result) + " after " + Seconds(call.elapsed);
  if (watchdog_fired) {
    ADD_FAILURE() << account << "; the child was still running " << Seconds(kWatchdogAfter)
                  << " after the timeout, so the test killed it itself. Expected run() to kill "
                     "it at the timeout and throw sp::TimeoutExpired (keep a deadline, give poll() "
                     "the time left, and check it when poll() returns 0)";
  } else if (call.result.outcome != Outcome::kTimeoutExpired) {
    ADD_FAILURE() << account << "; expected sp::TimeoutExpired";
  } else if (call.elapsed < timeout - kEarly) {
    ADD_FAILURE() << account << ": sp::TimeoutExpired came before the timeout of "
                  << timeout.count() << " ms";
  } else if (call.elapsed > timeout + kSlack) {
    ADD_FAILURE() << account << ": sp::TimeoutExpired came more than " << Seconds(kSlack)
                  << " after the timeout of " << timeout.count() << " ms";
  }
  const std::vector<pid_t> pids = ReadPids(pid_file);
  for (std::size_t i = 0; i < pids.size(); ++i) {
    if (ProcessEnded(pids[i], milliseconds(1000))) continue;
    if (i == 0) {
      ADD_FAILURE() << what << ": the child (pid " << pids[i]
                    << ") is still running after run() returned or threw: on timeout, kill it";
    } else {
      ADD_FAILURE() << what << ": the child's own child (pid " << pids[i]
                    << ", in the child's process group) is still running after the timeout: make "
                       "the child lead a new process group (setpgid(0, 0) in the child) and kill "
                       "the whole group (kill(-pid, SIGKILL))";
    }
    kill(pids[i], SIGKILL);
  }
  aftermath.Check(what);
}

TEST(SubprocessTimeout, KillsTheChildAndThrowsInTime) {
  TempDir dir;
  const std::filesystem::path pid_file = dir.path() / "pids";
  Options options;
  options.timeout = milliseconds(500);
  ExpectTimeout(HelperArgs("sleep", {kLongSleepMs, pid_file.string()}), options, pid_file,
                "run() of a child that sleeps 30 s");
}

TEST(SubprocessTimeout, KillsTheChildsWholeProcessGroup) {
  TempDir dir;
  const std::filesystem::path pid_file = dir.path() / "pids";
  Options options;
  options.timeout = milliseconds(1000);
  ExpectTimeout(HelperArgs("family", {kLongSleepMs, pid_file.string()}), options, pid_file,
                "run() of a child that starts a grandchild, then both sleep 30 s");
}

TEST(SubprocessTimeout, TimesOutWhileTheChildDoesNotReadItsInput) {
  TempDir dir;
  const std::filesystem::path pid_file = dir.path() / "pids";
  Options options;
  options.timeout = milliseconds(500);
  options.input = std::string(1 << 20, 'i');
  ExpectTimeout(HelperArgs("sleep", {kLongSleepMs, pid_file.string()}), options, pid_file,
                "run() of a child that sleeps 30 s without reading its 1 MiB of input (a "
                "blocking write() of the input never returns: write only what poll() allows, "
                "on a non-blocking descriptor)");
}

TEST(SubprocessTimeout, TimesOutAfterTheChildClosedItsOutputs) {
  TempDir dir;
  const std::filesystem::path pid_file = dir.path() / "pids";
  Options options;
  options.timeout = milliseconds(500);
  ExpectTimeout(HelperArgs("quiet-sleep", {kLongSleepMs, pid_file.string()}), options, pid_file,
                "run() of a child that closes its stdout and stderr, then sleeps 30 s (EOF on "
                "both pipes, yet the child runs: waiting for it must respect the timeout too)");
}

TEST(SubprocessTimeout, ChildThatEndsInTimeCompletesNormally) {
  TempDir dir;
  const std::filesystem::path pid_file = dir.path() / "pids";
  Options options;
  options.timeout = milliseconds(10'000);
  const std::string what = "run() of a child that sleeps 0.3 s, with a timeout of 10 s";
  Aftermath aftermath;
  const Call call = RunTimed(HelperArgs("sleep", {"300", pid_file.string()}), options);
  ExpectCompletedWith(call, what, 0, "", "");
  if (call.elapsed > milliseconds(5'000)) {
    ADD_FAILURE() << what << ": run() took " << Seconds(call.elapsed)
                  << "; expected it to return once the child ended, not to wait for the timeout";
  }
  aftermath.Check(what);

  const std::uint64_t seed = GraderSeed();
  const std::string spew_what =
      "run() of a child that writes 1 MiB to stdout and to stderr, with a timeout of 10 s";
  const Call spew = RunTimed(HelperArgs("spew", {std::to_string(seed), std::to_string(1 << 20)}),
                             options);
  ExpectCompletedWith(spew, spew_what, 0, PatternBytes(seed, 1, 1 << 20),
                      PatternBytes(seed, 2, 1 << 20));
  aftermath.Check(spew_what);
}

}  // namespace
}  // namespace subprocess_test
