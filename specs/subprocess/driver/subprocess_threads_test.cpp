// Hidden driver of the `subprocess` exercise, part 5: many threads at once (test `threads`).
//
// GRADER_THREADS threads (default 8), released together, each make kRounds calls of run():
// children that echo a tag unique to the call, sleep a little and exit with a status unique
// to the call, some with a cwd of the thread's own, some with input larger than a pipe, some
// that die of a signal, some of a program that does not exist. Every call must get its own
// child's results. What goes wrong when run() is not thread-safe: waitpid(-1) reaps another
// thread's child, chdir() in the parent moves another thread's child, a pipe without
// O_CLOEXEC leaks into another thread's child (whose reader then waits for EOF), a static
// buffer mixes outputs. No timeout expires here (see subprocess_timeout_test.cpp), so a run()
// that ignores timeouts fails only there.
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <climits>
#include <filesystem>
#include <latch>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "child_helpers.h"
#include "process_probe.h"
#include "run_check.h"

namespace subprocess_test {
namespace {

constexpr int kRounds = 6;

std::string WorkingDirectory() {
  char buffer[PATH_MAX];
  return getcwd(buffer, sizeof buffer) != nullptr ? buffer : "";
}

struct Round {
  unsigned thread;
  int round;
  const std::filesystem::path& own_dir;  // the thread's folder
  const std::string& parent_cwd;
};

// Makes one call; returns what went wrong, or "" if nothing did.
std::string PlayRound(const Round& r, std::mt19937_64& rng) {
  const std::string tag = "t" + std::to_string(r.thread) + "r" + std::to_string(r.round);
  const std::string where = "thread " + std::to_string(r.thread) + ", call " +
                            std::to_string(r.round + 1) + ": ";
  const int kind = (static_cast<int>(r.thread) + r.round) % 4;
  if (kind == 2) {
    const Call call = RunTimed({(r.own_dir / "missing-program").string()});
    if (call.result.outcome == Outcome::kSystemError && call.result.error_value == ENOENT) {
      return "";
    }
    return where + "run() of a program that does not exist " + DescribeResult(call.result) +
           ", expected std::system_error with code ENOENT";
  }
  if (kind == 3) {
    const Call call = RunTimed(HelperArgs("signal", {std::to_string(SIGTERM)}));
    if (call.result.outcome == Outcome::kCompleted && call.result.returncode == -SIGTERM) {
      return "";
    }
    return where + "run() of a child that kills itself with SIGTERM " +
           DescribeResult(call.result) + ", expected returncode " + std::to_string(-SIGTERM);
  }

  const int code = 1 + static_cast<int>((r.thread * kRounds + r.round) % 250);
  const int sleep_ms = static_cast<int>(rng() % 30);
  Options options;
  options.input = std::string(kind == 1 ? 300'000 + rng() % 1000 : 1 + rng() % 100,
                              static_cast<char>('a' + r.thread % 26));
  std::string expected_cwd = r.parent_cwd;
  if (kind == 0) {
    options.cwd = r.own_dir.string();
    expected_cwd = r.own_dir.string();
  } else {
    options.timeout = std::chrono::milliseconds(20'000);  // does not expire
  }
  const std::string expected_out = tag + "|" + *options.input;
  const std::string expected_err = tag + "|" + expected_cwd;
  const Call call = RunTimed(HelperArgs("mix", {std::to_string(code), std::to_string(sleep_ms), tag}),
                             options);
  const std::string what = where + "run() of a child that reads " +
                           std::to_string(options.input->size()) + " bytes of input, sleeps " +
                           std::to_string(sleep_ms) + " ms, writes its tag " + Printable(tag) +
                           " and exits with " + std::to_string(code) + ", " +
                           DescribeOptions(options) + ": ";
  const Result& result = call.result;
  if (result.outcome != Outcome::kCompleted) {
    return what + DescribeResult(result) + ", expected a CompletedProcess";
  }
  if (result.returncode != code) {
    return what + "returncode " + std::to_string(result.returncode) + ", expected " +
           std::to_string(code) +
           " (another thread's child's status? waitpid(-1, ...) reaps any child: wait for your "
           "own pid)";
  }
  if (result.out != expected_out) {
    return what + "out " + Printable(result.out) + ", expected " + Printable(expected_out) + " (" +
           FirstDifference(result.out, expected_out) + ")";
  }
  if (result.err != expected_err) {
    return what + "the child wrote the tag and working directory " + Printable(result.err, 200) +
           ", expected " + Printable(expected_err, 200) +
           " (did another thread's chdir() move it? change directory in the child only)";
  }
  if (result.args != call.args) return what + "CompletedProcess::args is not the args passed";
  return "";
}

TEST(SubprocessThreads, ConcurrentCallsGetTheirOwnResults) {
  const unsigned threads = GraderThreads();
  const std::uint64_t seed = GraderSeed();
  TempDir root;
  std::vector<std::filesystem::path> dirs;
  for (unsigned t = 0; t < threads; ++t) {
    dirs.push_back(root.path() / ("thread" + std::to_string(t)));
    std::filesystem::create_directory(dirs.back());
  }
  const std::string parent_cwd = WorkingDirectory();
  Aftermath aftermath;

  std::latch start(threads);
  std::vector<std::string> problems(threads);
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::mt19937_64 rng(seed * 1000 + t);
      start.arrive_and_wait();
      for (int round = 0; round < kRounds && problems[t].empty(); ++round) {
        problems[t] = PlayRound(Round{t, round, dirs[t], parent_cwd}, rng);
      }
    });
  }
  for (std::thread& worker : workers) worker.join();

  int failed = 0;
  for (const std::string& problem : problems) {
    if (problem.empty()) continue;
    if (failed++ < 3) {
      ADD_FAILURE() << problem << " [" << threads << " threads, each making " << kRounds
                    << " calls at once; GRADER_THREADS=" << threads << " GRADER_SEED=" << seed
                    << "]";
    }
  }
  aftermath.Check(std::to_string(threads) + " threads, each making " + std::to_string(kRounds) +
                  " calls of run() at once");
  if (WorkingDirectory() != parent_cwd) {
    ADD_FAILURE() << "after " << threads << " threads called run() at once, the test program's "
                  << "own working directory changed: change it in the child only (chdir after "
                     "fork)";
  }
}

}  // namespace
}  // namespace subprocess_test
