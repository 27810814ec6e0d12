// Reference solution of `process_pool`.
//
// Theory of operation. process_map forks W = min(processes, items.size()) workers. Worker k
// computes items k, k + W, k + 2W, ... (round robin, so a run of slow items is shared out)
// and writes each result to its own pipe as soon as it has it, as one message:
//
//   [index: 8 bytes][kind: 1 byte][length: 8 bytes][length bytes of data]
//
// where kind says whether the data is f's result or the what() of an exception f threw.
// Then the worker ends with _exit(), never returning into the caller's code.
//
// The parent closes its copy of each write end right after the fork, so a pipe reports
// end-of-file exactly when its worker has stopped writing, whether it finished or died. It
// poll()s all read ends together and drains whichever is readable, placing each result at
// its index. A worker blocked on a full pipe is therefore always unblocked, and results of
// any size cannot deadlock; waiting for a worker before reading its pipe, or reading one pipe
// to its end before the next, would. At end-of-file the parent waitpid()s that worker: exit
// status 0 with every result of its share received is success; anything else is a
// ChildProcessError naming the first item of its share without a result, which is the item
// it was computing, because a worker sends its results in the order of its share.
//
// A Pool owns every read end and every pid not yet reaped; its destructor closes the pipes,
// kills the workers still running and reaps them. Every exit path, a return or any
// exception, goes through it, so none leaves a zombie or a descriptor behind. All pipes are
// close-on-exec: a program that f starts does not inherit them, and so cannot keep a pipe
// open (and process_map waiting for its end-of-file) after its worker has finished.
#include "process_pool.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <system_error>
#include <utility>

