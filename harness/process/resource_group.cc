#include "process/resource_group.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <chrono>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "common/error.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

struct Hierarchies {
  CgroupVersion version = CgroupVersion::kNone;
  fs::path memory;  // v2: the parent of run folders for both controllers
  fs::path pids;
  fs::path cpuacct;  // v1 only, and only when writable: the CPU time of the tree
};

std::optional<std::string> ReadText(const fs::path& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool WriteText(const fs::path& file, const std::string& text) {
  std::ofstream out(file);
  out << text;
  out.flush();
  return static_cast<bool>(out);
}

// The value of "key N" in a flat-keyed file (memory.events, pids.events, oom_control).
std::uint64_t KeyedValue(const fs::path& file, std::string_view key) {
  std::istringstream lines(ReadText(file).value_or(""));
  std::string name;
  std::uint64_t value = 0;
  while (lines >> name >> value) {
    if (name == key) return value;
  }
  return 0;
}

std::uint64_t NumberIn(const fs::path& file) {
  std::istringstream text(ReadText(file).value_or(""));
  std::uint64_t value = 0;
  text >> value;
  return value;
}

// The harness's own cgroup in a hierarchy, from /proc/self/cgroup ("4:memory:/a/b",
// "0::/a/b"): run folders nest below it, so the limits the machine put on the harness still
// bound them.
std::string OwnCgroup(std::string_view controller) {
  std::istringstream lines(ReadText("/proc/self/cgroup").value_or(""));
  std::string line;
  while (std::getline(lines, line)) {
    const auto first = line.find(':');
    const auto second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    const std::string controllers = line.substr(first + 1, second - first - 1);
    std::istringstream names(controllers);
    std::string name;
    bool match = controller.empty() && controllers.empty();
    while (!controller.empty() && std::getline(names, name, ',')) match |= name == controller;
    if (match) return line.substr(second + 1);
  }
  return "/";
}

struct MountPoints {
  fs::path v2;         // the unified hierarchy, when it offers memory and pids
  fs::path v1_memory;  // cgroup v1's memory hierarchy
  fs::path v1_pids;    // cgroup v1's pids hierarchy
  fs::path v1_cpuacct;
};

// Where each hierarchy is mounted, from /proc/self/mounts.
MountPoints Mounts() {
  MountPoints found;
  std::istringstream lines(ReadText("/proc/self/mounts").value_or(""));
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string device, point, type, options;
    if (!(fields >> device >> point >> type >> options)) continue;
    if (type == "cgroup2") {
      const std::string controllers = ReadText(fs::path(point) / "cgroup.controllers").value_or("");
      if (controllers.find("memory") != std::string::npos &&
          controllers.find("pids") != std::string::npos) {
        found.v2 = point;
      }
    }
    if (type != "cgroup") continue;
    std::istringstream names(options);
    std::string name;
    while (std::getline(names, name, ',')) {
      if (name == "memory") found.v1_memory = point;
      if (name == "pids") found.v1_pids = point;
      if (name == "cpuacct") found.v1_cpuacct = point;
    }
  }
  return found;
}

// The parent folders of run cgroups, made once per process; kNone when unusable.
Hierarchies Parents() {
  const MountPoints mounts = Mounts();
  const std::string name = fmt::format("grader-{}", getpid());
  std::error_code error;
  if (!mounts.v2.empty()) {
    const fs::path own = mounts.v2 / fs::path(OwnCgroup("")).relative_path();
    const fs::path parent = own / name;
    // Processes may only sit in leaves once controllers are enabled below them: the
    // harness's own cgroup must allow that (true for the root, or a delegated subtree).
    if (fs::create_directories(parent, error) &&
        WriteText(own / "cgroup.subtree_control", "+memory +pids") &&
        WriteText(parent / "cgroup.subtree_control", "+memory +pids")) {
      return {CgroupVersion::kV2, parent, parent};
    }
    fs::remove(parent, error);
  }
  if (mounts.v1_memory.empty() || mounts.v1_pids.empty()) return {};
  const fs::path memory =
      mounts.v1_memory / fs::path(OwnCgroup("memory")).relative_path() / name;
  const fs::path pids = mounts.v1_pids / fs::path(OwnCgroup("pids")).relative_path() / name;
  fs::create_directories(memory, error);
  fs::create_directories(pids, error);
  if (!fs::exists(memory / "memory.limit_in_bytes") || !fs::exists(pids / "pids.max")) {
    fs::remove(memory, error);
    fs::remove(pids, error);
    return {};
  }
  // v1 keeps a child's charge apart unless the parent says otherwise.
  WriteText(memory / "memory.use_hierarchy", "1");
  fs::path cpuacct;
  if (!mounts.v1_cpuacct.empty()) {
    cpuacct = mounts.v1_cpuacct / fs::path(OwnCgroup("cpuacct")).relative_path() / name;
    fs::create_directories(cpuacct, error);
    if (!fs::exists(cpuacct / "cpuacct.usage")) cpuacct.clear();
  }
  return {CgroupVersion::kV1, memory, pids, cpuacct};
}

const Hierarchies& SharedParents() {
  static const Hierarchies parents = [] {
    Hierarchies made = Parents();
    if (made.version != CgroupVersion::kNone) {
      // Removed when the grader exits normally; a crashed grader leaves an empty folder.
      static const Hierarchies to_remove = made;
      std::atexit([] {
        std::error_code error;
        fs::remove(to_remove.memory, error);
        fs::remove(to_remove.pids, error);
        if (!to_remove.cpuacct.empty()) fs::remove(to_remove.cpuacct, error);
      });
    }
    return made;
  }();
  return parents;
}

