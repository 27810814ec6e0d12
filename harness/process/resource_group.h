// A cgroup for one run: limits and accounts the memory and the number of tasks of the run's
// whole process tree, and kills every member however it left its process group.
//
// Memory is limited by the kernel (its OOM killer stops the tree at the limit) and measured
// as resident memory, so it works for ThreadSanitizer builds, whose address space is huge
// but whose resident memory is not (RLIMIT_AS would break them). The task limit counts
// processes and threads: a fork bomb stops at it.
//
// cgroup v2 is used when the unified hierarchy lets us enable the memory and pids
// controllers below the harness's own cgroup; else cgroup v1's memory and pids hierarchies
// when they are writable; else none, and callers fall back to watching the process tree
// (process/process_tree.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <filesystem>
#include <string>
#include <vector>

namespace grader {

enum class CgroupVersion { kNone, kV1, kV2 };

struct GroupLimits {
  std::uint64_t memory = 0;  // bytes of resident memory (and swap); 0: no limit
  int tasks = 0;             // processes + threads at once; 0: no limit
};

class ResourceGroup {
 public:
  // What this machine offers; probed once per process by creating and removing a folder.
  static CgroupVersion Available();

  // "cgroup v2", "cgroup v1" or "none".
  static std::string_view VersionName(CgroupVersion version);

  // Creates the run's cgroup (one per controller under v1) with `limits`.
  // Throws InternalError when Available() is kNone or a folder cannot be made.
  explicit ResourceGroup(const GroupLimits& limits);

  // Kills every member, then removes the folders.
  ~ResourceGroup();

  ResourceGroup(const ResourceGroup&) = delete;
  ResourceGroup& operator=(const ResourceGroup&) = delete;

  // The membership files a new process writes itself into
  // (SubprocessOptions::join_cgroups).
  std::vector<std::filesystem::path> ProcsFiles() const;

  // SIGKILL to every member, repeated until none is left (a member forking while it is
  // being killed adds new ones) or about a second has passed.
  void KillAll();

  // The processes in the group now.
  std::vector<int> Members() const;

  std::uint64_t MemoryPeak() const;  // bytes at most resident at once; 0 when unknown
  bool MemoryLimitHit() const;       // the OOM killer killed a member at the limit
  int TaskLimitHits() const;         // forks and thread creations refused at the limit

  // User+system CPU time of every process that was in the group, exited ones included;
  // nullopt where no CPU accounting is writable (cgroup v1 without cpuacct).
  std::optional<std::chrono::nanoseconds> CpuTime() const;

 private:
  CgroupVersion version_;
  GroupLimits limits_;
  std::filesystem::path memory_dir_;  // v2: the one folder of both controllers
  std::filesystem::path pids_dir_;
  std::filesystem::path cpuacct_dir_;  // v1 only; empty without cpuacct
};

}  // namespace grader
