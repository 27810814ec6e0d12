// Reference solution of `subprocess`: Python's subprocess.run in C++, on fork, exec and poll.
//
// Theory of operation.
//  1. Everything the child needs is prepared before fork(): argv as C strings, the paths to
//     try (the PATH search is done here, as Python does), the pipe ends. Between fork() and
//     exec the child of a multi-threaded program may only call async-signal-safe functions:
//     another thread may have held the allocator's lock at the moment of fork(), and in the
//     child nobody will ever release it, so no malloc, no std::string, no locks there.
//  2. Every descriptor is created O_CLOEXEC, so no other thread's fork+exec can inherit it,
//     and the child closes everything but 0, 1 and 2 before exec (Python's close_fds=True),
//     so not even a descriptor the caller opened without O_CLOEXEC reaches the program.
//  3. A failed start is reported through an error pipe (O_CLOEXEC): a successful exec closes
//     the child's end, so the parent reads EOF; a failed chdir or exec writes {step, errno}
//     into it first. The parent thus knows whether the program started before it goes on,
//     and throws std::system_error (after reaping the child) when it did not.
//  4. The child leads a new process group, so that a timeout kills it and everything it
//     started with one kill(-pid, SIGKILL).
//  5. One poll() loop serves the child's stdin (non-blocking), stdout, stderr and a pidfd of
//     the child (readable once it has exited), with the time left as poll's timeout. Writing
//     input as the child drains it while reading both outputs as they fill is what avoids
//     the deadlocks of "write all input, then read" and "read stdout to its end, then
//     stderr": a child blocks as soon as the pipe it writes to holds 64 KiB.
//  6. The child is always reaped: ChildProcess kills and reaps it on every path that leaves
//     run() without having waited for it, exceptions included.
#include "subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

extern char** environ;

namespace sp {
namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void ThrowErrno(const std::string& what) {
  throw std::system_error(errno, std::system_category(), what);
}

// Owns one file descriptor; closes it when destroyed or reset.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      Reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { Reset(); }

  int get() const { return fd_; }
  bool is_open() const { return fd_ >= 0; }
  void Reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read;
  Fd write;
};

// The child dup2()s pipe ends onto 0, 1 and 2. That goes wrong when an end already is one of
// them (the caller closed its own stdin, say): dup2(0, 0) keeps O_CLOEXEC, and a later dup2
// may overwrite an end not yet moved. Ends numbered 3 or above avoid both.
Fd AboveStdio(Fd fd) {
  if (fd.get() > 2) return fd;
  Fd moved(fcntl(fd.get(), F_DUPFD_CLOEXEC, 3));
  if (!moved.is_open()) ThrowErrno("fcntl(F_DUPFD_CLOEXEC)");
  return moved;
}

Pipe MakePipe() {
  int ends[2];
  if (pipe2(ends, O_CLOEXEC) != 0) ThrowErrno("pipe2");
  Fd read(ends[0]);
  Fd write(ends[1]);
  return {AboveStdio(std::move(read)), AboveStdio(std::move(write))};
}

// What the child reports through the error pipe when it cannot start the program.
enum class Step : int { kSetup, kChdir, kExec };
struct ChildError {
  Step step;
  int error;  // errno
};

// Everything the child uses between fork() and exec, prepared by the parent. The pointers
// point into strings that the parent keeps alive until the child has exec'd or failed.
struct ChildPlan {
  std::vector<char*> argv;               // args as C strings, then nullptr
  std::vector<const char*> candidates;   // the paths to execve, in PATH order
  const char* cwd = nullptr;             // nullptr: stay in the parent's directory
  int stdin_fd = -1;                     // -1: inherit the parent's
  int stdout_fd = -1;
  int stderr_fd = -1;
  int error_fd = -1;                     // the error pipe's write end (O_CLOEXEC)
  int max_fd = 0;                        // for closing descriptors without close_range
};

