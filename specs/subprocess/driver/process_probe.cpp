#include "process_probe.h"

#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace subprocess_test {
namespace {

struct ProcStat {
  char state = '?';
  pid_t parent = 0;
};

// /proc/PID/stat is "PID (COMM) STATE PPID ...", where COMM may hold spaces and ')'.
std::optional<ProcStat> ReadStat(const std::string& pid) {
  std::ifstream file("/proc/" + pid + "/stat");
  std::string line;
  if (!std::getline(file, line)) return std::nullopt;
  const std::size_t close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(line.substr(close + 1));
  ProcStat stat;
  if (!(rest >> stat.state >> stat.parent)) return std::nullopt;
  return stat;
}

bool AllDigits(const char* text) {
  if (*text == '\0') return false;
  for (; *text != '\0'; ++text) {
    if (*text < '0' || *text > '9') return false;
  }
  return true;
}

}  // namespace

std::vector<pid_t> ZombieChildren() {
  std::vector<pid_t> zombies;
  const pid_t self = getpid();
  DIR* proc = opendir("/proc");
  if (proc == nullptr) throw std::system_error(errno, std::system_category(), "opendir /proc");
  while (const dirent* entry = readdir(proc)) {
    if (!AllDigits(entry->d_name)) continue;
    const std::optional<ProcStat> stat = ReadStat(entry->d_name);
    if (stat && stat->parent == self && stat->state == 'Z') {
      zombies.push_back(static_cast<pid_t>(std::atoi(entry->d_name)));
    }
  }
  closedir(proc);
  return zombies;
}

void Reap(const std::vector<pid_t>& zombies) {
  for (const pid_t pid : zombies) {
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) < 0 && errno == EINTR) {
    }
  }
}

std::map<int, std::string> OpenDescriptors() {
  std::map<int, std::string> descriptors;
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) {
    throw std::system_error(errno, std::system_category(), "opendir /proc/self/fd");
  }
  while (const dirent* entry = readdir(dir)) {
    if (!AllDigits(entry->d_name)) continue;
    const int fd = std::atoi(entry->d_name);
    if (fd == dirfd(dir)) continue;
    char target[PATH_MAX] = {};
    const std::string link = std::string("/proc/self/fd/") + entry->d_name;
    const ssize_t length = readlink(link.c_str(), target, sizeof target - 1);
    descriptors[fd] = length >= 0 ? std::string(target, static_cast<std::size_t>(length)) : "?";
  }
  closedir(dir);
  return descriptors;
}

bool ProcessEnded(pid_t pid, std::chrono::milliseconds grace) {
  const auto give_up = std::chrono::steady_clock::now() + grace;
  while (true) {
    const std::optional<ProcStat> stat = ReadStat(std::to_string(pid));
    if (!stat || stat->state == 'Z' || stat->state == 'X') return true;
    if (std::chrono::steady_clock::now() >= give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::vector<pid_t> ReadPids(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::vector<pid_t> pids;
  for (long pid = 0; file >> pid;) {
    if (pid > 0) pids.push_back(static_cast<pid_t>(pid));
  }
  return pids;
}

TempDir::TempDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") +
                        "/subprocess-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::system_error(errno, std::system_category(), "mkdtemp " + pattern);
  }
  path_ = std::filesystem::canonical(pattern);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

Watchdog::Watchdog(std::filesystem::path pid_file, std::chrono::milliseconds after)
    : pid_file_(std::move(pid_file)),
      deadline_(std::chrono::steady_clock::now() + after),
      thread_([this] { Watch(); }) {}

Watchdog::~Watchdog() { Stop(); }

bool Watchdog::Stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  stop_requested_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  return fired_;
}

void Watchdog::Watch() {
  std::unique_lock lock(mutex_);
  if (stop_requested_.wait_until(lock, deadline_, [this] { return stop_; })) return;
  while (!stop_) {
    for (const pid_t pid : ReadPids(pid_file_)) {
      if (!ProcessEnded(pid, std::chrono::milliseconds(0)) && kill(pid, SIGKILL) == 0) {
        fired_ = true;
      }
    }
    stop_requested_.wait_for(lock, std::chrono::milliseconds(50), [this] { return stop_; });
  }
}

}  // namespace subprocess_test
