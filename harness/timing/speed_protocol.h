// The measuring protocol of a speed test, apart from how a run is made.
//
// 1. A warm-up pair at the judged thread count, discarded (page cache, CPU frequency, the
//    binaries' first start).
// 2. The curve: `curve_pairs` pairs whose runs each measure every thread count of the plot
//    (1, the judged count, and the ones between), interleaved call by call inside the run
//    (grader_driver::MeasureSpeed). Each run gives its own speedup at each count: its
//    one-thread time over its time there, taken moments apart, so a drift of the machine
//    between runs does not enter it.
// 3. The judged pairs at the judged thread count until DecideSpeed() stops, `max_pairs`, or
//    the budget.
// A pair is one run of each build, their order alternating (reference first, then student
// first, ...) so a slow drift of the machine falls on both alike. A run that fails (a wrong
// result, a crash, a limit) ends the measurement: the test gets that run's verdict.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "timing/speed_decision.h"
#include "timing/timing_sample.h"

namespace grader {

enum class Side { kReference, kStudent };

// One run's result: one sample per thread count it was asked for, in that order.
using RunSamples = std::vector<TimingSample>;

// Makes one run of `side` that measures at each of `threads` (ascending). Returns nothing
// when the run failed, with the failure kept by the caller.
using SpeedRunner =
    std::function<std::optional<RunSamples>(Side side, const std::vector<unsigned>& threads)>;

struct SpeedPlan {
  unsigned judged_threads = 1;
  std::vector<unsigned> curve_threads;  // the plot's thread counts besides the judged one
  SpeedRule rule;
  int max_pairs = 41;
  int curve_pairs = 3;
  std::chrono::steady_clock::duration budget = std::chrono::minutes(3);
};

// Medians at one thread count over the curve's runs (over the judged pairs when there are
// no curve runs: at one core, or for SpeedMeasurement::judged).
struct CurvePoint {
  unsigned threads = 0;
  int pairs = 0;  // pairs behind the times
  double reference_seconds = 0;
  double student_seconds = 0;
  double reference_cpu_per_wall = 0;  // CPU time / wall time: how many cores were busy
  double student_cpu_per_wall = 0;
  // Every run's time (its fastest repetition), in the order measured: the evidence behind
  // the medians above.
  std::vector<double> reference_samples;
  std::vector<double> student_samples;
  // Each side's own speedup here: the median over the curve's runs of the run's one-thread
  // time over its time at `threads` (1 at one thread, or with no curve runs).
  double reference_speedup = 1;
  double student_speedup = 1;
  std::vector<double> reference_run_speedups;  // per curve run, in the order measured
  std::vector<double> student_run_speedups;
};

struct SpeedMeasurement {
  SpeedDecision decision;       // on the judged pairs
  std::vector<double> ratios;   // per judged pair: reference time / student time
  CurvePoint judged;            // the judged pairs' times: what the ratios compare
  std::vector<CurvePoint> curve;  // ascending thread counts, the judged one included
  bool failed = false;          // a run failed: the caller has its verdict
  bool budget_exhausted = false;
  double seconds = 0;           // wall time of the whole measurement

  const CurvePoint* At(unsigned threads) const;
  // Each side's own speedup at `threads` (CurvePoint; 0 when not measured).
  double ReferenceSpeedup(unsigned threads) const;
  double StudentSpeedup(unsigned threads) const;
};

SpeedMeasurement MeasureSpeed(const SpeedPlan& plan, const SpeedRunner& run);

}  // namespace grader
