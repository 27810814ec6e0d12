// Runs a built test program once, sandboxed, and collects what can be observed of the run.
//
// Each run gets its own folder .grader/runs/<index>/ for the files the run leaves for the
// harness: sanitizer reports (log_path) and GoogleTest's JSON result. The run's environment
// is built from scratch: PATH, LANG, the seed and thread count of the run, and the sanitizer
// options the harness sets (halt on the first report, log into the run folder).
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
  std::optional<std::string> gtest_json;    // GoogleTest's JSON result, when written
  std::vector<std::string> sanitizer_logs;  // the text of each sanitizer report file
};

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
