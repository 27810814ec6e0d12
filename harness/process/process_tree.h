// Reading a live process tree from /proc (Linux), for decisions made before it is killed.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <vector>

namespace grader {

// The pids of `root` and all its descendants (host pids, also of processes inside a PID
// namespace), found through /proc/<pid>/task/<tid>/children. Processes that exit while the
// tree is walked are skipped.
std::vector<int> ProcessTreePids(int root);

// User+system CPU time used so far by `root`'s tree: each live process's own time plus what
// its reaped children used.
std::chrono::nanoseconds ProcessTreeCpuTime(int root);

// What `root`'s tree holds right now: the fallback measure when no cgroup counts it.
struct TreeUsage {
  std::uint64_t resident_bytes = 0;  // sum of the processes' resident sets
  int processes = 0;
  int tasks = 0;  // threads of all the processes
};
TreeUsage MeasureProcessTree(int root);

// The processes of `root`'s tree that run the same program as `root` and are stopped
// (state T or t: by SIGSTOP, or by a ptrace attach whose tracer has exited). When `root` is
// the sandbox, those are the sandbox's own processes, which only the submission can have
// stopped.
std::vector<int> StoppedCopiesOfRoot(int root);

// Bytes of disk the files under `dir` occupy (allocated blocks, so a sparse file counts what
// it really uses). More than `max_entries` entries are too many to count, and more than any
// limit: then UINT64_MAX. Symlinks are not followed.
std::uint64_t DiskUsage(const std::filesystem::path& dir, std::size_t max_entries = 100000);

}  // namespace grader
