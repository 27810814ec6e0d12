// Grades one submission of one exercise: the whole pipeline of DESIGN.md for one folder.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "build/object_cache.h"
#include "judge/grade_result.h"
#include "process/sandbox.h"
#include "spec/spec.h"

namespace grader {

struct GradeOptions {
  std::uint64_t seed = 0;           // every run's seed derives from it (see RunSeed)
  std::optional<int> repeat;        // overrides every test's `repeat`
  bool quick = false;               // visible tests only
  std::vector<std::string> only_tests;  // test names; empty: all
  bool reveal_hidden = false;       // show hidden tests' inputs and expected outputs
  bool chaos = true;                // schedule chaos in tests whose spec allows it
  // Stop after the first test that fails; later tests are left out of the result. For
  // validate: the summary verdict is decided by then. Each flavor is then built only when
  // the first test that needs it comes (a compile error fails that test), not all up front:
  // a submission that fails its first test costs one build, not three.
  bool stop_at_first_failure = false;
  // Make every run of a test even after one failed (the verdict is still the first failing
  // run's): the evidence then says how many runs failed, and the sanitizer findings of all
  // of them collapse by place with a count. Slower; for investigating a flaky failure.
  bool all_runs = false;
  // Every run of every test pinned to this many CPUs (0: all), instead of the spec's `cpus`
  // list: `--cpus 1` shows what one core (preemption only, no parallelism) catches.
  std::optional<unsigned> cpus;
  std::filesystem::path work_dir;   // where workspaces are made; empty: the temp folder
  bool keep_workspace = false;      // leave the workspace on disk (its path is a warning)
  // Called with a short line as each step starts ("build tsan", "run exact-total 3/6").
  std::function<void(std::string_view)> progress;
};

class Grader {
 public:
  // REQUIRES: cache and sandbox outlive the grader.
  Grader(ObjectCache& cache, const Sandbox& sandbox);

  // Throws InputError when the submission's files are unusable (missing, symlinks, ...):
  // that is not a grade. Everything else, failures of the harness included, is a result
  // (a failure of the harness is an `internal-error` test, not counted).
  GradeResult Grade(const ExerciseSpec& spec, const std::filesystem::path& submission,
                    const GradeOptions& options);

 private:
  ObjectCache& cache_;
  const Sandbox& sandbox_;
};

// The seed of run `run` of test `test` under the grading seed `seed`: depends on the test's
// name, not its position, so `--test NAME --seed N` reproduces the same runs.
std::uint64_t RunSeed(std::uint64_t seed, std::string_view test, int run);

// What one run of a test uses: the spec's lists cycled, thread counts fastest, then CPU
// counts; `usable_cpus` is UsableCpus().
struct RunParameters {
  unsigned threads = 0;   // 0: GRADER_THREADS unset
  std::vector<int> cpus;  // affinity; empty: all
};
RunParameters PlanRun(const TestSpec& test, int run, const std::vector<int>& usable_cpus);
int RunsOf(const TestSpec& test, int repeat);  // repeat x thread counts x CPU counts

// The command that reproduces a test's failing grading.
std::string ReproduceCommand(const std::string& exercise, const std::string& submission,
                             std::uint64_t seed, const std::string& test);

// The first failing verdict in the spec's test order, or kOk: how a submission is summed up
// in one word (validate compares it with a known-bad case's expected verdict).
Verdict SummaryVerdict(const GradeResult& result);

}  // namespace grader
