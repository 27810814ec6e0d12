#include "timing/available_cores.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "process/cpus.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

std::string ReadFirstLine(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

std::optional<double> ToNumber(const std::string& text) {
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used == 0) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The mount point of the cgroup hierarchy holding `controller` ("" for cgroup2).
std::optional<fs::path> MountOf(const std::string& controller) {
  std::ifstream mounts("/proc/mounts");
  for (std::string line; std::getline(mounts, line);) {
    std::istringstream fields(line);
    std::string device, point, type, options;
    fields >> device >> point >> type >> options;
    if (controller.empty() && type == "cgroup2") return fs::path(point);
    if (!controller.empty() && type == "cgroup") {
      std::istringstream list(options);
      for (std::string option; std::getline(list, option, ',');) {
        if (option == controller) return fs::path(point);
      }
    }
  }
  return std::nullopt;
}

// This process's cgroup path in the hierarchy of `controller` ("" for cgroup2's "0::").
std::optional<std::string> OwnCgroup(const std::string& controller) {
  std::ifstream in("/proc/self/cgroup");
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find(':');
    const auto second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    const std::string controllers = line.substr(first + 1, second - first - 1);
    const std::string path = line.substr(second + 1);
    if (controller.empty() && line.substr(0, first) == "0" && controllers.empty()) return path;
    if (controller.empty()) continue;
    std::istringstream list(controllers);
    for (std::string name; std::getline(list, name, ',');) {
      if (name == controller) return path;
    }
  }
  return std::nullopt;
}

// The smallest quota from the cgroup up to the hierarchy's root (a parent's quota binds).
void TightenFromHierarchy(const fs::path& mount, const std::string& own, bool v2,
                          CoreCount* count) {
  fs::path dir = mount / fs::path(own).relative_path();
  while (true) {
    const std::optional<double> quota =
        v2 ? QuotaFromCpuMax(ReadFirstLine(dir / "cpu.max"))
           : QuotaFromCfs(ReadFirstLine(dir / "cpu.cfs_quota_us"),
                          ReadFirstLine(dir / "cpu.cfs_period_us"));
    if (quota && (!count->quota || *quota < *count->quota)) {
      count->quota = quota;
      count->quota_source = (dir / (v2 ? "cpu.max" : "cpu.cfs_quota_us")).string();
    }
    if (dir == mount || !dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
}

}  // namespace

std::optional<double> QuotaFromCpuMax(const std::string& text) {
  std::istringstream fields(text);
  std::string quota, period;
  fields >> quota >> period;
  if (quota.empty() || quota == "max") return std::nullopt;
  const auto q = ToNumber(quota);
  const auto p = period.empty() ? std::optional<double>(100000) : ToNumber(period);
  if (!q || !p || *q <= 0 || *p <= 0) return std::nullopt;
  return *q / *p;
}

std::optional<double> QuotaFromCfs(const std::string& quota_us, const std::string& period_us) {
  const auto q = ToNumber(quota_us);
  const auto p = ToNumber(period_us);
  if (!q || !p || *q <= 0 || *p <= 0) return std::nullopt;
  return *q / *p;
}

CoreCount AvailableCores() {
  CoreCount count;
  count.affinity = static_cast<unsigned>(UsableCpus().size());
  if (auto mount = MountOf(""); mount) {
    if (auto own = OwnCgroup(""); own) TightenFromHierarchy(*mount, *own, true, &count);
  }
  if (auto mount = MountOf("cpu"); mount) {
    if (auto own = OwnCgroup("cpu"); own) TightenFromHierarchy(*mount, *own, false, &count);
  }
  count.cores = count.affinity;
  if (count.quota) {
    count.cores = std::min(count.cores, static_cast<unsigned>(std::ceil(*count.quota - 1e-9)));
  }
  count.cores = std::max(1u, count.cores);
  return count;
}

}  // namespace grader
