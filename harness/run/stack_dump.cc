#include "run/stack_dump.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "process/process_tree.h"
#include "process/subprocess.h"

namespace grader {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Below this, gdb cannot even load the program's symbols; trying only delays the kill.
constexpr milliseconds kMinimumGdbTime{200};

std::string ProgramOf(int pid) {
  std::error_code error;
  std::filesystem::path exe =
      std::filesystem::read_symlink(fmt::format("/proc/{}/exe", pid), error);
  return error ? std::string() : exe.string();
}

std::string CommandOf(int pid) {
  std::ifstream in(fmt::format("/proc/{}/comm", pid));
  std::string comm;
  std::getline(in, comm);
  return comm;
}

// The sandbox's own processes (the outer bwrap and its init in the PID namespace) hold no
// student code; neither do exited processes, whose exe link is gone.
bool IsTestProcess(int pid, const std::string& program) {
  if (program.empty()) return false;
  const std::string name = std::filesystem::path(program).filename().string();
  return name != "bwrap" && CommandOf(pid) != "bwrap";
}

// nsenter's flag for each kind of namespace a sandbox may give its processes.
constexpr std::pair<const char*, const char*> kNamespaces[] = {
    {"user", "--user"}, {"mnt", "--mount"}, {"pid", "--pid"},       {"net", "--net"},
    {"ipc", "--ipc"},   {"uts", "--uts"},   {"cgroup", "--cgroup"},
};

std::string NamespaceOf(const std::string& process, const char* kind) {
  std::error_code error;
  std::filesystem::path ns =
      std::filesystem::read_symlink(fmt::format("/proc/{}/ns/{}", process, kind), error);
  return error ? std::string() : ns.string();
}

// The last number on the "<key>:" line of /proc/<pid>/status, or the `index`-th one.
std::optional<long> StatusField(int pid, const std::string& key, int index = -1) {
  std::ifstream in(fmt::format("/proc/{}/status", pid));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) != 0) continue;
    std::istringstream fields(line.substr(key.size() + 1));
    std::vector<long> values;
    for (long value; fields >> value;) values.push_back(value);
    if (values.empty()) return std::nullopt;
    if (index < 0) return values.back();
    if (index < static_cast<int>(values.size())) return values[static_cast<std::size_t>(index)];
    return std::nullopt;
  }
  return std::nullopt;
}

// A host id as the process's user namespace sees it, through /proc/<pid>/{uid,gid}_map
// (whose second column, read from another namespace, is in the reader's ids).
std::optional<long> InsideId(int pid, const char* map, long host_id) {
  std::ifstream in(fmt::format("/proc/{}/{}", pid, map));
  for (long inside, outside, count; in >> inside >> outside >> count;) {
    if (host_id >= outside && host_id - outside < count) return inside + (host_id - outside);
  }
  return std::nullopt;
}

// Where gdb runs to read one process: how it is started and the pid it is given.
struct GdbPlace {
  std::vector<std::string> prefix;  // nsenter's argv up to "--"; empty: gdb on the host
  int pid = 0;                      // the process's pid as gdb sees it
  std::string problem;              // set: gdb must not attach
};

GdbPlace PlaceGdb(const StackDumpOptions& options, int pid) {
  const std::string process = std::to_string(pid);
  const std::string user = NamespaceOf(process, "user");
  if (user.empty()) return {{}, pid, fmt::format("process {} ended before gdb could attach", pid)};
  // Without a sandbox gdb needs the harness's own rights: the program runs as the harness,
  // root included, and the "none" backend does not claim to contain it.
  if (user == NamespaceOf("self", "user")) return {{}, pid, ""};

  GdbPlace place;
  place.prefix = {options.nsenter, "--target", process};
  for (const auto& [kind, flag] : kNamespaces) {
    const std::string theirs = NamespaceOf(process, kind);
    if (!theirs.empty() && theirs != NamespaceOf("self", kind)) place.prefix.push_back(flag);
  }
  // gdb must trace as the process's own identity: same uid and gid in the same user
  // namespace is what ptrace allows without capabilities (no yama restriction applies
  // within it), and nsenter's default, uid 0, is unmapped in a bwrap sandbox.
  const std::optional<long> host_uid = StatusField(pid, "Uid", 1);
  const std::optional<long> host_gid = StatusField(pid, "Gid", 1);
  const std::optional<long> inside_pid = StatusField(pid, "NSpid");
  const std::optional<long> uid = host_uid ? InsideId(pid, "uid_map", *host_uid) : std::nullopt;
  const std::optional<long> gid = host_gid ? InsideId(pid, "gid_map", *host_gid) : std::nullopt;
  if (!uid || !gid || !inside_pid) {
    place.problem = fmt::format("the identity of sandboxed process {} could not be read", pid);
    return place;
  }
  place.prefix.insert(place.prefix.end(), {"--setuid", std::to_string(*uid), "--setgid",
                                           std::to_string(*gid), "--"});
  place.pid = static_cast<int>(*inside_pid);
  return place;
}

