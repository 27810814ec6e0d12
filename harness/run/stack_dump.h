// Thread stacks of a hung test program, taken with gdb just before its run is killed.
//
// The stacks are evidence for a `deadlock` or `time-limit` verdict: where each thread of the
// student's program waits or loops. gdb attaches to each test process of the run's tree;
// bubblewrap's own processes are skipped. A missing gdb or a failed attach is a value, never
// an exception: the verdict does not depend on the stacks.
//
// gdb parses the test binary, which the student's code could have replaced with a crafted
// ELF while it ran. So gdb never holds more than that code does: for a process in a sandbox
// (a user namespace other than the harness's) it runs through nsenter inside the process's
// namespaces (user, mount, PID and those others that differ), as the process's uid and gid,
// without capabilities, and sees only the sandbox's files (/usr/bin/gdb, /submission/...)
// and its pids. Only without a sandbox (backend "none", no security boundary) does gdb run
// on the host, as the harness. Either way it runs with no init files, no auto-loaded
// scripts, no debuginfod and the system's libthread_db only, under a deadline and an output
// cap.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace grader {

struct StackDumpOptions {
  std::string gdb = "gdb";  // looked up in PATH (the sandbox's, in one) when it has no '/'
  std::string nsenter = "nsenter";  // util-linux; joins a sandboxed process's namespaces
  // Wall time for all gdb runs together; a gdb still running then is killed and what it
  // printed so far is kept.
  std::chrono::milliseconds time_budget{10'000};
  std::uint64_t output_cap = 1 << 20;  // bytes of gdb output kept per process
  int max_processes = 4;  // test processes dumped (a program that forks may have more)
  int max_frames = 64;    // innermost frames printed per thread (deep recursion)
};

// What gdb printed for one process.
struct ProcessStacks {
  int pid = 0;              // host pid
  std::string program;      // /proc/<pid>/exe as the process sees it
  std::string gdb_output;   // gdb's stdout: the `thread apply all bt` text, maybe truncated
                            // (LWP numbers are pids as the process sees them)
  bool complete = false;    // gdb ended by itself, within the budget and the output cap
};

struct StackDump {
  bool attempted = false;               // DumpThreadStacks was called
  std::vector<ProcessStacks> processes;  // processes gdb printed at least one stack of
  // Why stacks are missing or partial ("gdb is not installed ...", "ptrace: Operation not
  // permitted."); empty when every test process was dumped.
  std::string problem;
  std::chrono::milliseconds elapsed{0};  // wall time of the whole dump

  bool Available() const { return !processes.empty(); }
};

// Dumps every thread's stack of each test process in the tree under `root_pid` (the pid
// RunSubprocess started: bwrap, or the program itself without a sandbox).
// REQUIRES: the tree is alive and not otherwise traced. The processes are left running
// (gdb detaches); the caller kills them. Thread-safe. Never throws for gdb's failures.
StackDump DumpThreadStacks(int root_pid, const StackDumpOptions& options = {});

}  // namespace grader
