#include "run/stack_dump.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
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
    SubprocessOptions run;
    run.argv = GdbArgv(options, pid);
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
      problems.push_back(error.code() == std::errc::no_such_file_or_directory
                             ? fmt::format("{} is not installed (scripts/setup installs gdb)",
                                           options.gdb)
                             : fmt::format("gdb could not be started: {}", error.what()));
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
