// What the `subprocess` tests observe about processes and descriptors, through /proc.
//
// run() must leave nothing behind: no zombie child, no descriptor open in the parent, no
// process of a timed-out child's group still running. These functions look, without relying
// on the code under test.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace subprocess_test {

// Children of this process that have exited and were not reaped (state Z in /proc).
std::vector<pid_t> ZombieChildren();

// Reaps `zombies`, children of this process, so that one check's leftovers do not fail the
// next. REQUIRES: no other thread of the test waits for them.
void Reap(const std::vector<pid_t>& zombies);

// This process's open descriptors and what each refers to ("pipe:[1234]", "/dev/null").
std::map<int, std::string> OpenDescriptors();

// Whether `pid` has ended (gone from /proc, or a zombie), waiting up to `grace` for it:
// SIGKILL is delivered asynchronously, and a process takes a moment to die.
bool ProcessEnded(pid_t pid, std::chrono::milliseconds grace);

// The pids a helper wrote into `path` (see child_helpers.h); empty while it does not exist.
std::vector<pid_t> ReadPids(const std::filesystem::path& path);

// A new folder under $TMPDIR (else /tmp), removed with its contents at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // The folder, with symbolic links resolved (as getcwd() reports it).
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Keeps a run() that ignores its timeout from hanging the test: once `after` has passed
// since construction, it SIGKILLs every live process whose pid is in `pid_file` (checking
// again every 50 ms until stopped). The child's death closes its pipes and lets run()
// return, and the test then reports what happened.
class Watchdog {
 public:
  Watchdog(std::filesystem::path pid_file, std::chrono::milliseconds after);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  // Stops watching; returns whether it killed anything.
  bool Stop();

 private:
  void Watch();

  const std::filesystem::path pid_file_;
  const std::chrono::steady_clock::time_point deadline_;
  std::mutex mutex_;
  std::condition_variable stop_requested_;
  bool stop_ = false;   // guarded by mutex_
  bool fired_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace subprocess_test
