// Hidden driver of the `subprocess` exercise, part 2: megabytes through the pipes (test
// `big-pipes`). A pipe holds 64 KiB; a child that writes more blocks until the parent reads.
// So run() must serve stdin, stdout and stderr together (poll), or these calls never return:
// the harness then reports a deadlock with the stacks of the waiting threads.
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <string>

#include "child_helpers.h"
#include "process_probe.h"
#include "run_check.h"

namespace subprocess_test {
namespace {

constexpr std::size_t kMiB = 1 << 20;

void ExpectBytes(std::string_view what, std::string_view stream, const std::string& actual,
                 const std::string& expected) {
  const std::string difference = FirstDifference(actual, expected);
  if (!difference.empty()) {
    ADD_FAILURE() << what << ": " << stream << " holds " << difference << " [GRADER_SEED="
                  << GraderSeed() << "]";
  }
}

TEST(SubprocessPipes, MegabytesOnStdoutAndStderrAtOnce) {
  const std::uint64_t seed = GraderSeed();
  const std::size_t size = 4 * kMiB;
  const std::string what =
      "run() of a child that writes 4 MiB to stdout and 4 MiB to stderr, switching between them "
      "at random (a child blocks once the pipe it writes to holds 64 KiB: read both pipes as "
      "data arrives, with poll())";
  Aftermath aftermath;
  const Call call = RunTimed(HelperArgs("spew", {std::to_string(seed), std::to_string(size)}));
  if (ExpectCompleted(call, what)) {
    if (call.result.returncode != 0) {
      ADD_FAILURE() << what << ": returncode " << call.result.returncode << ", expected 0";
    }
    ExpectBytes(what, "out", call.result.out, PatternBytes(seed, 1, size));
    ExpectBytes(what, "err", call.result.err, PatternBytes(seed, 2, size));
  }
  aftermath.Check(what);
}

TEST(SubprocessPipes, MegabytesOfInputWhileReadingBothOutputs) {
  const std::string input = PatternBytes(GraderSeed(), 4, 8 * kMiB);
  const std::string what =
      "run() of a child that copies its stdin to stdout and to stderr as it reads, with 8 MiB "
      "of input (write the input only as the child drains it, while reading both outputs: "
      "writing all of it first blocks forever once the child blocks on a full stdout)";
  Aftermath aftermath;
  Options options;
  options.input = input;
  const Call call = RunTimed(HelperArgs("tee"), options);
  if (ExpectCompleted(call, what)) {
    if (call.result.returncode != 0) {
      ADD_FAILURE() << what << ": returncode " << call.result.returncode << ", expected 0";
    }
    ExpectBytes(what, "out", call.result.out, input);
    ExpectBytes(what, "err", call.result.err, input);
  }
  aftermath.Check(what);
}

// Set by CatchSigpipe. A SIGPIPE that reaches the test program's handler would have killed
// a program with the default action; the test catches it only to say so.
std::atomic<bool> g_sigpipe_caught{false};

void CatchSigpipe(int) { g_sigpipe_caught.store(true); }

TEST(SubprocessPipes, ChildThatExitsWithoutReadingItsInput) {
  const std::string what =
      "run() of a child that exits at once without reading its stdin, with 4 MiB of input (the "
      "rest of the input is dropped, as Python does)";
  struct sigaction catcher = {};
  catcher.sa_handler = CatchSigpipe;
  struct sigaction previous = {};
  sigaction(SIGPIPE, &catcher, &previous);
  g_sigpipe_caught.store(false);
  Aftermath aftermath;
  Options options;
  options.input = std::string(4 * kMiB, 'i');
  const Call call = RunTimed(HelperArgs("ignore-input"), options);
  const bool caught = g_sigpipe_caught.load();
  sigaction(SIGPIPE, &previous, nullptr);
  if (caught) {
    ADD_FAILURE() << what << ": run() let a SIGPIPE reach the program (writing to a pipe whose "
                     "reader has gone raises it). Its default action kills the whole program; the "
                     "test caught it only to tell you. Block or ignore SIGPIPE while writing the "
                     "input (write() then fails with EPIPE: stop writing), and leave none pending";
  }
  ExpectCompletedWith(call, what, 0, "", "");
  aftermath.Check(what);
}

}  // namespace
}  // namespace subprocess_test
