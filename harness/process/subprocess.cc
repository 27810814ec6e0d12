// Theory of operation.
//
// ChildProcess forks and execs the child in its own process group and owns it until it is
// reaped. This file runs the one poll loop that serves everything else at once: it feeds
// stdin without ever blocking (a child that never reads cannot stall us), drains stdout and
// stderr (and the result channel) into capped buffers, notices the child's exit through a pidfd (or a short polling
// period on old kernels), and acts on three clocks:
//   - the wall deadline: before_deadline_kill, then the whole group is killed;
//   - the watchdog's period: a limit it finds broken kills everything at once;
//   - after the child's exit, the pipes may stay open a little longer (a last writer in the
//     group); past kLinger the group is killed so a daemonised grandchild cannot hang us;
//   - after that kill, pipes still open belong to a process that left the group (setsid);
//     they are abandoned after another kLinger.
// The child is only reaped at the end (it stays a zombie until then), so its pid, which is
// also the group id, cannot be reused by an unrelated process while we send group kills.
#include "process/subprocess.h"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <string_view>
#include <system_error>

#include <fmt/format.h>

#include "common/error.h"
#include "process/child_process.h"
#include "process/unique_fd.h"

namespace grader {
namespace {

using Clock = std::chrono::steady_clock;  // CLOCK_MONOTONIC in libstdc++

constexpr std::chrono::milliseconds kLinger{100};
constexpr std::chrono::milliseconds kExitPollPeriod{10};
constexpr std::size_t kChunk = 64 * 1024;

// SIGPIPE from writing to a child that closed its stdin must not kill the harness, and the
// process-wide disposition is not ours to change: block it in this thread only, where the
// kernel directs it, and discard what our writes raised before unblocking.
class ScopedSigpipeBlock {
 public:
  ScopedSigpipeBlock() {
    sigemptyset(&pipe_set_);
    sigaddset(&pipe_set_, SIGPIPE);
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_set_, &saved_mask_);
  }
  ~ScopedSigpipeBlock() {
    if (!was_pending_) {
      const timespec zero{};
      while (sigtimedwait(&pipe_set_, nullptr, &zero) >= 0 || errno == EINTR) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &saved_mask_, nullptr);
  }
  ScopedSigpipeBlock(const ScopedSigpipeBlock&) = delete;
  ScopedSigpipeBlock& operator=(const ScopedSigpipeBlock&) = delete;

 private:
  sigset_t pipe_set_;
  sigset_t saved_mask_;
  bool was_pending_ = false;
};

// The harness's end of the child's stdin.
struct InputStream {
  UniqueFd fd;
  std::string_view data;
  std::size_t offset = 0;

  // Writes until the pipe is full; closes the pipe when all is written or the child is gone.
  void WriteAvailable() {
    while (offset < data.size()) {
      ssize_t wrote = write(fd.get(), data.data() + offset, std::min(data.size() - offset, kChunk));
      if (wrote < 0 && errno == EINTR) continue;
      if (wrote < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (wrote < 0) break;  // EPIPE: nobody reads the rest
      offset += static_cast<std::size_t>(wrote);
    }
    fd.Reset();
  }
};

// The harness's end of stdout or stderr, and what has been kept of it.
struct OutputStream {
  UniqueFd fd;
  std::uint64_t cap = 0;
  std::string* kept = nullptr;
  std::uint64_t* total = nullptr;

  bool Overflowed() const { return *total > cap; }

