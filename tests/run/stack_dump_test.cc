// DumpThreadStacks on real hung programs: two threads deadlocked on two mutexes, run as they
// are, inside bubblewrap, and built with ThreadSanitizer; where gdb runs for a sandboxed
// program; and the ways a dump degrades.
#include "run/stack_dump.h"

#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "common/error.h"
#include "process/sandbox.h"
#include "process/subprocess.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

// Lines 10 and 16 are where each thread waits for the mutex the other holds.
constexpr char kDeadlockSource[] = R"(#include <chrono>
#include <mutex>
#include <thread>

std::mutex first_mutex, second_mutex;

void LockFirstThenSecond() {
  std::lock_guard<std::mutex> first(first_mutex);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::lock_guard<std::mutex> second(second_mutex);
}

void LockSecondThenFirst() {
  std::lock_guard<std::mutex> second(second_mutex);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::lock_guard<std::mutex> first(first_mutex);
}

int main() {
  std::thread a(LockFirstThenSecond), b(LockSecondThenFirst);
  a.join();
  b.join();
}
)";

::testing::AssertionResult Contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << part << "' is not in:\n" << text;
}

// Stands in for gdb inside the sandbox: prints a "Thread" line, so that its output counts as
// stacks, then the arguments, identity, capabilities and namespaces it ran with.
constexpr char kWitnessGdb[] = R"sh(#!/bin/sh
echo "Thread 1 (witness)"
echo "args: $*"
echo "ids: $(id -u) $(id -g)"
grep '^CapEff:' /proc/self/status
for kind in user mnt pid net; do echo "$kind: $(readlink /proc/self/ns/$kind)"; done
)sh";

std::string NamespaceLink(int pid, const std::string& kind) {
  std::error_code error;
  return fs::read_symlink(fmt::format("/proc/{}/ns/{}", pid, kind), error).string();
}