std::vector<std::string> GdbArgv(const StackDumpOptions& options, int pid) {
  return {options.gdb,
          "-nx",
          "-batch",
          // Before the program is loaded: nothing it carries may run or be fetched.
          "-iex", "set auto-load gdb-scripts off",
          "-iex", "set auto-load python-scripts off",
          "-iex", "set auto-load local-gdbinit off",
          "-iex", "set libthread-db-search-path $sdir",
          "-iex", "set debuginfod enabled off",
          "-iex", "set confirm off",
          "-p", std::to_string(pid),
          "-ex", "set pagination off",
          "-ex", "set width 0",
          "-ex", "set print address off",
          "-ex", "set print frame-arguments presence",
          "-ex", fmt::format("thread apply all bt {}", options.max_frames)};
}

bool HasStacks(const std::string& text) {
  return text.rfind("Thread ", 0) == 0 || text.find("\nThread ") != std::string::npos ||
         text.find("#0 ") != std::string::npos;
}

// The line of gdb's stderr that says why it printed no stack ("ptrace: Operation not
// permitted."), skipping its warnings about namespaces and missing source files.
std::string GdbComplaint(const std::string& err) {
  std::istringstream lines(err);
  std::string line, fallback;
  while (std::getline(lines, line)) {
    if (line.empty() || line.find("No such file or directory") != std::string::npos) continue;
    if (line.find("warning: ") != std::string::npos) {
      if (fallback.empty()) fallback = line;
      continue;
    }
    return line;
  }
  return fallback.empty() ? "gdb printed no stack" : fallback;
}

}  // namespace

StackDump DumpThreadStacks(int root_pid, const StackDumpOptions& options) {
  StackDump dump;
  dump.attempted = true;
  const Clock::time_point start = Clock::now();
  const Clock::time_point end = start + options.time_budget;
  std::vector<std::string> problems;

  std::vector<std::pair<int, std::string>> targets;
  for (int pid : ProcessTreePids(root_pid)) {
    std::string program = ProgramOf(pid);
    if (IsTestProcess(pid, program)) targets.emplace_back(pid, std::move(program));
  }
  if (targets.empty()) problems.push_back("no test process was left to attach to");
  if (static_cast<int>(targets.size()) > options.max_processes) {
    problems.push_back(fmt::format("only the first {} of {} processes were dumped",
                                   options.max_processes, targets.size()));
    targets.resize(static_cast<std::size_t>(options.max_processes));
  }

  for (const auto& [pid, program] : targets) {
    const auto left = std::chrono::duration_cast<milliseconds>(end - Clock::now());
    if (left < kMinimumGdbTime) {
      problems.push_back(fmt::format("no time was left to dump process {}", pid));
      break;
    }
    const GdbPlace place = PlaceGdb(options, pid);
    if (!place.problem.empty()) {
      problems.push_back(place.problem);
      continue;
    }
    SubprocessOptions run;
    run.argv = place.prefix;
    for (std::string& arg : GdbArgv(options, place.pid)) run.argv.push_back(std::move(arg));
    // English messages for GdbComplaint; no home for caches; nothing else of the harness's.
    run.env = std::vector<std::string>{"PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C",
                                       "HOME=/nonexistent"};
    run.wall_timeout = left;
    run.stdout_cap = options.output_cap;
    run.stderr_cap = 64 * 1024;
    run.kill_on_output_overflow = true;
    SubprocessResult gdb;
    try {
      gdb = RunSubprocess(run);
    } catch (const std::system_error& error) {
      const std::string& program = run.argv.front();
      const char* package = place.prefix.empty() ? "gdb" : "util-linux";
      problems.push_back(error.code() == std::errc::no_such_file_or_directory
                             ? fmt::format("{} is not installed (scripts/setup installs {})",
                                           program, package)
                             : fmt::format("{} could not be started: {}", program, error.what()));
      break;
    }
    // nsenter reports a gdb missing from the sandbox's file system by exit status 127.
    if (!place.prefix.empty() && !gdb.status.signaled && gdb.status.code == 127 &&
        !HasStacks(gdb.out)) {
      problems.push_back(fmt::format("{} is not installed (scripts/setup installs gdb): {}",
                                     options.gdb, GdbComplaint(gdb.err)));
      break;
    }
    if (!HasStacks(gdb.out)) {
      const std::string complaint = GdbComplaint(gdb.err);
      if (gdb.timed_out) {
        problems.push_back(fmt::format("gdb did not attach to process {} in time", pid));
      } else if (complaint.find("No such process") != std::string::npos) {
        // E.g. killed by its CPU-time limit as its wall-clock deadline came.
        problems.push_back(fmt::format("process {} ended before gdb could attach", pid));
      } else {
        problems.push_back(fmt::format("gdb could not read process {}: {}", pid, complaint));
      }
      continue;
    }
    const bool complete = !gdb.timed_out && !gdb.output_overflow;
    if (!complete) {
      problems.push_back(fmt::format("the stacks of process {} are cut short ({})", pid,
                                     gdb.timed_out ? "gdb ran out of time"
                                                   : "too much output"));
    }
    dump.processes.push_back({pid, program, std::move(gdb.out), complete});
  }
  dump.problem = fmt::format("{}", fmt::join(problems, "; "));
  dump.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
  return dump;
}

}  // namespace grader
