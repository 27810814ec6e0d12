// Like the lecture's Pool.map when a worker is killed: it hangs. The parent keeps its
// copies of the pipes' write ends open until the end and reads from each worker exactly the
// number of results it owes, so when a worker dies the read never sees end-of-file and
// waits forever for a result that cannot come.
#include "process_pool.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
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

// Reads exactly `size` bytes; false at end-of-file.
bool ReadExact(int fd, void* data, std::size_t size) {
  char* bytes = static_cast<char*>(data);
  while (size > 0) {
    const ssize_t got = read(fd, bytes, size);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    bytes += got;
    size -= static_cast<std::size_t>(got);
  }
  return true;
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
  std::vector<int> write_ends;  // closed once every result is in
  for (std::size_t k = 0; k < count; ++k) {
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0) {
      throw std::system_error(errno, std::generic_category(), "pipe2");
    }
    const pid_t pid = fork();
    if (pid < 0) {
      throw std::system_error(errno, std::generic_category(), "fork");
    }
    if (pid == 0) {
      close(ends[0]);
      Work(f, items, k, count, ends[1]);
    }
    write_ends.push_back(ends[1]);
    workers[k].pid = pid;
    workers[k].fd = ends[0];
  }

  // Reads, from each worker in turn, exactly the results it owes. The parent still holds
  // every write end, so a pipe never reaches end-of-file: when a worker dies, the read
  // waits for a result that can never come.
  std::vector<std::string> results(items.size());
  for (std::size_t k = 0; k < count; ++k) {
    for (std::size_t i = k; i < items.size(); i += count) {
      std::uint64_t header[2];
      if (!ReadExact(workers[k].fd, header, sizeof header)) {
        Abandon(workers);
        throw ChildProcessError("process_map: worker died before item " + std::to_string(i));
      }
      std::string result(header[1], '\0');
      if (!ReadExact(workers[k].fd, result.data(), result.size())) {
        Abandon(workers);
        throw ChildProcessError("process_map: worker died before item " + std::to_string(i));
      }
      results[header[0]] = std::move(result);
    }
  }
  for (int fd : write_ends) close(fd);
  for (std::size_t k = 0; k < count; ++k) {
    close(workers[k].fd);
    workers[k].fd = -1;
    int status = 0;
    Reap(workers[k].pid, &status);
    const pid_t pid = workers[k].pid;
    workers[k].pid = -1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      Abandon(workers);
      throw ChildProcessError("process_map: worker " + std::to_string(pid) +
                              " failed with wait status " + std::to_string(status));
    }
  }
  return results;
}
