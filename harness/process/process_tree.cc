#include "process/process_tree.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

namespace grader {
namespace {

void CollectChildren(int pid, std::vector<int>& pids) {
  std::error_code ec;
  const std::string task_dir = fmt::format("/proc/{}/task", pid);
  std::vector<int> children;
  for (const auto& task : std::filesystem::directory_iterator(task_dir, ec)) {
    std::ifstream in(task.path() / "children");
    int child;
    while (in >> child) children.push_back(child);
  }
  for (int child : children) {
    pids.push_back(child);
    CollectChildren(child, pids);
  }
}

// utime, stime, cutime, cstime are fields 14-17 of /proc/<pid>/stat; the command name
// (field 2) may hold spaces and parentheses, so fields are counted after its last ')'.
long long StatCpuTicks(int pid) {
  std::ifstream in(fmt::format("/proc/{}/stat", pid));
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto close = stat.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  long long ticks = 0;
  for (int index = 3; fields >> field && index <= 17; ++index) {
    if (index >= 14) ticks += std::stoll(field);
  }
  return ticks;
}

}  // namespace

std::vector<int> ProcessTreePids(int root) {
  std::vector<int> pids = {root};
  CollectChildren(root, pids);
  return pids;
}

std::chrono::nanoseconds ProcessTreeCpuTime(int root) {
  long long ticks = 0;
  for (int pid : ProcessTreePids(root)) ticks += StatCpuTicks(pid);
  const long ticks_per_second = sysconf(_SC_CLK_TCK);
  return std::chrono::nanoseconds(ticks * 1'000'000'000LL / ticks_per_second);
}

}  // namespace grader
