// Turns what was observed of one run into a verdict with its evidence.
//
// Order of precedence: a limit of the whole tree that stopped the run (memory:
// `memory-limit`; processes and threads: `forbidden`; files written: `output-limit`, as is
// a file past `file_size`); then a run killed at its deadline is `deadlock` (its tree used under
// kDeadlockCpuShare of one core over the wall time: it was waiting) or `time-limit` (it was
// computing); a sanitizer report decides next (races are `data-race`, lock-order
// inversions and double locks `deadlock`, memory errors `runtime-error`); then output,
// memory and CPU limits; then the driver's own result (api) or the program's exit and
// output (program).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/verdict.h"
#include "run/test_runner.h"
#include "spec/spec.h"

namespace grader {

inline constexpr double kDeadlockCpuShare = 0.3;

struct JudgeContext {
  const ExerciseSpec* spec = nullptr;
  const TestSpec* test = nullptr;
  std::vector<std::string> student_files;  // names relative to the workspace
  std::filesystem::path workspace_root;     // host path, to quote the student's lines
  std::string workspace_inside;             // the same folder as the run saw it
  bool reveal_io = false;  // show a hidden test's input and expected output
};

struct RunJudgement {
  Verdict verdict = Verdict::kOk;
  std::string message;  // one line
  std::string details;  // multi-line evidence for people
  bool details_public = false;  // see TestResult::details_public
  nlohmann::json evidence = nlohmann::json::object();
};

RunJudgement JudgeRun(const RunObservation& observation, const RunRequest& request,
                      const JudgeContext& context);

}  // namespace grader