// The paths execvp would try for `program`: itself when it names a path, else every PATH
// entry joined with it (an empty entry is the current directory).
std::vector<std::string> CandidatePaths(const std::string& program) {
  if (program.find('/') != std::string::npos) return {program};
  const char* path = std::getenv("PATH");
  std::string_view entries = path != nullptr ? path : "/bin:/usr/bin";  // glibc's default
  std::vector<std::string> candidates;
  while (true) {
    const std::size_t colon = entries.find(':');
    const std::string_view dir = entries.substr(0, colon);
    candidates.push_back(dir.empty() ? program : std::string(dir) + "/" + program);
    if (colon == std::string_view::npos) break;
    entries.remove_prefix(colon + 1);
  }
  return candidates;
}

// Child side, after fork(): async-signal-safe calls only (see the top of the file).
[[noreturn]] void ReportAndExit(int error_fd, Step step, int error) noexcept {
  const ChildError report{step, error};
  while (write(error_fd, &report, sizeof report) < 0 && errno == EINTR) {
  }
  _exit(127);
}

void CloseRange(int first, int last, int max_fd) noexcept {
  if (first > last) return;
  if (close_range(static_cast<unsigned>(first), static_cast<unsigned>(last), 0) == 0) return;
  // Kernels before 5.9 lack close_range: close one by one up to the descriptor limit.
  for (int fd = first; fd <= last && fd < max_fd; ++fd) close(fd);
}

[[noreturn]] void StartChild(const ChildPlan& plan) noexcept {
  if (setpgid(0, 0) != 0) ReportAndExit(plan.error_fd, Step::kSetup, errno);
  // The program starts the way programs expect to: no blocked signals, SIGPIPE at its
  // default action even when the caller ignores it (Python's restore_signals does the same).
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  signal(SIGPIPE, SIG_DFL);
  // dup2 leaves the copy without O_CLOEXEC, so 0, 1 and 2 survive exec.
  const int sources[3] = {plan.stdin_fd, plan.stdout_fd, plan.stderr_fd};
  for (int target = 0; target < 3; ++target) {
    if (sources[target] >= 0 && dup2(sources[target], target) < 0) {
      ReportAndExit(plan.error_fd, Step::kSetup, errno);
    }
  }
  if (plan.cwd != nullptr && chdir(plan.cwd) != 0) {
    ReportAndExit(plan.error_fd, Step::kChdir, errno);
  }
  // Everything but 0, 1, 2 and the error pipe goes; exec closes the error pipe.
  CloseRange(3, plan.error_fd - 1, plan.max_fd);
  CloseRange(plan.error_fd + 1, ~0U >> 1, plan.max_fd);

  int error = ENOENT;
  for (const char* path : plan.candidates) {
    execve(path, plan.argv.data(), environ);
    // As execvp: a PATH entry that does not hold the program is skipped; EACCES is
    // remembered in case no later entry works; any other failure is final.
    if (errno == EACCES) {
      error = EACCES;
    } else if (errno != ENOENT && errno != ENOTDIR) {
      error = errno;
      break;
    }
  }
  ReportAndExit(plan.error_fd, Step::kExec, error);
}

// Owns a started child: kills its process group and reaps it unless Wait() already did.
class ChildProcess {
 public:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess() {
    if (pid_ > 0) {
      KillGroup();
      int status = 0;
      while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
    }
  }

  pid_t pid() const { return pid_; }

  // SIGKILL to the child's group, and to the child itself in case it died before setpgid.
  void KillGroup() const {
    kill(-pid_, SIGKILL);
    kill(pid_, SIGKILL);
  }

  // Reaps the child; returns its wait status.
  int Wait() {
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0) {
      if (errno != EINTR) {
        pid_ = -1;
        ThrowErrno("waitpid");
      }
    }
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_;
};

// Keeps a write to a pipe whose reader has gone from killing the whole program with SIGPIPE.
// While it lives, SIGPIPE is blocked in this thread, so such a write fails with EPIPE and
// leaves a SIGPIPE pending instead; Discard() consumes that one (unless one was pending
// before), and the destructor restores the thread's signal mask. Per thread, unlike
// signal(SIGPIPE, SIG_IGN), so the rest of the program keeps its own disposition.
class SigpipeBlocker {
 public:
  SigpipeBlocker() {
    sigemptyset(&sigpipe_);
    sigaddset(&sigpipe_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    pending_before_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &sigpipe_, &old_mask_);
  }
  SigpipeBlocker(const SigpipeBlocker&) = delete;
  SigpipeBlocker& operator=(const SigpipeBlocker&) = delete;
  ~SigpipeBlocker() { pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr); }

  // Call after a write failed with EPIPE.
  void Discard() {
    if (pending_before_) return;
    const timespec no_wait{};
    while (sigtimedwait(&sigpipe_, nullptr, &no_wait) < 0 && errno == EINTR) {
    }
  }

 private:
  sigset_t sigpipe_;
  sigset_t old_mask_;
  bool pending_before_ = false;
};

