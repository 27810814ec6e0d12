// Reading a live process tree from /proc (Linux), for decisions made before it is killed.
#pragma once

#include <chrono>
#include <vector>

namespace grader {

// The pids of `root` and all its descendants (host pids, also of processes inside a PID
// namespace), found through /proc/<pid>/task/<tid>/children. Processes that exit while the
// tree is walked are skipped.
std::vector<int> ProcessTreePids(int root);

// User+system CPU time used so far by `root`'s tree: each live process's own time plus what
// its reaped children used.
std::chrono::nanoseconds ProcessTreeCpuTime(int root);

}  // namespace grader
