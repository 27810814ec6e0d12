#include "timing/speed_protocol.h"

#include <algorithm>

#include "timing/pair_statistics.h"

namespace grader {
namespace {

using Clock = std::chrono::steady_clock;

struct PairSamples {
  std::vector<TimingSample> reference;
  std::vector<TimingSample> student;
};

// One pair, in the order `reference_first` says. False when a run failed.
bool MeasurePair(const SpeedRunner& run, unsigned threads, bool reference_first,
                 PairSamples* samples) {
  const Side first = reference_first ? Side::kReference : Side::kStudent;
  const Side second = reference_first ? Side::kStudent : Side::kReference;
  const std::optional<TimingSample> a = run(first, threads);
  if (!a) return false;
  const std::optional<TimingSample> b = run(second, threads);
  if (!b) return false;
  samples->reference.push_back(reference_first ? *a : *b);
  samples->student.push_back(reference_first ? *b : *a);
  return true;
}

CurvePoint Summarize(unsigned threads, const PairSamples& samples) {
  CurvePoint point;
  point.threads = threads;
  point.pairs = static_cast<int>(samples.reference.size());
  if (point.pairs == 0) return point;
  std::vector<double> reference, student, reference_cpu, student_cpu;
  for (const TimingSample& s : samples.reference) {
    reference.push_back(s.wall_seconds);
    reference_cpu.push_back(s.cpu_seconds / s.wall_seconds);
  }
  for (const TimingSample& s : samples.student) {
    student.push_back(s.wall_seconds);
    student_cpu.push_back(s.cpu_seconds / s.wall_seconds);
  }
  point.reference_samples = reference;
  point.student_samples = student;
  point.reference_seconds = Median(reference);
  point.student_seconds = Median(student);
  point.reference_cpu_per_wall = Median(reference_cpu);
  point.student_cpu_per_wall = Median(student_cpu);
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
  const CurvePoint* one = At(1);
  const CurvePoint* at = At(threads);
  if (one == nullptr || at == nullptr || at->reference_seconds <= 0) return 0;
  return one->reference_seconds / at->reference_seconds;
}

double SpeedMeasurement::StudentSpeedup(unsigned threads) const {
  const CurvePoint* one = At(1);
  const CurvePoint* at = At(threads);
  if (one == nullptr || at == nullptr || at->student_seconds <= 0) return 0;
  return one->reference_seconds / at->student_seconds;
}

SpeedMeasurement MeasureSpeed(const SpeedPlan& plan, const SpeedRunner& run) {
  SpeedMeasurement measurement;
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline = start + plan.budget;
  auto finish = [&]() -> SpeedMeasurement& {
    std::sort(measurement.curve.begin(), measurement.curve.end(),
              [](const CurvePoint& a, const CurvePoint& b) { return a.threads < b.threads; });
    measurement.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return measurement;
  };
  bool reference_first = true;

  PairSamples warm_up;
  if (!MeasurePair(run, plan.judged_threads, reference_first, &warm_up)) {
    measurement.failed = true;
    return finish();
  }

  std::vector<unsigned> curve = plan.curve_threads;
  if (plan.judged_threads != 1) curve.push_back(1);
  std::sort(curve.begin(), curve.end());
  curve.erase(std::unique(curve.begin(), curve.end()), curve.end());
  curve.erase(std::remove(curve.begin(), curve.end(), plan.judged_threads), curve.end());
  for (unsigned threads : curve) {
    PairSamples samples;
    for (int pair = 0; pair < plan.curve_pairs; ++pair) {
      reference_first = !reference_first;
      if (!MeasurePair(run, threads, reference_first, &samples)) {
        measurement.failed = true;
        return finish();
      }
      // The curve only illustrates; past the budget it keeps one pair per thread count.
      if (Clock::now() >= deadline) break;
    }
    measurement.curve.push_back(Summarize(threads, samples));
  }

  PairSamples judged;
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
    if (!MeasurePair(run, plan.judged_threads, reference_first, &judged)) {
      measurement.failed = true;
      break;
    }
    measurement.ratios.push_back(judged.reference.back().wall_seconds /
                                 judged.student.back().wall_seconds);
  }
  measurement.curve.push_back(Summarize(plan.judged_threads, judged));
  return finish();
}

}  // namespace grader
