// One started child process: fork, exec, and the group kill and reap that must always follow.
//
// ChildProcess is the owner that makes "no zombie on any path" hold: from the moment its
// constructor returns until Reap(), the destructor kills the child's whole process group and
// reaps the child, so an exception anywhere in the caller still leaves nothing behind.
#pragma once

#include <chrono>
#include <cstdint>

#include "process/subprocess.h"
#include "process/unique_fd.h"

namespace grader {

// The descriptors that become the child's stdin, stdout and stderr. The caller keeps
// ownership and closes its copies of the child's ends once the constructor returns.
struct ChildStdio {
  int in = -1;
  int out = -1;
  int err = -1;
  int channel = -1;  // becomes the child's kResultChannelFd; -1: no channel
};

// What the kernel reports when the child is reaped.
struct ChildExit {
  ExitStatus status;
  std::chrono::nanoseconds cpu_time{0};  // user+system of the child and its reaped children
  std::uint64_t peak_rss = 0;            // bytes; max over the child and its reaped children
};

// A running (or exited, not yet reaped) child. Not thread-safe; move is not supported so
// that the pid stays owned by exactly one object.
class ChildProcess {
 public:
  // Starts options.argv with options.env, options.cwd and the rlimits of `options`, in a new
  // process group whose id is the child's pid, a member of options.join_cgroups, with every
  // other descriptor (but the result channel) closed and signal
  // dispositions and mask reset to the defaults. Returns once exec has succeeded.
  // Throws std::system_error (the child's errno; the message names argv[0]) when fork,
  // chdir, setrlimit or exec fails; the failed child has been reaped by then.
  // REQUIRES: !options.argv.empty().
  ChildProcess(const SubprocessOptions& options, const ChildStdio& stdio);

  // Kills the group and reaps the child unless Reap() already did.
  ~ChildProcess();

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  int pid() const { return pid_; }

  // A descriptor that polls readable once the child has exited (a pidfd), or -1 when the
  // kernel has none: then the caller polls HasExited() on a short period.
  int exit_fd() const { return pidfd_.get(); }

  // Whether the child has exited. Does not reap it, so its pid (and with it the process
  // group id) stays reserved and KillGroup() cannot hit an unrelated process.
  bool HasExited();

  // Sends SIGKILL and then SIGCONT to the whole process group: stopped members die too, and
  // none runs again before it does. Does nothing after Reap().
  void KillGroup();

  // Waits for the child to exit and reaps it. Call at most once.
  // Throws std::system_error if the child cannot be waited for (e.g. SIGCHLD is ignored).
  ChildExit Reap();

 private:
  int pid_ = -1;
  bool reaped_ = false;
  UniqueFd pidfd_;
};

}  // namespace grader
