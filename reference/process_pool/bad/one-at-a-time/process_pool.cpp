// Correct results, and no deadlock: it forks a worker, reads its pipe to the end, waits for
// it, and only then forks the next. But the workers never run at the same time, so the
// pool is no faster than calling f in a loop.
#include "process_pool.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <system_error>

namespace {

bool WriteAll(int fd, const void* data, std::size_t size) {
  const char* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t written = write(fd, bytes, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

// Sends [index][length][result] for items first, first + stride, ...
[[noreturn]] void Work(const std::function<std::string(const std::string&)>& f,
                       const std::vector<std::string>& items, std::size_t first,
                       std::size_t stride, int out) {
  for (std::size_t i = first; i < items.size(); i += stride) {
    std::string result;
    try {
      result = f(items[i]);
    } catch (...) {
      _exit(1);
    }
    const std::uint64_t header[2] = {i, result.size()};
    if (!WriteAll(out, header, sizeof header) || !WriteAll(out, result.data(), result.size())) {
      _exit(2);
    }
  }
  _exit(0);
}

struct Worker {
  pid_t pid = -1;
  int fd = -1;
  std::string buffer;  // bytes read but not yet parsed
};

// Moves every complete message out of `buffer` into `results`.
void Parse(std::string& buffer, std::vector<std::string>& results, std::vector<bool>& received) {
  std::size_t at = 0;
  while (buffer.size() - at >= 16) {
    std::uint64_t header[2];
    std::memcpy(header, buffer.data() + at, sizeof header);
    if (buffer.size() - at - 16 < header[1]) break;
    results[header[0]] = buffer.substr(at + 16, header[1]);
    received[header[0]] = true;
    at += 16 + header[1];
  }
  buffer.erase(0, at);
}

void Reap(pid_t pid, int* status) {
  while (waitpid(pid, status, 0) < 0 && errno == EINTR) {
  }
}

// Kills, reaps and closes every worker still there.
void Abandon(std::vector<Worker>& workers) {
  for (Worker& worker : workers) {
    if (worker.fd >= 0) close(worker.fd);
    if (worker.pid > 0) {
      kill(worker.pid, SIGKILL);
      int status = 0;
      Reap(worker.pid, &status);
    }
  }
}

}  // namespace

std::vector<std::string> process_map(const std::function<std::string(const std::string&)>& f,
                                     const std::vector<std::string>& items, unsigned processes) {
  if (processes == 0) throw std::invalid_argument("process_map: processes must be positive");
  const std::size_t count = std::min<std::size_t>(processes, items.size());
  std::vector<Worker> workers(count);
  std::vector<std::string> results(items.size());
  std::vector<bool> received(items.size(), false);
  for (std::size_t k = 0; k < count; ++k) {
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0) {
      throw std::system_error(errno, std::generic_category(), "pipe2");
    }
    const pid_t pid = fork();
    if (pid < 0) {
      close(ends[0]);
      close(ends[1]);
      throw std::system_error(errno, std::generic_category(), "fork");
    }
    if (pid == 0) {
      close(ends[0]);
      Work(f, items, k, count, ends[1]);
    }
    close(ends[1]);
    Worker& worker = workers[k];
    worker.pid = pid;
    worker.fd = ends[0];
    // Collects this worker's results before starting the next worker.
    char chunk[65536];
    for (;;) {
      const ssize_t got = read(worker.fd, chunk, sizeof chunk);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) break;
      worker.buffer.append(chunk, static_cast<std::size_t>(got));
    }
    Parse(worker.buffer, results, received);
    close(worker.fd);
    worker.fd = -1;
    int status = 0;
    Reap(worker.pid, &status);
    worker.pid = -1;
    for (std::size_t i = k; i < items.size(); i += count) {
      if (!received[i]) {
        Abandon(workers);
        throw ChildProcessError("process_map: worker " + std::to_string(pid) +
                                " ended with wait status " + std::to_string(status) +
                                " before sending item " + std::to_string(i));
      }
    }
  }
  return results;
}