std::string Quoted(const std::vector<std::string>& args) {
  std::string text = "[";
  for (std::size_t i = 0; i < args.size(); ++i) {
    text += (i > 0 ? ", '" : "'") + args[i] + "'";
  }
  return text + "]";
}

int ReturnCode(int status) {
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return WEXITSTATUS(status);
}

// The parent's side of a started child: its pipes' ends and a pidfd, each closed (reset) once
// it is done with.
struct Channels {
  Fd in;                   // the child's stdin, until all of `input` is written
  std::string_view input;  // what is left to write
  Fd out;                  // the child's stdout, until EOF
  Fd err;                  // the child's stderr, until EOF
  Fd exited;               // a pidfd: readable once the child has exited
};

// Moves what is ready between the child's pipes and `result` until every pipe is closed and
// the child has exited, or the deadline passes (then returns false).
bool Communicate(Channels& channels, CompletedProcess& result,
                 std::optional<Clock::time_point> deadline) {
  SigpipeBlocker sigpipe_blocker;
  char buffer[64 * 1024];
  Fd* const all[] = {&channels.in, &channels.out, &channels.err, &channels.exited};
  while (std::any_of(std::begin(all), std::end(all), [](Fd* fd) { return fd->is_open(); })) {
    pollfd fds[4];
    Fd* owners[4];
    nfds_t count = 0;
    for (Fd* fd : all) {
      if (!fd->is_open()) continue;
      fds[count] = {fd->get(), static_cast<short>(fd == &channels.in ? POLLOUT : POLLIN), 0};
      owners[count++] = fd;
    }
    int wait_ms = -1;
    if (deadline) {
      const auto left = *deadline - Clock::now();
      if (left <= Clock::duration::zero()) return false;
      // Rounded up: waking before the deadline would only spin.
      wait_ms = static_cast<int>(std::min<long long>(
          std::chrono::ceil<std::chrono::milliseconds>(left).count(), 1 << 30));
    }
    const int ready = poll(fds, count, wait_ms);
    if (ready < 0 && errno != EINTR) ThrowErrno("poll");
    if (ready <= 0) continue;  // interrupted or timed out: the loop checks the deadline

    for (nfds_t i = 0; i < count; ++i) {
      if (fds[i].revents == 0) continue;
      Fd& fd = *owners[i];
      if (&fd == &channels.exited) {
        fd.Reset();  // the child has exited; its pipes may still hold output
      } else if (&fd == &channels.in) {
        std::string_view& input = channels.input;
        const ssize_t written = write(fd.get(), input.data(), std::min(input.size(), sizeof buffer));
        if (written >= 0) {
          input.remove_prefix(static_cast<std::size_t>(written));
          if (input.empty()) fd.Reset();  // EOF for the child
        } else if (errno == EPIPE) {
          // The child closed its stdin or exited without reading all of it: the rest is
          // dropped, as Python does.
          sigpipe_blocker.Discard();
          fd.Reset();
        } else if (errno != EAGAIN && errno != EINTR) {
          ThrowErrno("write to the child's stdin");
        }
      } else {
        const ssize_t got = read(fd.get(), buffer, sizeof buffer);
        if (got > 0) {
          (&fd == &channels.out ? result.out : result.err)
              .append(buffer, static_cast<std::size_t>(got));
        } else if (got == 0) {
          fd.Reset();  // EOF: the child (and whatever inherited the pipe) closed it
        } else if (errno != EAGAIN && errno != EINTR) {
          ThrowErrno("read from the child");
        }
      }
    }
  }
  return true;
}