namespace {

using Function = std::function<std::string(const std::string&)>;

enum class MessageKind : unsigned char { kResult = 0, kException = 1 };

constexpr std::size_t kHeaderSize = 8 + 1 + 8;  // index, kind, length

// Exit statuses of a worker that could not do its job; the parent reports them as they are.
constexpr int kExitFunctionThrew = 1;  // after sending the exception's what()
constexpr int kExitWriteFailed = 2;    // the pipe broke: the parent is gone or gave up

[[noreturn]] void ThrowErrno(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

// Writes all `size` bytes, retrying after signals and partial writes. False on an error.
bool WriteAll(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t written = write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

bool SendMessage(int fd, std::uint64_t index, MessageKind kind, const std::string& data) {
  char header[kHeaderSize];
  const std::uint64_t length = data.size();
  std::memcpy(header, &index, 8);
  header[8] = static_cast<char>(kind);
  std::memcpy(header + 9, &length, 8);
  return WriteAll(fd, header, kHeaderSize) && WriteAll(fd, data.data(), data.size());
}

// The body of worker process: computes f on items first, first + stride, ... and sends each
// result down `out`. Never returns: a worker that returned from process_map would go on
// running the caller's program as a second copy of it.
[[noreturn]] void RunWorker(const Function& f, const std::vector<std::string>& items,
                            std::size_t first, std::size_t stride, int out) {
  int status = 0;
  try {
    for (std::size_t i = first; i < items.size(); i += stride) {
      std::string data;
      MessageKind kind = MessageKind::kResult;
      try {
        data = f(items[i]);
      } catch (const std::exception& error) {
        data = error.what();
        kind = MessageKind::kException;
      } catch (...) {
        data = "an exception that is not a std::exception";
        kind = MessageKind::kException;
      }
      if (!SendMessage(out, i, kind, data)) {
        status = kExitWriteFailed;
        break;
      }
      if (kind == MessageKind::kException) {
        status = kExitFunctionThrew;
        break;
      }
    }
  } catch (...) {
    status = kExitWriteFailed;  // std::bad_alloc copying a what(): nothing sensible to send
  }
  // Flushes what f printed; the parent flushed its own buffers before forking, so nothing
  // of the caller's output is written twice.
  std::fflush(nullptr);
  _exit(status);
}

// waitpid() that retries after signals. Returns the wait status, or 0 when there is no such
// child: the caller ignores SIGCHLD, so the kernel reaped it already and only the results
// can tell whether it succeeded.
int Reap(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return 0;
  }
  return status;
}

// The workers of one process_map call, and the results they sent so far.
class Pool {
 public:
  Pool(const Function& f, const std::vector<std::string>& items, std::size_t workers)
      : f_(f), items_(items), results_(items.size()), received_(items.size(), false),
        workers_(workers) {}

  // Closes what is still open and kills and reaps every worker not yet reaped: nothing is
  // left behind when Start or Collect throws.
  ~Pool() {
    for (Worker& worker : workers_) {
      if (worker.fd >= 0) close(worker.fd);
    }
    for (Worker& worker : workers_) {
      if (worker.pid > 0) kill(worker.pid, SIGKILL);
    }
    for (Worker& worker : workers_) {
      if (worker.pid > 0) Reap(worker.pid);
    }
  }

  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Forks the workers. Throws std::system_error when a pipe or a process cannot be made.
  void Start() {
    std::fflush(nullptr);  // or the children would inherit, and might write, the buffers
    for (std::size_t k = 0; k < workers_.size(); ++k) {
      int ends[2];
      if (pipe2(ends, O_CLOEXEC) != 0) ThrowErrno("process_map: pipe2");
      const pid_t pid = fork();
      if (pid < 0) {
        const int error = errno;
        close(ends[0]);
        close(ends[1]);
        throw std::system_error(error, std::generic_category(), "process_map: fork");
      }
      if (pid == 0) {
        // The parent is the only reader of every pipe: drop the read ends inherited so far.
        close(ends[0]);
        for (std::size_t j = 0; j < k; ++j) close(workers_[j].fd);
        RunWorker(f_, items_, k, workers_.size(), ends[1]);
      }
      close(ends[1]);  // only the worker writes: its end-of-file is the worker's end
      workers_[k].pid = pid;
      workers_[k].fd = ends[0];
    }
  }

  // Reads every pipe to its end and reaps its worker. Returns the results in item order, or
  // throws ChildProcessError at the first worker found to have failed.
  std::vector<std::string> Collect() {
    std::vector<pollfd> polled;
    std::vector<Worker*> polled_workers;
    std::vector<char> buffer(64 * 1024);
    for (;;) {
      polled.clear();
      polled_workers.clear();
      for (Worker& worker : workers_) {
        if (worker.fd < 0) continue;
        polled.push_back({worker.fd, POLLIN, 0});
        polled_workers.push_back(&worker);
      }
      if (polled.empty()) break;
      if (poll(polled.data(), polled.size(), -1) < 0) {
        if (errno == EINTR) continue;
        ThrowErrno("process_map: poll");
      }
      for (std::size_t p = 0; p < polled.size(); ++p) {
        if (polled[p].revents == 0) continue;
        Worker& worker = *polled_workers[p];
        const ssize_t got = read(worker.fd, buffer.data(), buffer.size());
        if (got < 0) {
          if (errno == EINTR) continue;
          ThrowErrno("process_map: read");
        }
        if (got == 0) {
          Finish(worker);
        } else {
          Consume(worker, buffer.data(), static_cast<std::size_t>(got));
        }
      }
    }
    return std::move(results_);
  }

 private:
  struct Worker {
    pid_t pid = -1;  // -1 once reaped
    int fd = -1;     // the read end of its pipe; -1 once closed
    // The message being received: its header, then its data.
    char header[kHeaderSize] = {};
    std::size_t header_bytes = 0;
    bool in_data = false;
    std::uint64_t index = 0;
    MessageKind kind = MessageKind::kResult;
    std::uint64_t data_left = 0;
    // Set when the worker reported that f threw.
    bool threw = false;
    std::uint64_t threw_on = 0;
    std::string exception_text;
  };

  std::size_t WorkerNumber(const Worker& worker) const {
    return static_cast<std::size_t>(&worker - workers_.data());
  }

  // Feeds bytes of a worker's pipe to its message parser.
  void Consume(Worker& worker, const char* data, std::size_t size) {
    while (size > 0) {
      if (!worker.in_data) {
        const std::size_t take = std::min(size, kHeaderSize - worker.header_bytes);
        std::memcpy(worker.header + worker.header_bytes, data, take);
        worker.header_bytes += take;
        data += take;
        size -= take;
        if (worker.header_bytes == kHeaderSize) StartMessage(worker);
        continue;
      }
      const std::size_t take =
          static_cast<std::size_t>(std::min<std::uint64_t>(size, worker.data_left));
      Destination(worker).append(data, take);
      worker.data_left -= take;
      data += take;
      size -= take;
      if (worker.data_left == 0) EndMessage(worker);
    }
  }

  void StartMessage(Worker& worker) {
    std::memcpy(&worker.index, worker.header, 8);
    worker.kind = static_cast<MessageKind>(worker.header[8]);
    std::memcpy(&worker.data_left, worker.header + 9, 8);
    worker.header_bytes = 0;
    // Only a worker's own items can come down its pipe, each once; anything else means the
    // pipe was written by someone else (f, say) and the stream cannot be trusted.
    const bool own_item = worker.index < items_.size() &&
                          worker.index % workers_.size() == WorkerNumber(worker) &&
                          !received_[worker.index];
    const bool known_kind =
        worker.kind == MessageKind::kResult || worker.kind == MessageKind::kException;
    if (!own_item || !known_kind) {
      throw ChildProcessError("process_map: worker process " + std::to_string(worker.pid) +
                              " sent a malformed message; did f write to a descriptor it does "
                              "not own?");
    }
    worker.in_data = true;
    Destination(worker).clear();
    if (worker.data_left == 0) EndMessage(worker);
  }

  std::string& Destination(Worker& worker) {
    return worker.kind == MessageKind::kResult ? results_[worker.index] : worker.exception_text;
  }

  void EndMessage(Worker& worker) {
    worker.in_data = false;
    if (worker.kind == MessageKind::kResult) {
      received_[worker.index] = true;
    } else {
      worker.threw = true;
      worker.threw_on = worker.index;
    }
  }

  // The first item of the worker's share without a result, or items_.size() if none.
  std::size_t FirstMissing(const Worker& worker) const {
    for (std::size_t i = WorkerNumber(worker); i < items_.size(); i += workers_.size()) {
      if (!received_[i]) return i;
    }
    return items_.size();
  }

  // The worker's pipe is at end-of-file: reaps it and throws if it did not finish its share.
  void Finish(Worker& worker) {
    close(worker.fd);
    worker.fd = -1;
    const pid_t pid = worker.pid;
    const int status = Reap(pid);
    worker.pid = -1;
    const std::size_t missing = FirstMissing(worker);
    const bool exited_zero = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (missing == items_.size() && exited_zero) return;

    std::string what = "process_map: worker process " + std::to_string(pid);
    const std::string item =
        missing < items_.size() ? "item " + std::to_string(missing) : "the last of its items";
    if (worker.threw) {
      what += ": f threw an exception on item " + std::to_string(worker.threw_on) + ": " +
              worker.exception_text;
    } else if (WIFSIGNALED(status)) {
      what += " was killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
              strsignal(WTERMSIG(status)) + ") while computing " + item;
    } else if (!exited_zero) {
      what += " exited with status " + std::to_string(WEXITSTATUS(status)) +
              " while computing " + item;
    } else {
      what += " exited with status 0 before sending the result of " + item;
    }
    throw ChildProcessError(what);
  }

  const Function& f_;
  const std::vector<std::string>& items_;
  std::vector<std::string> results_;
  std::vector<bool> received_;  // received_[i]: results_[i] is complete
  std::vector<Worker> workers_;
};

}  // namespace

std::vector<std::string> process_map(const Function& f, const std::vector<std::string>& items,
                                     unsigned processes) {
  if (processes == 0) {
    throw std::invalid_argument("process_map: processes must be at least 1");
  }
  const std::size_t workers = std::min<std::size_t>(processes, items.size());
  if (workers == 0) return {};
  Pool pool(f, items, workers);
  pool.Start();
  return pool.Collect();
}
