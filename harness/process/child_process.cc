#include "process/child_process.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>

extern char** environ;

namespace grader {
namespace {

// execvp's search path when PATH is unset (glibc's confstr(_CS_PATH)).
constexpr char kDefaultPath[] = "/bin:/usr/bin";

// Where the child failed; sent with its errno through the close-on-exec pipe.
enum class ChildStage : int { kSetup, kChdir, kRlimit, kExec };

struct ChildFailure {
  ChildStage stage = ChildStage::kSetup;
  int error = 0;
};

struct ResourceLimit {
  int resource;
  rlimit value;
};

// Everything the child needs, built before fork: between fork and exec the child may only
// make async-signal-safe calls, because another thread of the harness may have held the
// malloc lock (or any other) at the moment of the fork.
struct ExecPlan {
  std::vector<std::string> candidates;  // paths handed to execve, in order
  std::vector<char*> argv;              // null-terminated, pointing into the options
  std::vector<char*> env_storage;       // null-terminated when the options give an env
  char** envp = nullptr;
  const char* cwd = nullptr;  // nullptr: the harness's own
  std::vector<ResourceLimit> limits;
  bool pin = false;  // restrict the child to `cpus`
  cpu_set_t cpus;
  std::vector<std::string> cgroup_files;  // cgroup.procs files to join
};

std::string SearchPath(const SubprocessOptions& options) {
  if (options.env) {
    for (const std::string& entry : *options.env) {
      if (entry.starts_with("PATH=")) return entry.substr(5);
    }
    return kDefaultPath;
  }
  const char* path = getenv("PATH");
  return path != nullptr ? path : kDefaultPath;
}

// The same search execvp does, but over the child's environment rather than the harness's,
// and done before fork because it allocates.
std::vector<std::string> ExecCandidates(const std::string& program, const std::string& path) {
  if (program.empty()) return {};
  if (program.find('/') != std::string::npos) return {program};
  std::vector<std::string> candidates;
  std::string::size_type begin = 0;
  while (true) {
    std::string::size_type end = path.find(':', begin);
    std::string dir = path.substr(begin, end == std::string::npos ? end : end - begin);
    candidates.push_back((dir.empty() ? std::string(".") : dir) + "/" + program);
    if (end == std::string::npos) break;
    begin = end + 1;
  }
  return candidates;
}

// Lowering a hard limit is always allowed, raising it above the harness's own is not: clamp
// so that a generous spec never turns into a spawn failure.
void AddLimit(std::vector<ResourceLimit>& limits, int resource, rlim_t soft, rlim_t hard) {
  rlimit current{};
  if (getrlimit(resource, &current) == 0 && current.rlim_max != RLIM_INFINITY) {
    hard = std::min(hard, current.rlim_max);
    soft = std::min(soft, hard);
  }
  limits.push_back({resource, {soft, hard}});
}

ExecPlan MakePlan(const SubprocessOptions& options) {
  ExecPlan plan;
  plan.candidates = ExecCandidates(options.argv[0], SearchPath(options));
  for (const std::string& arg : options.argv) plan.argv.push_back(const_cast<char*>(arg.c_str()));
  plan.argv.push_back(nullptr);
  if (options.env) {
    for (const std::string& entry : *options.env) {
      plan.env_storage.push_back(const_cast<char*>(entry.c_str()));
    }
    plan.env_storage.push_back(nullptr);
    plan.envp = plan.env_storage.data();
  } else {
    plan.envp = environ;
  }
  if (!options.cwd.empty()) plan.cwd = options.cwd.c_str();
  for (const auto& file : options.join_cgroups) plan.cgroup_files.push_back(file.string());

  // A core file of a crashing test would land in the workspace and count as its output.
  AddLimit(plan.limits, RLIMIT_CORE, 0, 0);
  if (options.cpu_limit.count() > 0) {
    rlim_t seconds = (options.cpu_limit.count() + 999) / 1000;
    // SIGXCPU at the soft limit; the hard limit one second later is SIGKILL for a child that
    // catches SIGXCPU.
    AddLimit(plan.limits, RLIMIT_CPU, seconds, seconds + 1);
  }
  if (options.file_size_limit > 0) {
    AddLimit(plan.limits, RLIMIT_FSIZE, options.file_size_limit, options.file_size_limit);
  }
  if (options.open_files_limit > 0) {
    rlim_t files = static_cast<rlim_t>(options.open_files_limit);
    AddLimit(plan.limits, RLIMIT_NOFILE, files, files);
  }
  if (!options.cpu_affinity.empty()) {
    plan.pin = true;
    CPU_ZERO(&plan.cpus);
    for (int cpu : options.cpu_affinity) CPU_SET(cpu, &plan.cpus);
  }
  return plan;
}

[[noreturn]] void FailInChild(int error_fd, ChildStage stage, int error) {
  ChildFailure failure{stage, error};
  // A write this small to a pipe is atomic: only EINTR can interrupt it.
  while (write(error_fd, &failure, sizeof failure) < 0 && errno == EINTR) {
  }
  _exit(127);
}

// Closes every descriptor from `first` on but `keep`. REQUIRES: keep >= first.
void CloseOtherDescriptors(int first, int keep) {
  bool closed = (keep == first || close_range(first, keep - 1, 0) == 0) &&
                close_range(keep + 1, ~0U, 0) == 0;
  if (closed) return;
  // Kernels before 5.9 lack close_range; /proc may not be mounted, so walk the whole table.
  rlimit files{};
  rlim_t end = 1 << 16;
  if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY) {
    end = std::min<rlim_t>(files.rlim_cur, 1 << 20);
  }
  for (rlim_t fd = first; fd < end; ++fd) {
    if (static_cast<int>(fd) != keep) close(static_cast<int>(fd));
  }
}

// Writes "0" (this process) into a cgroup's membership file.
bool JoinCgroup(const char* procs_file) {
  const int fd = open(procs_file, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  ssize_t wrote;
  do {
    wrote = write(fd, "0", 1);
  } while (wrote < 0 && errno == EINTR);
  close(fd);
  return wrote == 1;
}

bool ExecSearchGoesOn(int error) {
  return error == ENOENT || error == ENOTDIR || error == ESTALE || error == ENODEV ||
         error == ETIMEDOUT;
}

[[noreturn]] void RunChild(const ExecPlan& plan, const ChildStdio& stdio, int error_fd) {
  // Ignored signals and the mask survive exec: the child must not inherit, for instance,
  // the harness's SIGPIPE handling.
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  for (int sig = 1; sig < NSIG; ++sig) sigaction(sig, &default_action, nullptr);
  sigset_t empty;
  sigemptyset(&empty);
  sigprocmask(SIG_SETMASK, &empty, nullptr);

  if (setpgid(0, 0) != 0) FailInChild(error_fd, ChildStage::kSetup, errno);
  for (const std::string& file : plan.cgroup_files) {
    if (!JoinCgroup(file.c_str())) FailInChild(error_fd, ChildStage::kSetup, errno);
  }
  if (plan.pin && sched_setaffinity(0, sizeof plan.cpus, &plan.cpus) != 0) {
    FailInChild(error_fd, ChildStage::kSetup, errno);
  }
  const int targets[3][2] = {{stdio.in, 0}, {stdio.out, 1}, {stdio.err, 2}};
  for (const auto& [from, to] : targets) {
    while (dup2(from, to) < 0) {
      if (errno != EINTR) FailInChild(error_fd, ChildStage::kSetup, errno);
    }
  }
  if (plan.cwd != nullptr && chdir(plan.cwd) != 0) {
    FailInChild(error_fd, ChildStage::kChdir, errno);
  }
  int first_closed = 3;
  if (stdio.channel >= 0) {
    // The error pipe may sit where the channel goes: move it out of the way first.
    if (error_fd == kResultChannelFd) {
      error_fd = fcntl(error_fd, F_DUPFD_CLOEXEC, kResultChannelFd + 1);
      if (error_fd < 0) _exit(127);
    }
    if (stdio.channel == kResultChannelFd) {
      if (fcntl(kResultChannelFd, F_SETFD, 0) != 0) FailInChild(error_fd, ChildStage::kSetup, errno);
    } else {
      while (dup2(stdio.channel, kResultChannelFd) < 0) {
        if (errno != EINTR) FailInChild(error_fd, ChildStage::kSetup, errno);
      }
    }
    first_closed = kResultChannelFd + 1;
  }
  // Before the limits: a lower RLIMIT_NOFILE would hide high descriptors from the fallback.
  CloseOtherDescriptors(first_closed, error_fd);
  for (const ResourceLimit& limit : plan.limits) {
    if (setrlimit(limit.resource, &limit.value) != 0) {
      FailInChild(error_fd, ChildStage::kRlimit, errno);
    }
  }

  int error = ENOENT;
  bool saw_eacces = false;
  for (const std::string& candidate : plan.candidates) {
    execve(candidate.c_str(), plan.argv.data(), plan.envp);
    error = errno;
    if (plan.candidates.size() == 1) break;
    if (error == EACCES) {
      saw_eacces = true;
    } else if (!ExecSearchGoesOn(error)) {
      break;
    }
  }
  if (saw_eacces && ExecSearchGoesOn(error)) error = EACCES;
  FailInChild(error_fd, ChildStage::kExec, error);
}

std::string FailureContext(const SubprocessOptions& options, ChildStage stage) {
  const std::string& program = options.argv[0];
  switch (stage) {
    case ChildStage::kChdir:
      return fmt::format("cannot run '{}' in '{}'", program, options.cwd.string());
    case ChildStage::kRlimit:
      return fmt::format("cannot set resource limits for '{}'", program);
    case ChildStage::kExec:
      return fmt::format("cannot run '{}'", program);
    case ChildStage::kSetup:
      break;
  }
  return fmt::format("cannot start '{}'", program);
}

// Reads until `size` bytes or end of file; returns the bytes read.
std::size_t ReadFully(int fd, void* buffer, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    ssize_t got = read(fd, static_cast<char*>(buffer) + done, size - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    done += static_cast<std::size_t>(got);
  }
  return done;
}

std::chrono::nanoseconds ToDuration(const timeval& tv) {
  return std::chrono::seconds(tv.tv_sec) + std::chrono::microseconds(tv.tv_usec);
}

}  // namespace

ChildProcess::ChildProcess(const SubprocessOptions& options, const ChildStdio& stdio) {
  const ExecPlan plan = MakePlan(options);
  Pipe error_pipe = MakePipe();
  pid_t pid = fork();
  if (pid < 0) {
    throw std::system_error(errno, std::generic_category(),
                            fmt::format("cannot run '{}': fork", options.argv[0]));
  }
  if (pid == 0) RunChild(plan, stdio, error_pipe.write.get());

  pid_ = pid;
  // Set from both sides so the group exists whichever process runs first; the parent's
  // call fails harmlessly once the child has exec'd.
  setpgid(pid, pid);
  error_pipe.write.Reset();
  ChildFailure failure;
  std::size_t got = ReadFully(error_pipe.read.get(), &failure, sizeof failure);
  if (got == 0) {
#ifdef SYS_pidfd_open
    int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    if (pidfd >= 0) pidfd_.Reset(pidfd);
#endif
    return;
  }
  if (got != sizeof failure) failure = {ChildStage::kSetup, EIO};
  // The destructor does not run for a throwing constructor: reap here.
  KillGroup();
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  throw std::system_error(failure.error, std::generic_category(),
                          FailureContext(options, failure.stage));
}

ChildProcess::~ChildProcess() {
  if (pid_ <= 0 || reaped_) return;
  KillGroup();
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
}

bool ChildProcess::HasExited() {
  if (reaped_) return true;
  siginfo_t info{};
  while (waitid(P_PID, pid_, &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    // ECHILD: someone else reaped it (SIGCHLD ignored); Reap() reports that.
    if (errno != EINTR) return true;
  }
  return info.si_pid != 0;
}

void ChildProcess::KillGroup() {
  if (reaped_) return;
  // SIGKILL before SIGCONT: resuming first would let a stopped member run (and, say, exit 0)
  // between the two signals. Linux ends stopped members on SIGKILL alone; the SIGCONT after
  // it is the usual belt and braces of sandboxes (nsjail) and can no longer wake anyone early.
  kill(-pid_, SIGKILL);
  kill(-pid_, SIGCONT);
}

ChildExit ChildProcess::Reap() {
  int status = 0;
  rusage usage{};
  while (wait4(pid_, &status, 0, &usage) < 0) {
    if (errno == EINTR) continue;
    int error = errno;
    reaped_ = true;
    throw std::system_error(error, std::generic_category(),
                            fmt::format("cannot wait for process {}", pid_));
  }
  reaped_ = true;
  pidfd_.Reset();

  ChildExit result;
  if (WIFSIGNALED(status)) {
    result.status.signaled = true;
    result.status.signal = WTERMSIG(status);
  } else if (WIFEXITED(status)) {
    result.status.code = WEXITSTATUS(status);
  }
  result.cpu_time = ToDuration(usage.ru_utime) + ToDuration(usage.ru_stime);
  result.peak_rss = static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;
  return result;
}

}  // namespace grader
