#include "run/test_runner.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "build/driver_main.h"
#include "process/process_tree.h"
#include "process/resource_group.h"

namespace grader {
namespace {

std::string ReadFile(const std::filesystem::path& file, std::size_t cap) {
  std::ifstream in(file, std::ios::binary);
  std::string text(cap, '\0');
  in.read(text.data(), static_cast<std::streamsize>(cap));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

// Sanitizer settings: stop at the first report (one report is enough to fail a run and
// later ones are often consequences), write it to a file the harness reads rather than to
// the student's stderr, and make the run's exit status say so.
std::vector<std::string> SanitizerEnvironment(Flavor flavor, const std::string& log_base) {
  switch (flavor) {
    case Flavor::kTsan:
      return {fmt::format("TSAN_OPTIONS=halt_on_error=1 exitcode=66 second_deadlock_stack=1 "
                          "atexit_sleep_ms=0 history_size=4 log_path={}",
                          log_base)};
    case Flavor::kAsan:
      return {fmt::format("ASAN_OPTIONS=halt_on_error=1 exitcode=67 detect_leaks=1 "
                          "abort_on_error=0 log_path={}",
                          log_base),
              fmt::format("UBSAN_OPTIONS=halt_on_error=1 print_stacktrace=1 exitcode=68 "
                          "log_path={}",
                          log_base),
              fmt::format("LSAN_OPTIONS=exitcode=69 log_path={}", log_base)};
    case Flavor::kRelease:
      return {};
  }
  return {};
}

}  // namespace

TestRunner::TestRunner(const Sandbox& sandbox, const Workspace& workspace)
    : sandbox_(sandbox), workspace_(workspace) {}

RunObservation TestRunner::Run(const RunRequest& request) {
  SandboxPolicy policy;
  policy.workspace = workspace_.Root();
  const std::filesystem::path inside = sandbox_.WorkspaceDir(policy);
  const std::string run_dir = fmt::format(".grader/runs/{}", next_index_++);
  const std::filesystem::path host_run_dir = workspace_.Root() / run_dir;
  std::filesystem::remove_all(host_run_dir);
  std::filesystem::create_directories(host_run_dir);

  std::vector<std::string> argv = {request.binary.string()};
  argv.insert(argv.end(), request.args.begin(), request.args.end());

  std::vector<std::string> env = {"PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8",
                                  "HOME=" + inside.string(), "TMPDIR=/tmp",
                                  fmt::format("GRADER_SEED={}", request.seed)};
  env.push_back(request.chaos ? "GRADER_CHAOS=1" : "GRADER_CHAOS=0");
  if (request.threads > 0) env.push_back(fmt::format("GRADER_THREADS={}", request.threads));
  env.insert(env.end(), request.env.begin(), request.env.end());
  for (auto& entry : SanitizerEnvironment(request.flavor,
                                          (inside / run_dir / "sanitizer").string())) {
    env.push_back(std::move(entry));
  }
  const std::string token = request.gtest ? NewResultToken() : "";
  if (request.gtest) {
    env.push_back(fmt::format("{}={}", kResultFdVariable, kResultChannelFd));
    env.push_back(fmt::format("{}={}", kResultTokenVariable, token));
  }

  RunObservation observation;
  SubprocessOptions options;
  options.argv = sandbox_.Wrap(argv, policy, inside);
  options.env = std::move(env);
  options.cwd = workspace_.Root();
  options.stdin_data = request.stdin_data;
  options.wall_timeout = request.limits.wall_time;
  options.cpu_limit = request.limits.cpu_time;
  options.file_size_limit = request.limits.file_size;
  options.open_files_limit = request.limits.open_files;
  options.stdout_cap = request.limits.output;
  options.stderr_cap = request.limits.output;
  options.kill_on_output_overflow = true;
  options.cpu_affinity = request.cpus;
  const bool isolated = sandbox_.Isolates();
  options.before_deadline_kill = [&observation, isolated](int pid) {
    observation.cpu_at_deadline = ProcessTreeCpuTime(pid);
    // Without a sandbox the root is the test program, whose own children may stop at will.
    observation.sandbox_stopped = isolated && !StoppedCopiesOfRoot(pid).empty();
    observation.stacks = DumpThreadStacks(pid);
  };
  options.result_channel = request.gtest;

  std::optional<ResourceGroup> group;
  if (ResourceGroup::Available() != CgroupVersion::kNone) {
    group.emplace(GroupLimits{request.limits.memory, request.limits.processes + kHarnessTasks});
    options.join_cgroups = group->ProcsFiles();
    options.kill_escaped = [&group] { group->KillAll(); };
    observation.limits_backend = ResourceGroup::VersionName(ResourceGroup::Available());
  } else {
    observation.limits_backend = "watchdog";
  }
  const std::uint64_t disk_before = DiskUsage(workspace_.Root());
  auto disk_used = [&] {
    const std::uint64_t now = DiskUsage(workspace_.Root());
    if (now == UINT64_MAX) return now;  // too many files to count
    return now > disk_before ? now - disk_before : 0;
  };
  int stopped_rounds = 0;
  int round = 0;
  options.watchdog = [&](int pid) -> std::string {
    // Seen stopped in two rounds in a row: not a stop the sandbox is passing through.
    stopped_rounds = isolated && !StoppedCopiesOfRoot(pid).empty() ? stopped_rounds + 1 : 0;
    if (stopped_rounds >= 2) return "stopped";
    if (group) {
      if (group->TaskLimitHits() > 0) return "processes";
      if (group->MemoryLimitHit()) return "memory";
    } else {
      const TreeUsage usage = MeasureProcessTree(pid);
      observation.memory_peak = std::max(observation.memory_peak, usage.resident_bytes);
      if (usage.resident_bytes > request.limits.memory) return "memory";
      if (usage.tasks > request.limits.processes + kHarnessTasks) return "processes";
    }
    // Every round: a program writing at disk speed gets only one period past the limit.
    if (disk_used() > request.limits.disk) return "disk";
    // RLIMIT_CPU bounds each process; this bounds them all together (every fifth round:
    // it reads every process's stat).
    if (++round % 5 == 0) {
      const auto accounted = group ? group->CpuTime() : std::nullopt;
      observation.tree_cpu = accounted ? *accounted : ProcessTreeCpuTime(pid);
      if (observation.tree_cpu > request.limits.cpu_time) return "cpu";
    }
    return "";
  };
  observation.process = RunSubprocess(options);
  observation.limit_hit = observation.process.watchdog_reason;
  observation.disk_bytes = disk_used();
  if (group) {
    if (const auto cpu = group->CpuTime()) observation.tree_cpu = *cpu;
    observation.memory_peak = group->MemoryPeak();
    observation.tasks_refused = group->TaskLimitHits();
    // Hit after the last look of the watchdog: the run ended on its own meanwhile.
    if (observation.limit_hit.empty() && group->MemoryLimitHit()) observation.limit_hit = "memory";
    if (observation.limit_hit.empty() && observation.tasks_refused > 0) {
      observation.limit_hit = "processes";
    }
  }
  if (observation.limit_hit.empty() && observation.disk_bytes > request.limits.disk) {
    observation.limit_hit = "disk";
  }
  // The program was stopped while gdb read it: its wall time ends at the deadline, not at the
  // kill after the dump, or a dump would dilute the CPU share that tells deadlock apart.
  observation.process.wall_time -= std::min<std::chrono::nanoseconds>(
      observation.stacks.elapsed, observation.process.wall_time);
  // bwrap reports a command killed by signal N as exit status 128 + N; the verdict needs
  // the signal. (A test program that itself calls exit(139) is read as SIGSEGV: close
  // enough for a student, and no driver exits that way.)
  ExitStatus& status = observation.process.status;
  if (sandbox_.Isolates() && !status.signaled && status.code > 128 && status.code < 128 + 65) {
    status = {.signaled = true, .code = 0, .signal = status.code - 128};
  }

  constexpr std::size_t kReportCap = 1 << 20;
  for (const auto& entry : std::filesystem::directory_iterator(host_run_dir)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file()) continue;
    if (name.rfind("sanitizer", 0) == 0) {
      observation.sanitizer_logs.push_back(ReadFile(entry.path(), kReportCap));
    }
  }
  std::filesystem::remove_all(host_run_dir);
  if (request.gtest) observation.gtest_json = ExtractReport(observation.process.channel, token);
  return observation;
}

}  // namespace grader
