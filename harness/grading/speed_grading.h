// Grades a speed test (TestSpec::speed): runs the release builds of the speed reference and
// of the student in pairs (timing/speed_protocol.h) at the machine's available cores, holding
// the machine's timing lock, and turns the measurement into a verdict, a message that says
// what was measured, and evidence (numbers in JSON, the speedup plot as SVG).
#pragma once

#include <cstdint>
#include <filesystem>

#include <memory>
#include <vector>

#include "build/object_cache.h"
#include "build/submission_build.h"
#include "judge/grade_result.h"
#include "judge/run_judge.h"
#include "process/sandbox.h"
#include "run/test_runner.h"
#include "spec/spec.h"
#include "timing/speed_calibration.h"
#include "timing/timing_sample.h"
#include "workspace/workspace.h"

namespace grader {

// One build of the test's driver, and how to run and judge it.
struct SpeedSide {
  std::filesystem::path binary;  // inside-the-sandbox path
  TestRunner* runner = nullptr;
  JudgeContext context;
};

// The speed reference built for the release flavor in a workspace of its own, for as long as
// the grading needs it.
class SpeedReference {
 public:
  // Throws InternalError when it does not build (the course material is broken), InputError
  // when its folder does not hold the exercise's files.
  SpeedReference(const ExerciseSpec& spec, const std::filesystem::path& dir, ObjectCache& cache,
                 const Sandbox& sandbox, const std::filesystem::path& work_dir);

  SpeedSide AsSide(const ExerciseSpec& spec, const TestSpec& test);

 private:
  Workspace workspace_;
  std::unique_ptr<TestRunner> runner_;
  BuildOutcome build_;
  std::string inside_;  // the workspace as runs see it
};

// The thread counts of a speed test's curve besides the judged count `judged`: the test's
// `threads` when it lists them, else 1, 2, 4, ... below `judged`.
std::vector<unsigned> CurveThreads(const TestSpec& test, unsigned judged);

// One run of a speed test: its judgement, and how long the whole run took (until it ended or
// was stopped at a limit) with the CPU time of its processes, for verdicts about runs that
// did not finish.
struct SpeedRun {
  RunJudgement judgement;
  double wall_seconds = 0;
  double cpu_seconds = 0;
};

// One run of `side`'s build of the speed test, measuring at each of `threads` (ascending,
// interleaved inside the run), judged like any run.
// REQUIRES: test.speed is set. The caller holds the timing lock exclusively.
SpeedRun RunSpeedSide(const SpeedSide& side, const TestSpec& test,
                      const std::vector<unsigned>& threads, std::uint64_t run_seed);

// The measurement of a run that passed and measured at `threads`: one sample per count, in
// that order. Throws InternalError when it measured nothing usable or other thread counts
// (a driver bug).
std::vector<TimingSample> SamplesOf(const TestSpec& test, const RunJudgement& judgement,
                                    const std::vector<unsigned>& threads);

// REQUIRES: test.speed is set. `result` comes in named and with its points. `calibration` is
// what the grading found of the machine's calibration of this test (timing/
// speed_calibration.h): the reported speedups are on its scale when it has one. Failures of a
// student run give the run's verdict, except a run stopped at its time limit while the
// reference's whole run at the same thread count took less than `fraction` of that time:
// even finishing at the limit would miss the bar, so that is `too-slow`. A failure of the
// reference's run, or a run that measured nothing, throws InternalError.
TestResult GradeSpeedTest(const TestSpec& test, std::uint64_t seed, const SpeedSide& reference,
                          const SpeedSide& student, const CalibrationLookup& calibration,
                          TestResult result);

}  // namespace grader