  // One read per poll round, so that neither pipe nor the deadline can starve the others.
  void ReadAvailable() {
    char buffer[kChunk];
    ssize_t got;
    do {
      got = read(fd.get(), buffer, sizeof buffer);
    } while (got < 0 && errno == EINTR);
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    if (got <= 0) {
      fd.Reset();
      return;
    }
    *total += static_cast<std::uint64_t>(got);
    if (kept->size() < cap) {
      kept->append(buffer, std::min<std::uint64_t>(static_cast<std::uint64_t>(got),
                                                    cap - kept->size()));
    }
  }
};

int PollTimeout(Clock::time_point now, Clock::time_point wake) {
  if (wake == Clock::time_point::max()) return -1;
  if (wake <= now) return 0;
  auto millis = std::chrono::ceil<std::chrono::milliseconds>(wake - now).count();
  return static_cast<int>(std::min<decltype(millis)>(millis, INT_MAX));
}

}  // namespace

SubprocessResult RunSubprocess(const SubprocessOptions& options) {
  if (options.argv.empty()) throw InternalError("RunSubprocess: empty argv");
  ScopedSigpipeBlock sigpipe_block;
  SubprocessResult result;

  Pipe in = MakePipe();
  Pipe out = MakePipe();
  Pipe err = MakePipe();
  Pipe channel;
  if (options.result_channel) channel = MakePipe();
  const Clock::time_point start = Clock::now();
  ChildProcess child(options, {in.read.get(), out.write.get(), err.write.get(),
                               options.result_channel ? channel.write.get() : -1});
  in.read.Reset();
  out.write.Reset();
  err.write.Reset();
  channel.write.Reset();
  auto kill_all = [&] {
    child.KillGroup();
    if (options.kill_escaped) options.kill_escaped();
  };

  InputStream input{std::move(in.write), options.stdin_data};
  std::uint64_t channel_total = 0;
  OutputStream outputs[3] = {
      {std::move(out.read), options.stdout_cap, &result.out, &result.out_total},
      {std::move(err.read), options.stderr_cap, &result.err, &result.err_total},
      {std::move(channel.read), options.channel_cap, &result.channel, &channel_total},
  };
  constexpr int kOutputs = 3;
  SetNonBlocking(input.fd.get());
  for (OutputStream& output : outputs) {
    if (output.fd.valid()) SetNonBlocking(output.fd.get());
  }
  if (input.data.empty()) input.fd.Reset();

  const Clock::time_point deadline = options.wall_timeout.count() > 0
                                         ? start + options.wall_timeout
                                         : Clock::time_point::max();
  bool exited = false;
  bool killed_for_overflow = false;
  Clock::time_point linger_end = Clock::time_point::max();
  Clock::time_point drain_end = Clock::time_point::max();
  bool killed_after_exit = false;
  Clock::time_point next_watch =
      options.watchdog ? start + options.watchdog_period : Clock::time_point::max();
  auto outputs_open = [&] {
    return std::any_of(std::begin(outputs), std::end(outputs),
                       [](const OutputStream& output) { return output.fd.valid(); });
  };

  while (true) {
    Clock::time_point now = Clock::now();
    if (!exited && now >= next_watch && result.watchdog_reason.empty()) {
      result.watchdog_reason = options.watchdog(child.pid());
      if (!result.watchdog_reason.empty()) {
        kill_all();
        next_watch = Clock::time_point::max();
      } else {
        next_watch = now + options.watchdog_period;
      }
    }
    if (!exited && child.HasExited()) {
      exited = true;
      result.wall_time = now - start;
      linger_end = std::min(now + kLinger, deadline);
      input.fd.Reset();
    }
    if (!exited && now >= deadline && !result.timed_out) {
      result.timed_out = true;
      if (options.before_deadline_kill) options.before_deadline_kill(child.pid());
      kill_all();
      continue;
    }
    if (exited) {
      if (!outputs_open()) break;
      if (!killed_after_exit && now >= linger_end) {
        kill_all();
        killed_after_exit = true;
        drain_end = now + kLinger;
      }
      if (killed_after_exit && now >= drain_end) break;
    }
    if (options.kill_on_output_overflow && !killed_for_overflow &&
        (outputs[0].Overflowed() || outputs[1].Overflowed() || outputs[2].Overflowed())) {
      kill_all();
      killed_for_overflow = true;
    }

    Clock::time_point wake = Clock::time_point::max();
    if (exited) {
      wake = killed_after_exit ? drain_end : linger_end;
    } else {
      if (!result.timed_out) wake = deadline;
      if (child.exit_fd() < 0) wake = std::min(wake, now + kExitPollPeriod);
      wake = std::min(wake, next_watch);
    }

    pollfd fds[kOutputs + 2];
    nfds_t count = 0;
    int output_index[kOutputs] = {-1, -1, -1};
    int input_index = -1;
    for (int i = 0; i < kOutputs; ++i) {
      if (!outputs[i].fd.valid()) continue;
      output_index[i] = static_cast<int>(count);
      fds[count++] = {outputs[i].fd.get(), POLLIN, 0};
    }
    if (input.fd.valid()) {
      input_index = static_cast<int>(count);
      fds[count++] = {input.fd.get(), POLLOUT, 0};
    }
    if (!exited && child.exit_fd() >= 0) fds[count++] = {child.exit_fd(), POLLIN, 0};

    if (poll(fds, count, PollTimeout(now, wake)) < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "poll");
    }
    for (int i = 0; i < kOutputs; ++i) {
      if (output_index[i] >= 0 && fds[output_index[i]].revents != 0) outputs[i].ReadAvailable();
    }
    if (input_index >= 0) {
      short revents = fds[input_index].revents;
      if (revents & (POLLERR | POLLHUP | POLLNVAL)) {
        input.fd.Reset();
      } else if (revents & POLLOUT) {
        input.WriteAvailable();
      }
    }
  }

  // Also the leftovers of a child that exited on its own: nothing of the run survives it.
  kill_all();
  ChildExit exit = child.Reap();
  result.status = exit.status;
  result.cpu_time = exit.cpu_time;
  result.peak_rss = exit.peak_rss;
  result.output_overflow =
      outputs[0].Overflowed() || outputs[1].Overflowed() || outputs[2].Overflowed();
  return result;
}

std::string DescribeExit(const ExitStatus& status) {
  if (!status.signaled) return fmt::format("exit {}", status.code);
  const char* name = sigabbrev_np(status.signal);
  if (name == nullptr) return fmt::format("killed by signal {}", status.signal);
  return fmt::format("killed by SIG{} (signal {})", name, status.signal);
}

}  // namespace grader