// Reads the error pipe until EOF (the program was exec'd: nullopt) or a whole ChildError
// (the child could not start it).
std::optional<ChildError> ReadStartReport(const Fd& error_pipe) {
  ChildError report{};
  std::size_t got = 0;
  while (got < sizeof report) {
    const ssize_t n =
        read(error_pipe.get(), reinterpret_cast<char*>(&report) + got, sizeof report - got);
    if (n > 0) {
      got += static_cast<std::size_t>(n);
    } else if (n == 0) {
      return std::nullopt;
    } else if (errno != EINTR) {
      ThrowErrno("read from the error pipe");
    }
  }
  return report;
}

[[noreturn]] void ThrowStartError(const ChildError& report, const std::vector<std::string>& args,
                                  const RunOptions& options) {
  std::string what;
  switch (report.step) {
    case Step::kChdir:
      what = "cannot enter the directory '" + *options.cwd + "' to run " + Quoted(args);
      break;
    case Step::kExec:
      what = "cannot run " + Quoted(args);
      break;
    case Step::kSetup:
      what = "cannot set up the child process for " + Quoted(args);
      break;
  }
  throw std::system_error(report.error, std::system_category(), what);
}

}  // namespace

CompletedProcess run(const std::vector<std::string>& args, const RunOptions& options) {
  if (args.empty()) throw std::invalid_argument("sp::run: args is empty");
  std::optional<Clock::time_point> deadline;
  if (options.timeout) deadline = Clock::now() + *options.timeout;

  // The child's argv points into a copy that lives as long as this call.
  std::vector<std::string> argv_storage = args;
  const std::vector<std::string> candidates = CandidatePaths(args[0]);
  ChildPlan plan;
  for (std::string& arg : argv_storage) plan.argv.push_back(arg.data());
  plan.argv.push_back(nullptr);
  for (const std::string& path : candidates) plan.candidates.push_back(path.c_str());
  if (options.cwd) plan.cwd = options.cwd->c_str();
  rlimit files{};
  plan.max_fd = getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < (1u << 20)
                    ? static_cast<int>(files.rlim_cur)
                    : 1 << 20;

  Pipe in;
  Pipe out;
  Pipe err;
  if (options.input) {
    in = MakePipe();
    plan.stdin_fd = in.read.get();
  }
  if (options.capture_output) {
    out = MakePipe();
    err = MakePipe();
    plan.stdout_fd = out.write.get();
    plan.stderr_fd = err.write.get();
  }
  Pipe error_pipe = MakePipe();
  plan.error_fd = error_pipe.write.get();

  const pid_t pid = fork();
  if (pid < 0) ThrowErrno("fork");
  if (pid == 0) StartChild(plan);
  ChildProcess child(pid);

  // The child's ends belong to the child now; holding them here would keep the pipes open
  // after the child exits, and the reads below would never see EOF.
  in.read.Reset();
  out.write.Reset();
  err.write.Reset();
  error_pipe.write.Reset();
  if (const std::optional<ChildError> report = ReadStartReport(error_pipe.read)) {
    child.Wait();
    ThrowStartError(*report, args, options);
  }
  error_pipe.read.Reset();

  Channels channels;
  // Readable once the child has exited: poll() can then wait for output and for the exit
  // together, with one timeout, even when the child closed its pipes early. Linux 5.3+;
  // through syscall() because glibc 2.36's <sys/pidfd.h> lacks extern "C" for C++.
  channels.exited = Fd(static_cast<int>(syscall(SYS_pidfd_open, child.pid(), 0)));
  if (!channels.exited.is_open()) ThrowErrno("pidfd_open");
  if (options.input && !options.input->empty()) {
    channels.in = std::move(in.write);
    channels.input = *options.input;
    if (fcntl(channels.in.get(), F_SETFL, O_NONBLOCK) != 0) ThrowErrno("fcntl(O_NONBLOCK)");
  }
  in.write.Reset();  // no input, or none left: EOF for the child at once
  channels.out = std::move(out.read);
  channels.err = std::move(err.read);

  CompletedProcess result{args, 0, {}, {}};
  if (!Communicate(channels, result, deadline)) {
    child.KillGroup();
    child.Wait();
    throw TimeoutExpired("command " + Quoted(args) + " timed out after " +
                         std::to_string(options.timeout->count()) + " milliseconds");
  }
  result.returncode = ReturnCode(child.Wait());
  return result;
}

}  // namespace sp
