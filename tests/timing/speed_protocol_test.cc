// The measuring protocol with a scripted runner: order of runs, curve, stop rule, failures
// and budget.
#include "timing/speed_protocol.h"

#include <gtest/gtest.h>

#include <map>
#include <thread>

namespace grader {
namespace {

// Times of an ideal reference (1 s / threads) and a student `factor` times slower. A run
// asked for several thread counts measures each of them.
struct FakeMachine {
  double factor = 1.0;
  bool student_serial = false;  // the student takes 1 s at any thread count
  std::vector<std::pair<Side, std::vector<unsigned>>> calls;
  std::optional<int> fail_at;  // the student's nth run fails

  SpeedRunner Runner() {
    return [this](Side side, const std::vector<unsigned>& threads) -> std::optional<RunSamples> {
      calls.emplace_back(side, threads);
      if (side == Side::kStudent && fail_at && --*fail_at < 0) return std::nullopt;
      RunSamples samples;
      for (unsigned t : threads) {
        const double reference = 1.0 / t;
        const double wall = side == Side::kReference ? reference
                            : student_serial         ? 1.0
                                                     : reference * factor;
        samples.push_back({wall, side == Side::kReference ? 1.0 : wall, 5, 0, "work", t});
      }
      return samples;
    };
  }
};

SpeedPlan Plan(unsigned judged) {
  SpeedPlan plan;
  plan.judged_threads = judged;
  plan.curve_threads = {1, 2};
  plan.rule = {0.8, 7, 0.10};
  plan.max_pairs = 20;
  plan.curve_pairs = 3;
  return plan;
}

TEST(SpeedProtocolTest, WarmUpCurveThenJudgedPairsAlternatingOrder) {
  FakeMachine machine;
  const SpeedMeasurement m = MeasureSpeed(Plan(4), machine.Runner());
  ASSERT_FALSE(m.failed);
  EXPECT_EQ(m.decision.outcome, SpeedOutcome::kFastEnough);
  EXPECT_EQ(m.ratios.size(), 7u);  // identical times: decided at the minimum
  // 1 warm-up pair + 3 curve pairs + 7 judged pairs, two runs each.
  EXPECT_EQ(machine.calls.size(), 2u * (1 + 3 + 7));
  const std::vector<unsigned> judged = {4}, all = {1, 2, 4};
  EXPECT_EQ(machine.calls[0], std::make_pair(Side::kReference, judged));  // warm-up at 4
  // The curve's runs measure every count, the student first, then alternating.
  EXPECT_EQ(machine.calls[2], std::make_pair(Side::kStudent, all));
  EXPECT_EQ(machine.calls[3], std::make_pair(Side::kReference, all));
  EXPECT_EQ(machine.calls[4], std::make_pair(Side::kReference, all));
  EXPECT_EQ(machine.calls[8], std::make_pair(Side::kReference, judged));  // then the judged
  ASSERT_EQ(m.curve.size(), 3u);
  EXPECT_EQ(m.curve[0].threads, 1u);
  EXPECT_EQ(m.curve[2].threads, 4u);
  EXPECT_DOUBLE_EQ(m.ReferenceSpeedup(4), 4.0);
  EXPECT_DOUBLE_EQ(m.StudentSpeedup(4), 4.0);
  EXPECT_DOUBLE_EQ(m.ReferenceSpeedup(1), 1.0);
  EXPECT_DOUBLE_EQ(m.At(4)->reference_cpu_per_wall, 4.0);  // 1 s of CPU in 0.25 s
  // Every run's time is kept beside the medians: 3 curve pairs at every count, each curve
  // run's own speedup at every count, and the 7 judged pairs apart.
  EXPECT_EQ(m.At(2)->reference_samples, std::vector<double>(3, 0.5));
  EXPECT_EQ(m.At(4)->student_samples, std::vector<double>(3, 0.25));
  EXPECT_EQ(m.At(4)->pairs, 3);
  EXPECT_EQ(m.judged.threads, 4u);
  EXPECT_EQ(m.judged.pairs, 7);
  EXPECT_EQ(m.judged.student_samples, std::vector<double>(7, 0.25));
  EXPECT_EQ(m.At(2)->student_run_speedups, std::vector<double>(3, 2.0));
  EXPECT_EQ(m.At(4)->reference_run_speedups, std::vector<double>(3, 4.0));
}

// A machine whose speed drifts between runs: every run is `slowdown` times slower than the
// one before, at every thread count. A speedup taken within each run does not see it.
TEST(SpeedProtocolTest, SpeedupsComeFromWithinEachRunSoDriftBetweenRunsCancels) {
  double slowdown = 1.0;
  const SpeedRunner drifting = [&](Side, const std::vector<unsigned>& threads) {
    slowdown *= 1.3;
    RunSamples samples;
    for (unsigned t : threads) samples.push_back({slowdown / t, 1.0, 5, 0, "work", t});
    return std::optional<RunSamples>(samples);
  };
  SpeedPlan plan = Plan(2);
  plan.curve_threads = {};
  const SpeedMeasurement m = MeasureSpeed(plan, drifting);
  ASSERT_FALSE(m.failed);
  EXPECT_DOUBLE_EQ(m.ReferenceSpeedup(2), 2.0);
  EXPECT_DOUBLE_EQ(m.StudentSpeedup(2), 2.0);
  // The times themselves drifted: the judged ones come from later runs than the curve's.
  EXPECT_GT(m.judged.reference_seconds, m.At(1)->reference_seconds);
}

TEST(SpeedProtocolTest, OneCoreMeasuresNoCurve) {
  FakeMachine machine;
  SpeedPlan plan = Plan(1);
  plan.curve_threads = {};
  const SpeedMeasurement m = MeasureSpeed(plan, machine.Runner());
  ASSERT_FALSE(m.failed);
  EXPECT_EQ(machine.calls.size(), 2u * (1 + 7));  // warm-up and judged pairs only
  ASSERT_EQ(m.curve.size(), 1u);
  EXPECT_DOUBLE_EQ(m.StudentSpeedup(1), 1.0);
}

TEST(SpeedProtocolTest, SerialInDisguiseIsTooSlow) {
  FakeMachine machine;
  machine.student_serial = true;
  const SpeedMeasurement m = MeasureSpeed(Plan(2), machine.Runner());
  EXPECT_EQ(m.decision.outcome, SpeedOutcome::kTooSlow);
  EXPECT_DOUBLE_EQ(m.decision.median, 0.5);
  EXPECT_DOUBLE_EQ(m.StudentSpeedup(2), 1.0);
  EXPECT_DOUBLE_EQ(m.ReferenceSpeedup(2), 2.0);
}

// Slower everywhere, yet scaling like the reference: its own speedup is the reference's,
// its speed at the cores half of it.
TEST(SpeedProtocolTest, SlowButScalingIsTooSlowWithTheSameSpeedup) {
  FakeMachine machine;
  machine.factor = 2.0;
  const SpeedMeasurement m = MeasureSpeed(Plan(2), machine.Runner());
  EXPECT_EQ(m.decision.outcome, SpeedOutcome::kTooSlow);
  EXPECT_DOUBLE_EQ(m.decision.median, 0.5);
  EXPECT_DOUBLE_EQ(m.StudentSpeedup(2), 2.0);
}

TEST(SpeedProtocolTest, AFailingRunEndsTheMeasurement) {
  FakeMachine machine;
  machine.fail_at = 4;
  const SpeedMeasurement m = MeasureSpeed(Plan(2), machine.Runner());
  EXPECT_TRUE(m.failed);
  EXPECT_EQ(machine.calls.back().first, Side::kStudent);
}

// The student's time swings around the bar: ratios 0.6 and 1.0 in turn.
SpeedRunner Swinging(int* student_calls) {
  return [student_calls](Side side,
                         const std::vector<unsigned>& threads) -> std::optional<RunSamples> {
    RunSamples samples;
    const double wall =
        side == Side::kReference ? 1.0 : (*student_calls)++ % 2 == 0 ? 1.0 / 0.6 : 1.0;
    for (unsigned t : threads) samples.push_back({wall, wall, 5, 0, "work", t});
    return samples;
  };
}

TEST(SpeedProtocolTest, NoisyTimesUseEveryPairThenSayTooNoisy) {
  int student_calls = 0;
  const SpeedRunner runner = Swinging(&student_calls);
  const SpeedMeasurement m = MeasureSpeed(Plan(2), runner);
  EXPECT_EQ(m.decision.outcome, SpeedOutcome::kTooNoisy);
  EXPECT_EQ(m.ratios.size(), 20u);
  EXPECT_FALSE(m.budget_exhausted);
}

TEST(SpeedProtocolTest, TheBudgetStopsTheJudgedPairs) {
  SpeedPlan plan = Plan(2);
  plan.budget = std::chrono::milliseconds(30);
  int student_calls = 0;
  const SpeedRunner swinging = Swinging(&student_calls);
  const SpeedRunner runner = [&](Side side, const std::vector<unsigned>& threads) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return swinging(side, threads);
  };
  const SpeedMeasurement m = MeasureSpeed(plan, runner);
  EXPECT_TRUE(m.budget_exhausted);
  EXPECT_LT(m.ratios.size(), 20u);
  EXPECT_NE(m.decision.outcome, SpeedOutcome::kMeasuring);
}

}  // namespace
}  // namespace grader
