// Hidden driver of the `subprocess` exercise, part 1: the single-threaded contract (test
// `basics`, visible) and failures to start (test `start-errors`).
//
// Theory of operation (the whole driver): the driver never sees subprocess.hpp; it calls
// sp::run through subprocess_adapter.h, which glue/subprocess_glue.cpp implements per
// submission, so these files are compiled once per flavor. The children are the test binary
// itself, re-executed as one of the helpers of child_helpers.h. Every single-threaded check
// also looks, through /proc, for what run() must not leave behind (process_probe.h): zombie
// children and descriptors still open in the test program. A hang (run() waiting for
// something that never comes) is left to the harness's deadline, which reports where each
// thread waited; only a hang that is "ignored the timeout" is cut short by a Watchdog, so
// that it can be reported as that.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "child_helpers.h"
#include "process_probe.h"
#include "run_check.h"

namespace subprocess_test {
namespace {

std::string WorkingDirectory() {
  char buffer[PATH_MAX];
  return getcwd(buffer, sizeof buffer) != nullptr ? buffer : "";
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

// --- basics ---------------------------------------------------------------------------
TEST(SubprocessBasics, ReturnsExitStatusAndBothOutputs) {
  struct Case {
    int code;
    const char* out;
    const char* err;
  };
  for (const Case& c : {Case{0, "hello\n", ""}, Case{3, "hello\n", "oops\n"},
                        Case{0, "", "only stderr\n"}, Case{200, "", ""}, Case{255, "x", "y"}}) {
    const std::string what = "run() of a child that writes " + Printable(c.out) +
                             " to stdout and " + Printable(c.err) + " to stderr, then exits with " +
                             std::to_string(c.code);
    Aftermath aftermath;
    const Call call = RunTimed(HelperArgs("exit", {std::to_string(c.code), c.out, c.err}));
    ExpectCompletedWith(call, what, c.code, c.out, c.err);
    aftermath.Check(what);
  }
}

TEST(SubprocessBasics, PassesArgumentsUnchanged) {
  const std::vector<std::string> passed = {
      "two words", "", "'single'", "\"double\"", "$HOME", "*", "a;b|c&d", "back\\slash",
      "new\nline", "-x", "--flag=1", "\xc3\xbc\xc3\xb1\xc3\xaf"};
  std::string expected;
  for (const std::string& arg : passed) expected += arg + '\0';
  const std::string what =
      "run() of a child that writes back its arguments (with spaces, quotes, $, *, an empty one, "
      "a newline): no shell, each string one argument";
  Aftermath aftermath;
  const Call call = RunTimed(HelperArgs("args", passed));
  ExpectCompletedWith(call, what, 0, expected, "");
  aftermath.Check(what);
}

TEST(SubprocessBasics, FindsProgramInPathWithDefaultOptions) {
  const std::string what =
      "run({\"sh\", \"-c\", \"echo from sh; echo to err >&2; exit 7\"}) with the default options "
      "(sh is found through PATH)";
  Aftermath aftermath;
  const Call call =
      RunTimed({"sh", "-c", "echo from sh; echo to err >&2; exit 7"}, {}, /*default_options=*/true);
  ExpectCompletedWith(call, what, 7, "from sh\n", "to err\n");
  aftermath.Check(what);
}

TEST(SubprocessBasics, DefaultOptionsAreAsDocumented) {
  const Options defaults = subprocess_adapter::DefaultOptions();
  if (defaults.input) ADD_FAILURE() << "RunOptions{}.input must be empty (std::nullopt)";
  if (!defaults.capture_output) ADD_FAILURE() << "RunOptions{}.capture_output must be true";
  if (defaults.timeout) ADD_FAILURE() << "RunOptions{}.timeout must be empty (no timeout)";
  if (defaults.cwd) ADD_FAILURE() << "RunOptions{}.cwd must be empty (std::nullopt)";
}

TEST(SubprocessBasics, FeedsInputThenClosesStdin) {
  for (const std::string& input : {std::string("line one\nline two\n"), std::string()}) {
    const std::string what = "run() of a child that copies its stdin to stdout and stderr until "
                             "EOF, with input " + Printable(input) +
                             " (the child ends only once its stdin is closed)";
    Aftermath aftermath;
    Options options;
    options.input = input;
    const Call call = RunTimed(HelperArgs("tee"), options);
    ExpectCompletedWith(call, what, 0, input, input);
    aftermath.Check(what);
  }
}

TEST(SubprocessBasics, KeepsBinaryOutputExact) {
  const std::string what = "run() of a child that writes bytes such as '\\0', '\\r' and 0xff";
  Aftermath aftermath;
  const Call call = RunTimed(HelperArgs("bytes"));
  ExpectCompletedWith(call, what, 0, kBinaryOut, kBinaryErr);
  aftermath.Check(what);
}

TEST(SubprocessBasics, ReportsDeathBySignalAsMinusSignal) {
  for (const int signal_number : {SIGTERM, SIGKILL, SIGUSR1}) {
    const std::string what = "run() of a child that kills itself with signal " +
                             std::to_string(signal_number) + " (" + strsignal(signal_number) + ")";
    Aftermath aftermath;
    const Call call = RunTimed(HelperArgs("signal", {std::to_string(signal_number)}));
    ExpectCompletedWith(call, what, -signal_number, "", "");
    aftermath.Check(what);
  }
}

TEST(SubprocessBasics, RunsInTheGivenWorkingDirectory) {
  TempDir dir;
  const std::string before = WorkingDirectory();
  const std::string what = "run() of a child that writes its working directory, with cwd " +
                           Printable(dir.path().string(), 200);
  Aftermath aftermath;
  Options options;
  options.cwd = dir.path().string();
  const Call call = RunTimed(HelperArgs("pwd"), options);
  ExpectCompletedWith(call, what, 0, dir.path().string(), "");
  aftermath.Check(what);
  if (WorkingDirectory() != before) {
    ADD_FAILURE() << what << ": afterwards the test program's own working directory is "
                  << Printable(WorkingDirectory(), 200) << ", not " << Printable(before, 200)
                  << ": change it in the child only (chdir after fork), never in the parent";
  }

  const std::string default_what = "run() of a child that writes its working directory, without "
                                   "cwd (it must inherit the parent's)";
  const Call inherited = RunTimed(HelperArgs("pwd"));
  ExpectCompletedWith(inherited, default_what, 0, before, "");
}

TEST(SubprocessBasics, WithoutCaptureTheChildWritesToOurOutputs) {
  TempDir dir;
  const std::string what = "run() of a child that writes \"to stdout\\n\" and \"to stderr\\n\" and "
                           "exits with 5, with capture_output false";
  Aftermath aftermath;
  std::fflush(stdout);
  std::fflush(stderr);
  // Our own stdout and stderr go to files for the call, so the test can see what reached them.
  const int saved_out = fcntl(1, F_DUPFD_CLOEXEC, 3);
  const int saved_err = fcntl(2, F_DUPFD_CLOEXEC, 3);
  ASSERT_GE(saved_out, 0);
  ASSERT_GE(saved_err, 0);
  const int out_file = open((dir.path() / "out").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  const int err_file = open((dir.path() / "err").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  ASSERT_GE(out_file, 0);
  ASSERT_GE(err_file, 0);
  dup2(out_file, 1);
  dup2(err_file, 2);
  close(out_file);
  close(err_file);

  Options options;
  options.capture_output = false;
  const Call call = RunTimed(HelperArgs("exit", {"5", "to stdout\n", "to stderr\n"}), options);

  dup2(saved_out, 1);
  dup2(saved_err, 2);
  close(saved_out);
  close(saved_err);
  ExpectCompletedWith(call, what, 5, "", "");
  aftermath.Check(what);
  const std::string out = ReadFile(dir.path() / "out");
  const std::string err = ReadFile(dir.path() / "err");
  if (out != "to stdout\n") {
    ADD_FAILURE() << what << ": the test program's own stdout received " << Printable(out)
                  << ", expected \"to stdout\\n\": without capture the child inherits the "
                     "parent's stdout (no pipe, no dup2 of fd 1)";
  }
  if (err != "to stderr\n") {
    ADD_FAILURE() << what << ": the test program's own stderr received " << Printable(err)
                  << ", expected \"to stderr\\n\": without capture the child inherits the "
                     "parent's stderr (no pipe, no dup2 of fd 2)";
  }
}

// --- start-errors ---------------------------------------------------------------------
// Adds a failure unless `call` threw std::system_error with code `error`, leaving nothing
// behind (checked by the caller's Aftermath).
void ExpectSystemError(const Call& call, std::string_view what, int error) {
  const Result& result = call.result;
  if (result.outcome == Outcome::kSystemError) {
    if (result.error_value != error) {
      ADD_FAILURE() << what << ": run() " << DescribeResult(result) << ", expected the code "
                    << error << " (" << std::strerror(error)
                    << "): the errno of the step that failed in the child, sent to the parent";
    }
    return;
  }
  std::string hint;
  if (result.outcome == Outcome::kCompleted && result.returncode == 127) {
    hint = ": the child failed and exited, but run() must throw; let the child send errno "
           "through a close-on-exec pipe (EOF there means the exec succeeded)";
  } else if (result.outcome == Outcome::kCompleted) {
    hint = ": the child could not start, so run() must throw";
  }
  ADD_FAILURE() << what << ": run() " << DescribeResult(result) << ", expected it to throw "
                << "std::system_error with code " << error << " (" << std::strerror(error) << ")"
                << hint;
}

TEST(SubprocessStartErrors, MissingProgramThrowsSystemError) {
  TempDir dir;
  struct Case {
    std::vector<std::string> args;
    std::string what;
  };
  const std::vector<Case> cases = {
      {{(dir.path() / "no-such-program").string(), "arg"},
       "run() of a program path that does not exist"},
      {{"no-such-program-in-path", "arg"}, "run() of a program name that no PATH entry holds"},
  };
  for (const Case& c : cases) {
    Aftermath aftermath;
    const Call call = RunTimed(c.args);
    ExpectSystemError(call, c.what, ENOENT);
    aftermath.Check(c.what);
  }
}

TEST(SubprocessStartErrors, NonExecutableProgramThrowsSystemError) {
  TempDir dir;
  const std::filesystem::path script = dir.path() / "not-executable";
  std::ofstream(script) << "#!/bin/sh\necho should not run\n";
  chmod(script.c_str(), 0644);
  const std::string what = "run() of a file without execute permission";
  Aftermath aftermath;
  const Call call = RunTimed({script.string()});
  ExpectSystemError(call, what, EACCES);
  aftermath.Check(what);
}

TEST(SubprocessStartErrors, MissingWorkingDirectoryThrowsSystemError) {
  TempDir dir;
  const std::string what = "run() with a cwd that does not exist";
  Aftermath aftermath;
  Options options;
  options.cwd = (dir.path() / "missing").string();
  const Call call = RunTimed(HelperArgs("pwd"), options);
  ExpectSystemError(call, what, ENOENT);
  aftermath.Check(what);
}

TEST(SubprocessStartErrors, ManyFailuresLeaveNothingBehind) {
  TempDir dir;
  const std::string what = "20 calls of run() of a program that does not exist, some with input";
  Aftermath aftermath;
  for (int i = 0; i < 20; ++i) {
    Options options;
    if (i % 2 == 1) options.input = std::string(100'000, 'x');
    const Call call = RunTimed({(dir.path() / "missing").string()}, options);
    if (call.result.outcome != Outcome::kSystemError) {
      ExpectSystemError(call, what, ENOENT);
      break;
    }
  }
  aftermath.Check(what);
}

}  // namespace
}  // namespace subprocess_test
