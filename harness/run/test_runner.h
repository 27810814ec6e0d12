// Runs a built test program once, sandboxed, and collects what can be observed of the run.
//
// Each run gets its own folder .grader/runs/<index>/ for the sanitizer reports (log_path).
// The driver's results come through the result channel (a pipe, build/driver_main.h), not
// through a file the submission could overwrite. The run's environment is built from
// scratch: PATH, LANG, the seed and thread count of the run, the channel's descriptor and
// token, and the sanitizer options the harness sets (halt on the first report, log into the
// run folder). Memory and the number of tasks of the whole tree are limited by a cgroup per
// run (process/resource_group.h), or, where none is writable, watched every 20 ms; the
// files the run writes are measured against `disk` every 20 ms too.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "process/sandbox.h"
#include "process/subprocess.h"
#include "run/stack_dump.h"
#include "spec/spec.h"
#include "workspace/workspace.h"

namespace grader {

struct RunRequest {
  std::filesystem::path binary;   // inside-the-sandbox path (BuildOutcome::binary)
  std::vector<std::string> args;  // after the binary
  std::string stdin_data;
  Flavor flavor = Flavor::kRelease;
  unsigned threads = 0;  // GRADER_THREADS; 0 leaves it unset
  std::uint64_t seed = 0;  // GRADER_SEED
  bool chaos = false;      // GRADER_CHAOS=1: the chaos runtime perturbs the schedule
  std::vector<int> cpus;   // CPU affinity of the run; empty: every CPU
  Limits limits;
  bool gtest = false;  // ask GoogleTest for its JSON result (api exercises)
  std::vector<std::string> env;  // more NAME=value entries ("GRADER_SPEED_REPS=5")
};

struct RunObservation {
  SubprocessResult process;
  // CPU time of the whole tree at the moment a hung run was killed (wait4 cannot see the
  // CPU time of processes killed inside a sandbox); zero when the run was not killed.
  std::chrono::nanoseconds cpu_at_deadline{0};
  // Every thread's stack of the test program, taken with gdb at the deadline just before the
  // kill (after cpu_at_deadline); not attempted when the run was not killed at its deadline.
  // process.wall_time leaves out the time the dump took.
  StackDump stacks;
  // The driver's report (build/driver_main.h) taken from the result channel: nullopt when
  // the program ended without a complete report framed by the run's token.
  std::optional<std::string> gtest_json;
  std::vector<std::string> sanitizer_logs;  // the text of each sanitizer report file

  // A limit of the whole tree that stopped the run: "memory", "processes", "disk" or "cpu"
  // (CPU time of all processes together); or
  // "stopped" when the sandbox's own process was stopped by the submission (ptrace attach,
  // SIGSTOP), which would hang the run; empty when none did.
  std::string limit_hit;
  std::uint64_t memory_peak = 0;   // bytes resident at once in the tree (cgroup, or sampled)
  int tasks_refused = 0;           // forks and thread creations refused at `processes`
  // CPU time of the whole tree: from the cgroup at the end of the run where it accounts CPU,
  // else summed from /proc at the watchdog's last look.
  std::chrono::nanoseconds tree_cpu{0};
  std::uint64_t disk_bytes = 0;    // bytes of files the run left in the workspace
  std::string limits_backend;      // "cgroup v2", "cgroup v1" or "watchdog"
  // At the deadline, a process of the sandbox itself was stopped: the submission attached
  // to it with ptrace or sent it SIGSTOP, which hangs the run.
  bool sandbox_stopped = false;
};

// Room for the sandbox's own processes and the sanitizers' helper threads on top of a
// test's `processes` limit.
inline constexpr int kHarnessTasks = 8;

class TestRunner {
 public:
  // REQUIRES: sandbox and workspace outlive the runner.
  TestRunner(const Sandbox& sandbox, const Workspace& workspace);

  // Runs once. Throws only for failures of the harness (the sandbox cannot start).
  RunObservation Run(const RunRequest& request);

 private:
  const Sandbox& sandbox_;
  const Workspace& workspace_;
  int next_index_ = 0;
};

}  // namespace grader
