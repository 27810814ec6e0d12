// Observations of the real process table for the process stage's tests: which processes are
// still alive, which of our children are zombies, and scratch folders.
#pragma once

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace grader::testing {

// A fresh folder under the temp directory, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string name =
        (std::filesystem::temp_directory_path() / "grader-process-test-XXXXXX").string();
    if (mkdtemp(name.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = name;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Empty when the file cannot be read, e.g. a /proc entry of a process that just exited.
inline std::string ReadFile(const std::filesystem::path& path) {
  try {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } catch (const std::exception&) {
    return "";
  }
}

inline void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A string no other process on the machine has in its command line.
inline std::string UniqueMarker() {
  static std::atomic<int> counter{0};
  return "grader-test-marker-" + std::to_string(getpid()) + "-" + std::to_string(++counter) +
         "-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
}

// Field 3 (state) and 4 (ppid) of /proc/<pid>/stat; the name in field 2 may hold spaces.
inline bool ReadStat(const std::filesystem::path& proc_dir, char* state, int* ppid) {
  std::string stat = ReadFile(proc_dir / "stat");
  auto name_end = stat.rfind(')');
  if (name_end == std::string::npos) return false;
  std::istringstream rest(stat.substr(name_end + 1));
  rest >> *state >> *ppid;
  return static_cast<bool>(rest);
}

inline std::vector<int> ProcessPids() {
  std::vector<int> pids;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") == std::string::npos) pids.push_back(std::stoi(name));
  }
  return pids;
}

// Living (non-zombie) processes, other than this one, whose command line contains `marker`.
inline std::vector<int> LiveProcessesWithMarker(const std::string& marker) {
  std::vector<int> found;
  for (int pid : ProcessPids()) {
    if (pid == getpid()) continue;
    const std::filesystem::path dir = "/proc/" + std::to_string(pid);
    std::string cmdline = ReadFile(dir / "cmdline");
    char state = '?';
    int ppid = 0;
    if (cmdline.find(marker) == std::string::npos || !ReadStat(dir, &state, &ppid)) continue;
    if (state != 'Z' && state != 'X') found.push_back(pid);
  }
  return found;
}

// Killing by SIGKILL is asynchronous: allow the kernel a moment to finish the job.
inline bool NoProcessWithMarkerWithin(const std::string& marker,
                                      std::chrono::milliseconds patience) {
  auto end = std::chrono::steady_clock::now() + patience;
  while (!LiveProcessesWithMarker(marker).empty()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

// Clean-up for tests whose processes deliberately escape: kills exactly those, by pid.
inline void KillProcessesWithMarker(const std::string& marker) {
  for (int pid : LiveProcessesWithMarker(marker)) kill(pid, SIGKILL);
}

// Zombies whose parent is this process.
inline std::vector<int> ZombieChildren() {
  std::vector<int> zombies;
  for (int pid : ProcessPids()) {
    char state = '?';
    int ppid = 0;
    if (ReadStat("/proc/" + std::to_string(pid), &state, &ppid) && ppid == getpid() &&
        state == 'Z') {
      zombies.push_back(pid);
    }
  }
  return zombies;
}

// True when this process has no child at all, reaped or not.
inline bool HasNoChildren() {
  return waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

}  // namespace grader::testing
