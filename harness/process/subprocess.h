// Runs one child process to completion under a deadline, capturing its output.
//
// The child is started from an argv (never a shell string) in its own process group, with
// stdout and stderr on separate pipes, stdin fed from a string (then closed), and rlimits
// applied between fork and exec (core dumps are always disabled). The child inherits no
// descriptor but 0, 1 and 2, and starts with default signal dispositions and an empty mask.
// At the wall-clock deadline, or when the output cap is exceeded with
// kill_on_output_overflow, the whole process group is killed (SIGKILL, then SIGCONT); when
// the child exits on its own, what is left of its group is killed too. No path, exceptions
// included, leaves a zombie behind.
//
// A descendant that leaves the group (setsid) is beyond a group kill: the sandbox's PID
// namespace ends it. Here the harness merely stops waiting for the pipes it holds, 100 ms
// after the group kill.
//
// Thread-safe: runs may proceed concurrently from several threads. SIGPIPE is blocked in the
// calling thread while it runs; the process-wide disposition is left alone.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace grader {

struct SubprocessOptions {
  std::vector<std::string> argv;  // argv[0] is looked up in PATH when it has no '/'
  // The complete environment as "KEY=VALUE"; nullopt inherits the harness's environment.
  std::optional<std::vector<std::string>> env;
  std::filesystem::path cwd;  // empty: the harness's own
  std::string stdin_data;     // written to the child's stdin, which is then closed

  std::chrono::milliseconds wall_timeout{0};  // 0: no deadline
  std::chrono::milliseconds cpu_limit{0};     // RLIMIT_CPU, rounded up to seconds; 0: none
  std::uint64_t file_size_limit = 0;          // RLIMIT_FSIZE in bytes; 0: none
  int open_files_limit = 0;                   // RLIMIT_NOFILE; 0: unchanged
  // CPUs the child (and everything it starts) may run on; empty: all the harness may use.
  // One CPU forces the threads of a test to take turns, so preemption happens anywhere.
  std::vector<int> cpu_affinity;
  std::uint64_t stdout_cap = 1 << 20;         // bytes of stdout kept; the rest is counted
  std::uint64_t stderr_cap = 1 << 20;         // bytes of stderr kept; the rest is counted
  bool kill_on_output_overflow = false;       // kill the group once a cap is exceeded
                                              // (the result channel's cap too)

  // Called once, just before the group is killed at the deadline, with the child's pid,
  // while every process is still alive (used to dump thread stacks of a hung test).
  std::function<void(int pid)> before_deadline_kill;

  // Cgroup membership files (".../cgroup.procs") the child writes itself into before exec,
  // so that it and everything it starts are counted and limited there from the start.
  std::vector<std::filesystem::path> join_cgroups;
  // A pipe from the child to the harness, on the child's descriptor kResultChannelFd and
  // read like stdout into SubprocessResult::channel. It is how a test program reports its
  // results on a path its own stdout and stderr cannot reach.
  bool result_channel = false;
  std::uint64_t channel_cap = 16 << 20;
  // Called about every watchdog_period while the child runs. A non-empty return is the
  // reason to stop the run now: everything is killed and the reason is
  // SubprocessResult::watchdog_reason.
  std::function<std::string(int pid)> watchdog;  // called with the child's pid
  std::chrono::milliseconds watchdog_period{20};
  // Called after every kill of the child's process group and when the run ends, to kill
  // what left the group (setsid): for instance every member of the run's cgroup.
  std::function<void()> kill_escaped;
};

// The child's descriptor of the result channel (SubprocessOptions::result_channel).
inline constexpr int kResultChannelFd = 3;

struct ExitStatus {
  bool signaled = false;  // killed by a signal
  int code = 0;           // exit code when !signaled
  int signal = 0;         // signal number when signaled
  bool Success() const { return !signaled && code == 0; }
};

struct SubprocessResult {
  ExitStatus status;
  bool timed_out = false;        // killed at the wall-clock deadline
  bool output_overflow = false;  // a cap (of stdout, stderr or the channel) was exceeded
  std::chrono::nanoseconds wall_time{0};  // CLOCK_MONOTONIC, spawn to reap
  std::chrono::nanoseconds cpu_time{0};   // user+system of the child and its reaped children
  std::uint64_t peak_rss = 0;             // bytes; max over the child and reaped children
  std::string out;                        // at most stdout_cap bytes
  std::string err;                        // at most stderr_cap bytes
  std::uint64_t out_total = 0;            // bytes the child wrote to stdout
  std::uint64_t err_total = 0;            // bytes the child wrote to stderr
  std::string channel;                    // the result channel, at most channel_cap bytes
  std::string watchdog_reason;            // why the watchdog stopped the run; empty: it did not
};

// Runs the child and waits for it (and for its pipes to close or the deadline).
// Throws std::system_error when the program cannot be started (its errno, e.g. ENOENT,
// reported through a close-on-exec pipe); the message names argv[0].
SubprocessResult RunSubprocess(const SubprocessOptions& options);

// "exit 3", "killed by SIGSEGV (signal 11)", ...
std::string DescribeExit(const ExitStatus& status);

}  // namespace grader
