// Known-bad: one static read buffer shared by every call of run().
//
// Alone, a program makes one call at a time and this works. Calls from several threads read
// their children's output into the same buffer at the same time: a data race, and outputs
// mixed between calls. ThreadSanitizer reports it in the threads test.
#include "subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>
#include <system_error>
#include <thread>

namespace sp {
namespace {

using Clock = std::chrono::steady_clock;

void Check(bool ok, const char* what) {
  if (!ok) throw std::system_error(errno, std::system_category(), what);
}

void CloseIf(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

[[noreturn]] void Fail(int report_fd) {
  const int error = errno;
  (void)!write(report_fd, &error, sizeof error);
  _exit(127);
}

int ReturnCode(int status) {
  return WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
}

}  // namespace

CompletedProcess run(const std::vector<std::string>& args, const RunOptions& options) {
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const char* cwd = options.cwd ? options.cwd->c_str() : nullptr;

  int in[2] = {-1, -1};
  int out[2] = {-1, -1};
  int err[2] = {-1, -1};
  int report[2] = {-1, -1};
  if (options.input) Check(pipe2(in, O_CLOEXEC) == 0, "pipe2");
  if (options.capture_output) {
    Check(pipe2(out, O_CLOEXEC) == 0, "pipe2");
    Check(pipe2(err, O_CLOEXEC) == 0, "pipe2");
  }
  Check(pipe2(report, O_CLOEXEC) == 0, "pipe2");

  const pid_t pid = fork();
  Check(pid >= 0, "fork");
  if (pid == 0) {
    setpgid(0, 0);
    signal(SIGPIPE, SIG_DFL);
    if (in[0] >= 0) dup2(in[0], 0);
    if (out[1] >= 0) dup2(out[1], 1);
    if (err[1] >= 0) dup2(err[1], 2);
    if (cwd != nullptr && chdir(cwd) != 0) Fail(report[1]);
    close_range(3, report[1] - 1, 0);
    close_range(report[1] + 1, ~0U, 0);
    execvp(argv[0], argv.data());
    Fail(report[1]);
  }
  CloseIf(report[1]);
  CloseIf(in[0]);
  CloseIf(out[1]);
  CloseIf(err[1]);

  int error = 0;
  ssize_t got;
  while ((got = read(report[0], &error, sizeof error)) < 0 && errno == EINTR) {
  }
  CloseIf(report[0]);
  if (got == sizeof error) {
    waitpid(pid, nullptr, 0);
    CloseIf(in[1]);
    CloseIf(out[0]);
    CloseIf(err[0]);
    throw std::system_error(error, std::system_category(), "cannot run " + args[0]);
  }

  // Writing to a child that has exited must not kill us.
  signal(SIGPIPE, SIG_IGN);
  std::string_view input = options.input ? std::string_view(*options.input) : "";
  if (in[1] >= 0) fcntl(in[1], F_SETFL, O_NONBLOCK);
  if (input.empty()) CloseIf(in[1]);

  CompletedProcess result{args, 0, "", ""};
  const auto deadline = Clock::now() + options.timeout.value_or(std::chrono::hours(24 * 365));
  bool timed_out = false;
  // One buffer for every call, to keep 64 KiB off the stack.
  static char buffer[65536];
  while (in[1] >= 0 || out[0] >= 0 || err[0] >= 0) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd fds[3] = {{in[1], POLLOUT, 0}, {out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
    if (poll(fds, 3, options.timeout ? static_cast<int>(left.count()) : -1) < 0) {
      if (errno == EINTR) continue;
      Check(false, "poll");
    }
    if (fds[0].revents != 0) {
      const ssize_t n = write(in[1], input.data(), std::min<std::size_t>(input.size(), 65536));
      if (n > 0) input.remove_prefix(static_cast<std::size_t>(n));
      if (input.empty() || (n < 0 && errno == EPIPE)) CloseIf(in[1]);
    }
    for (int i = 1; i < 3; ++i) {
      if (fds[i].revents == 0) continue;
      int& fd = i == 1 ? out[0] : err[0];
      const ssize_t n = read(fd, buffer, sizeof buffer);
      if (n > 0) (i == 1 ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
      if (n == 0) CloseIf(fd);
    }
  }

  int status = 0;
  while (!timed_out) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (Clock::now() >= deadline) {
      timed_out = true;
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  if (timed_out) {
    kill(-pid, SIGKILL);
    waitpid(pid, &status, 0);
    CloseIf(in[1]);
    CloseIf(out[0]);
    CloseIf(err[0]);
    throw TimeoutExpired("timed out: " + args[0]);
  }
  result.returncode = ReturnCode(status);
  return result;
}

}  // namespace sp
