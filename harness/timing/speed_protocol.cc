#include "timing/speed_protocol.h"

#include <algorithm>

#include "timing/pair_statistics.h"

namespace grader {
namespace {

using Clock = std::chrono::steady_clock;

// The runs of pairs, each run's samples (one per thread count of the run).
struct PairRuns {
  std::vector<RunSamples> reference;
  std::vector<RunSamples> student;
};

// One pair, in the order `reference_first` says. False when a run failed.
bool MeasurePair(const SpeedRunner& run, const std::vector<unsigned>& threads,
                 bool reference_first, PairRuns* runs) {
  const Side first = reference_first ? Side::kReference : Side::kStudent;
  const Side second = reference_first ? Side::kStudent : Side::kReference;
  std::optional<RunSamples> a = run(first, threads);
  if (!a) return false;
  std::optional<RunSamples> b = run(second, threads);
  if (!b) return false;
  runs->reference.push_back(std::move(reference_first ? *a : *b));
  runs->student.push_back(std::move(reference_first ? *b : *a));
  return true;
}

// The times of one side's runs at position `index` of their thread counts: their medians
// (wall, CPU per wall) and every sample.
void SummarizeTimes(const std::vector<RunSamples>& runs, std::size_t index, double* seconds,
                    double* cpu_per_wall, std::vector<double>* samples) {
  std::vector<double> busy;
  for (const RunSamples& run : runs) {
    samples->push_back(run[index].wall_seconds);
    busy.push_back(run[index].cpu_seconds / run[index].wall_seconds);
  }
  *seconds = Median(*samples);
  *cpu_per_wall = Median(busy);
}

// One side's speedups at position `index`: in each run, the one-thread time (position 0)
// over the time at `index`; their median.
void SummarizeSpeedups(const std::vector<RunSamples>& runs, std::size_t index, double* speedup,
                       std::vector<double>* per_run) {
  for (const RunSamples& run : runs) {
    per_run->push_back(run[0].wall_seconds / run[index].wall_seconds);
  }
  if (!per_run->empty()) *speedup = Median(*per_run);
}

// The point at `threads`, position `index` of the runs' thread counts.
CurvePoint Summarize(const PairRuns& runs, unsigned threads, std::size_t index) {
  CurvePoint point;
  point.threads = threads;
  point.pairs = static_cast<int>(runs.reference.size());
  if (point.pairs == 0) return point;
  SummarizeTimes(runs.reference, index, &point.reference_seconds,
                 &point.reference_cpu_per_wall, &point.reference_samples);
  SummarizeTimes(runs.student, index, &point.student_seconds, &point.student_cpu_per_wall,
                 &point.student_samples);
  if (runs.reference.front().size() > 1) {
    SummarizeSpeedups(runs.reference, index, &point.reference_speedup,
                      &point.reference_run_speedups);
    SummarizeSpeedups(runs.student, index, &point.student_speedup,
                      &point.student_run_speedups);
  }
  return point;
}

}  // namespace

const CurvePoint* SpeedMeasurement::At(unsigned threads) const {
  for (const CurvePoint& point : curve) {
    if (point.threads == threads && point.pairs > 0) return &point;
  }
  return nullptr;
}

double SpeedMeasurement::ReferenceSpeedup(unsigned threads) const {
  const CurvePoint* at = At(threads);
  return at == nullptr ? 0 : at->reference_speedup;
}

double SpeedMeasurement::StudentSpeedup(unsigned threads) const {
  const CurvePoint* at = At(threads);
  return at == nullptr ? 0 : at->student_speedup;
}

SpeedMeasurement MeasureSpeed(const SpeedPlan& plan, const SpeedRunner& run) {
  SpeedMeasurement measurement;
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline = start + plan.budget;
  const unsigned judged_threads = plan.judged_threads;
  const std::vector<unsigned> judged_only = {judged_threads};
  auto finish = [&]() -> SpeedMeasurement& {
    measurement.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return measurement;
  };
  bool reference_first = true;

  PairRuns warm_up;
  if (!MeasurePair(run, judged_only, reference_first, &warm_up)) {
    measurement.failed = true;
    return finish();
  }

  // Every thread count of the plot, ascending: 1 first (speedups are over it).
  std::vector<unsigned> counts = plan.curve_threads;
  counts.push_back(1);
  counts.push_back(judged_threads);
  std::sort(counts.begin(), counts.end());
  counts.erase(std::unique(counts.begin(), counts.end()), counts.end());
  PairRuns curve;
  if (counts.size() > 1) {
    for (int pair = 0; pair < plan.curve_pairs; ++pair) {
      reference_first = !reference_first;
      if (!MeasurePair(run, counts, reference_first, &curve)) {
        measurement.failed = true;
        return finish();
      }
      // Past the budget the curve keeps the pairs it has (at least one).
      if (Clock::now() >= deadline) break;
    }
  }

  PairRuns judged;
  while (true) {
    const bool out_of_time = Clock::now() >= deadline;
    const bool out_of_pairs =
        out_of_time || static_cast<int>(measurement.ratios.size()) >= plan.max_pairs;
    measurement.decision = DecideSpeed(measurement.ratios, plan.rule, out_of_pairs);
    if (measurement.decision.outcome != SpeedOutcome::kMeasuring) {
      measurement.budget_exhausted = out_of_time;
      break;
    }
    reference_first = !reference_first;
    if (!MeasurePair(run, judged_only, reference_first, &judged)) {
      measurement.failed = true;
      return finish();
    }
    measurement.ratios.push_back(judged.reference.back()[0].wall_seconds /
                                 judged.student.back()[0].wall_seconds);
  }

  measurement.judged = Summarize(judged, judged_threads, 0);
  if (curve.reference.empty()) {
    measurement.curve.push_back(measurement.judged);
  } else {
    for (std::size_t i = 0; i < counts.size(); ++i) {
      measurement.curve.push_back(Summarize(curve, counts[i], i));
    }
  }
  return finish();
}

}  // namespace grader
