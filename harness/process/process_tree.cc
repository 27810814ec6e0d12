#include "process/process_tree.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
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

TreeUsage MeasureProcessTree(int root) {
  TreeUsage usage;
  const long page = sysconf(_SC_PAGESIZE);
  for (int pid : ProcessTreePids(root)) {
    // statm: size resident shared ... in pages.
    std::ifstream statm(fmt::format("/proc/{}/statm", pid));
    std::uint64_t size = 0, resident = 0;
    if (!(statm >> size >> resident)) continue;  // exited meanwhile
    usage.resident_bytes += resident * static_cast<std::uint64_t>(page);
    ++usage.processes;
    std::error_code ec;
    int threads = 0;
    for (auto it = std::filesystem::directory_iterator(fmt::format("/proc/{}/task", pid), ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
      ++threads;
    }
    usage.tasks += std::max(threads, 1);
  }
  return usage;
}

std::vector<int> StoppedCopiesOfRoot(int root) {
  std::error_code ec;
  const auto program = std::filesystem::read_symlink(fmt::format("/proc/{}/exe", root), ec);
  if (ec) return {};
  std::vector<int> stopped;
  for (int pid : ProcessTreePids(root)) {
    const auto exe = std::filesystem::read_symlink(fmt::format("/proc/{}/exe", pid), ec);
    if (ec || exe != program) continue;
    std::ifstream stat(fmt::format("/proc/{}/stat", pid));
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close != std::string::npos && close + 2 < text.size() &&
        (text[close + 2] == 'T' || text[close + 2] == 't')) {
      stopped.push_back(pid);
    }
  }
  return stopped;
}

std::uint64_t DiskUsage(const std::filesystem::path& dir, std::size_t max_entries) {
  std::uint64_t bytes = 0;
  std::size_t entries = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(
           dir, std::filesystem::directory_options::skip_permission_denied, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    // A flood of empty files would otherwise hide the large ones behind it.
    if (++entries > max_entries) return UINT64_MAX;
    struct stat info {};
    if (lstat(it->path().c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
      bytes += static_cast<std::uint64_t>(info.st_blocks) * 512;
    }
  }
  return bytes;
}

}  // namespace grader