bool GdbInstalled() {
  SubprocessOptions options;
  options.argv = {"gdb", "--version"};
  options.wall_timeout = milliseconds(10'000);
  try {
    return RunSubprocess(options).status.Success();
  } catch (const std::system_error&) {
    return false;
  }
}

class StackDumpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!GdbInstalled()) GTEST_SKIP() << "gdb is not installed (scripts/setup installs it)";
    std::string name = (fs::temp_directory_path() / "grader-stack-dump-XXXXXX").string();
    if (mkdtemp(name.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = name;
    std::ofstream(dir_ / "deadlock.cpp") << kDeadlockSource;
  }
  void TearDown() override {
    std::error_code ignored;
    if (!dir_.empty()) fs::remove_all(dir_, ignored);
  }

  void Compile(const std::vector<std::string>& argv) {
    SubprocessOptions options;
    options.argv = argv;
    options.cwd = dir_;
    options.wall_timeout = milliseconds(60'000);
    const SubprocessResult result = RunSubprocess(options);
    ASSERT_TRUE(result.status.Success()) << result.err;
  }

  // Runs `argv` until its deadline and dumps its stacks just before the kill.
  StackDump RunUntilDeadline(std::vector<std::string> argv, StackDumpOptions dump_options = {},
                             milliseconds deadline = milliseconds(1500)) {
    StackDump dump;
    SubprocessOptions options;
    options.argv = std::move(argv);
    options.wall_timeout = deadline;
    options.before_deadline_kill = [&](int pid) { dump = DumpThreadStacks(pid, dump_options); };
    const SubprocessResult result = RunSubprocess(options);
    EXPECT_TRUE(result.timed_out);
    return dump;
  }

  // The bubblewrap sandbox with dir_ as its workspace; null (and the test skipped) without it.
  std::unique_ptr<Sandbox> Bwrap() {
    try {
      return MakeSandbox("bwrap");
    } catch (const InputError& error) {
      return nullptr;
    }
  }

  fs::path dir_;
};

TEST_F(StackDumpTest, ShowsWhereBothDeadlockedThreadsWait) {
  Compile({"g++", "-g", "-O0", "-pthread", "deadlock.cpp", "-o", "deadlock"});
  const StackDump dump = RunUntilDeadline({(dir_ / "deadlock").string()});
  ASSERT_TRUE(dump.Available()) << dump.problem;
  EXPECT_EQ(dump.problem, "");
  ASSERT_EQ(dump.processes.size(), 1u);
  const ProcessStacks& process = dump.processes[0];
  EXPECT_TRUE(process.complete);
  EXPECT_EQ(process.program, (dir_ / "deadlock").string());
  EXPECT_TRUE(Contains(process.gdb_output, "LockFirstThenSecond () at deadlock.cpp:10"));
  EXPECT_TRUE(Contains(process.gdb_output, "LockSecondThenFirst () at deadlock.cpp:16"));
  EXPECT_TRUE(Contains(process.gdb_output, "main () at deadlock.cpp:21"));
  EXPECT_TRUE(Contains(process.gdb_output, "Thread 3 "));
  EXPECT_LT(dump.elapsed, StackDumpOptions().time_budget);
}

TEST_F(StackDumpTest, ReadsAProgramInsideTheSandboxFromWithin) {
  std::unique_ptr<Sandbox> sandbox;
  try {
    sandbox = MakeSandbox("bwrap");
  } catch (const InputError& error) {
    GTEST_SKIP() << error.what();
  }
  SandboxPolicy policy;
  policy.workspace = dir_;
  const fs::path inside = sandbox->WorkspaceDir(policy);
  // Compiled inside, by its inside path, so that its debug information names
  // /submission/deadlock.cpp, a file the host does not have.
  Compile(sandbox->Wrap({"g++", "-g", "-O0", "-pthread", (inside / "deadlock.cpp").string(),
                         "-o", (inside / "deadlock").string()},
                        policy, inside));
  const StackDump dump = RunUntilDeadline(sandbox->Wrap({(inside / "deadlock").string()},
                                                        policy, inside));
  ASSERT_TRUE(dump.Available()) << dump.problem;
  // bwrap and its init in the PID namespace are skipped: one process, the test program.
  ASSERT_EQ(dump.processes.size(), 1u) << dump.problem;
  EXPECT_EQ(dump.processes[0].program, (inside / "deadlock").string());
  const std::string& text = dump.processes[0].gdb_output;
  EXPECT_TRUE(Contains(text, "LockFirstThenSecond () at /submission/deadlock.cpp:10"));
  EXPECT_TRUE(Contains(text, "LockSecondThenFirst () at /submission/deadlock.cpp:16"));
  EXPECT_TRUE(Contains(text, "std::mutex::lock"));
}

TEST_F(StackDumpTest, RunsGdbInTheSandboxedProcesssNamespacesWithoutPrivileges) {
  std::unique_ptr<Sandbox> sandbox = Bwrap();
  if (!sandbox) GTEST_SKIP() << "bwrap is not usable here";
  SandboxPolicy policy;
  policy.workspace = dir_;
  const fs::path inside = sandbox->WorkspaceDir(policy);
  std::ofstream(dir_ / "witness-gdb") << kWitnessGdb;
  fs::permissions(dir_ / "witness-gdb", fs::perms::owner_all | fs::perms::others_read |
                                            fs::perms::others_exec);
  StackDumpOptions dump_options;
  dump_options.gdb = (inside / "witness-gdb").string();

  StackDump dump;
  std::map<std::string, std::string> target;  // the program's namespaces and inside pid
  SubprocessOptions options;
  options.argv = sandbox->Wrap({"sleep", "10"}, policy, inside);
  options.wall_timeout = milliseconds(800);
  options.before_deadline_kill = [&](int pid) {
    dump = DumpThreadStacks(pid, dump_options);
    if (dump.processes.empty()) return;
    const int host_pid = dump.processes[0].pid;
    for (const char* kind : {"user", "mnt", "pid", "net"}) {
      target[kind] = NamespaceLink(host_pid, kind);
    }
  };
  EXPECT_TRUE(RunSubprocess(options).timed_out);

  ASSERT_TRUE(dump.Available()) << dump.problem;
  ASSERT_EQ(dump.processes.size(), 1u) << dump.problem;
  const std::string& text = dump.processes[0].gdb_output;
  for (const char* kind : {"user", "mnt", "pid", "net"}) {
    ASSERT_FALSE(target[kind].empty()) << kind;
    EXPECT_NE(target[kind], NamespaceLink(getpid(), kind)) << kind;
    EXPECT_TRUE(Contains(text, fmt::format("{}: {}\n", kind, target[kind])));
  }
  // bwrap's nobody, with no capability left, given the pid the sandbox knows (its init is 1).
  EXPECT_TRUE(Contains(text, "ids: 65534 65534\n"));
  EXPECT_TRUE(Contains(text, "CapEff:\t0000000000000000\n"));
  EXPECT_TRUE(Contains(text, "-p 2 "));
  EXPECT_TRUE(Contains(text, "-nx -batch "));
}

TEST_F(StackDumpTest, GdbMissingFromTheSandboxIsAProblem) {
  std::unique_ptr<Sandbox> sandbox = Bwrap();
  if (!sandbox) GTEST_SKIP() << "bwrap is not usable here";
  SandboxPolicy policy;
  policy.workspace = dir_;
  StackDumpOptions options;
  // Present on the host, absent in the sandbox: gdb is not looked up outside.
  options.gdb = (dir_ / "deadlock.cpp").string();
  const StackDump dump = RunUntilDeadline(
      sandbox->Wrap({"sleep", "10"}, policy, sandbox->WorkspaceDir(policy)), options,
      milliseconds(800));
  EXPECT_FALSE(dump.Available());
  EXPECT_TRUE(Contains(dump.problem, "is not installed (scripts/setup installs gdb)"));
}

TEST_F(StackDumpTest, ReadsAThreadSanitizerBuild) {
  Compile({"g++", "-g", "-O1", "-fsanitize=thread", "-pthread", "deadlock.cpp", "-o",
           "deadlock_tsan"});
  // TSan's deadlock detector would report the lock-order inversion and exit at once.
  const StackDump dump = RunUntilDeadline(
      {"env", "TSAN_OPTIONS=detect_deadlocks=0", (dir_ / "deadlock_tsan").string()});
  ASSERT_TRUE(dump.Available()) << dump.problem;
  const std::string& text = dump.processes.at(0).gdb_output;
  EXPECT_TRUE(Contains(text, "LockFirstThenSecond () at deadlock.cpp:10"));
  EXPECT_TRUE(Contains(text, "LockSecondThenFirst () at deadlock.cpp:16"));
  EXPECT_TRUE(Contains(text, "__tsan::BackgroundThread"));
}

TEST_F(StackDumpTest, MissingGdbIsAProblemNotAnException) {
  StackDumpOptions options;
  options.gdb = (dir_ / "no-such-gdb").string();
  const StackDump dump = RunUntilDeadline({"sleep", "10"}, options, milliseconds(300));
  EXPECT_TRUE(dump.attempted);
  EXPECT_FALSE(dump.Available());
  EXPECT_TRUE(Contains(dump.problem, "is not installed (scripts/setup installs gdb)"));
}

TEST_F(StackDumpTest, StopsAtTheTimeBudget) {
  StackDumpOptions options;
  options.time_budget = milliseconds(0);
  const StackDump dump = RunUntilDeadline({"sleep", "10"}, options, milliseconds(300));
  EXPECT_FALSE(dump.Available());
  EXPECT_TRUE(Contains(dump.problem, "no time was left to dump process"));
  EXPECT_LT(dump.elapsed, milliseconds(1000));
}

TEST_F(StackDumpTest, DumpsAtMostMaxProcessesOfAForkingProgram) {
  StackDumpOptions options;
  options.max_processes = 2;
  const StackDump dump =
      RunUntilDeadline({"sh", "-c", "sleep 10 & sleep 10 & wait"}, options, milliseconds(500));
  EXPECT_EQ(dump.processes.size(), 2u);
  EXPECT_TRUE(Contains(dump.problem, "only the first 2 of 3 processes were dumped"));
  for (const ProcessStacks& process : dump.processes) {
    EXPECT_TRUE(Contains(process.gdb_output, "Thread 1 ")) << process.program;
  }
}

TEST_F(StackDumpTest, NoProcessLeftIsAProblem) {
  const StackDump dump = DumpThreadStacks(999'999'999);
  EXPECT_TRUE(dump.attempted);
  EXPECT_FALSE(dump.Available());
  EXPECT_EQ(dump.problem, "no test process was left to attach to");
}

}  // namespace
}  // namespace grader