std::vector<int> ProcsOf(const fs::path& dir) {
  std::istringstream lines(ReadText(dir / "cgroup.procs").value_or(""));
  std::vector<int> pids;
  int pid = 0;
  while (lines >> pid) pids.push_back(pid);
  return pids;
}

std::atomic<int> next_group{0};

}  // namespace

CgroupVersion ResourceGroup::Available() { return SharedParents().version; }

std::string_view ResourceGroup::VersionName(CgroupVersion version) {
  switch (version) {
    case CgroupVersion::kV2: return "cgroup v2";
    case CgroupVersion::kV1: return "cgroup v1";
    case CgroupVersion::kNone: return "none";
  }
  return "none";
}

ResourceGroup::ResourceGroup(const GroupLimits& limits) : limits_(limits) {
  const Hierarchies& parents = SharedParents();
  version_ = parents.version;
  if (version_ == CgroupVersion::kNone) {
    throw InternalError("no writable cgroup hierarchy with the memory and pids controllers");
  }
  const std::string name = fmt::format("run-{}", next_group++);
  memory_dir_ = parents.memory / name;
  pids_dir_ = parents.pids / name;
  std::error_code error;
  fs::create_directory(memory_dir_, error);
  if (!error && pids_dir_ != memory_dir_) fs::create_directory(pids_dir_, error);
  if (!error && !parents.cpuacct.empty()) {
    cpuacct_dir_ = parents.cpuacct / name;
    if (!fs::create_directory(cpuacct_dir_, error)) cpuacct_dir_.clear();
    error.clear();  // CPU accounting is a bonus: the run goes on without it
  }
  if (error) {
    throw InternalError(fmt::format("cannot create cgroup {}: {}", memory_dir_.string(),
                                    error.message()));
  }
  bool ok = true;
  if (version_ == CgroupVersion::kV2) {
    if (limits.memory > 0) {
      ok &= WriteText(memory_dir_ / "memory.max", std::to_string(limits.memory));
      WriteText(memory_dir_ / "memory.swap.max", "0");  // absent without swap accounting
    }
    if (limits.tasks > 0) ok &= WriteText(pids_dir_ / "pids.max", std::to_string(limits.tasks));
  } else {
    if (limits.memory > 0) {
      ok &= WriteText(memory_dir_ / "memory.limit_in_bytes", std::to_string(limits.memory));
      // Memory+swap no larger than memory: the tree cannot dodge the limit into swap.
      WriteText(memory_dir_ / "memory.memsw.limit_in_bytes", std::to_string(limits.memory));
    }
    if (limits.tasks > 0) ok &= WriteText(pids_dir_ / "pids.max", std::to_string(limits.tasks));
  }
  if (!ok) {
    KillAll();
    fs::remove(memory_dir_, error);
    fs::remove(pids_dir_, error);
    throw InternalError(fmt::format("cannot set limits in cgroup {}", memory_dir_.string()));
  }
}

ResourceGroup::~ResourceGroup() {
  KillAll();
  // A folder can only be removed once its last member is gone, which takes the kernel a
  // moment after SIGKILL.
  std::error_code error;
  for (int attempt = 0; attempt < 100; ++attempt) {
    bool removed = true;
    for (const fs::path& dir : {memory_dir_, pids_dir_, cpuacct_dir_}) {
      if (!dir.empty() && fs::exists(dir) && !fs::remove(dir, error)) removed = false;
    }
    if (removed) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::vector<std::filesystem::path> ResourceGroup::ProcsFiles() const {
  if (pids_dir_ == memory_dir_) return {memory_dir_ / "cgroup.procs"};
  std::vector<std::filesystem::path> files = {memory_dir_ / "cgroup.procs",
                                              pids_dir_ / "cgroup.procs"};
  if (!cpuacct_dir_.empty()) files.push_back(cpuacct_dir_ / "cgroup.procs");
  return files;
}

std::optional<std::chrono::nanoseconds> ResourceGroup::CpuTime() const {
  if (version_ == CgroupVersion::kV2) {
    return std::chrono::microseconds(KeyedValue(memory_dir_ / "cpu.stat", "usage_usec"));
  }
  if (cpuacct_dir_.empty()) return std::nullopt;
  return std::chrono::nanoseconds(NumberIn(cpuacct_dir_ / "cpuacct.usage"));
}

void ResourceGroup::KillAll() {
  if (version_ == CgroupVersion::kV2 && fs::exists(memory_dir_ / "cgroup.kill")) {
    WriteText(memory_dir_ / "cgroup.kill", "1");
  }
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (true) {
    const std::vector<int> members = Members();
    if (members.empty() || std::chrono::steady_clock::now() > give_up) return;
    for (int pid : members) {
      kill(pid, SIGKILL);
      kill(pid, SIGCONT);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

std::vector<int> ResourceGroup::Members() const {
  std::vector<int> members = ProcsOf(memory_dir_);
  if (pids_dir_ != memory_dir_) {
    for (int pid : ProcsOf(pids_dir_)) {
      if (std::find(members.begin(), members.end(), pid) == members.end()) members.push_back(pid);
    }
  }
  return members;
}

std::uint64_t ResourceGroup::MemoryPeak() const {
  if (version_ == CgroupVersion::kV2) return NumberIn(memory_dir_ / "memory.peak");
  return NumberIn(memory_dir_ / "memory.max_usage_in_bytes");
}

bool ResourceGroup::MemoryLimitHit() const {
  if (version_ == CgroupVersion::kV2) return KeyedValue(memory_dir_ / "memory.events", "oom_kill") > 0;
  return KeyedValue(memory_dir_ / "memory.oom_control", "oom_kill") > 0;
}

int ResourceGroup::TaskLimitHits() const {
  return static_cast<int>(KeyedValue(pids_dir_ / "pids.events", "max"));
}

}  // namespace grader
