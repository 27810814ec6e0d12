// The measuring protocol with a scripted runner: order of runs, curve, stop rule, failures
// and budget.
#include "timing/speed_protocol.h"

#include <gtest/gtest.h>

#include <map>
#include <thread>

namespace grader {
namespace {

// Times of an ideal reference (1 s / threads) and a student `factor` times slower.
struct FakeMachine {
  double factor = 1.0;
  std::vector<std::pair<Side, unsigned>> calls;
  std::optional<int> fail_at;  // the student's nth run fails

  SpeedRunner Runner() {
    return [this](Side side, unsigned threads) -> std::optional<TimingSample> {
      calls.emplace_back(side, threads);
      const double reference = 1.0 / threads;
      if (side == Side::kStudent && fail_at && --*fail_at < 0) return std::nullopt;
      const double wall = side == Side::kReference ? reference : reference * factor;
      return TimingSample{wall, side == Side::kReference ? 1.0 : wall, 5, 0, "work"};
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
  // 1 warm-up pair + 3 pairs at 1 and at 2 threads + 7 judged pairs, two runs each.
  EXPECT_EQ(machine.calls.size(), 2u * (1 + 3 + 3 + 7));
  EXPECT_EQ(machine.calls[0], std::make_pair(Side::kReference, 4u));  // warm-up at 4
  EXPECT_EQ(machine.calls[2], std::make_pair(Side::kStudent, 1u));    // then alternating
  EXPECT_EQ(machine.calls[3], std::make_pair(Side::kReference, 1u));
  EXPECT_EQ(machine.calls[4], std::make_pair(Side::kReference, 1u));
  ASSERT_EQ(m.curve.size(), 3u);
  EXPECT_EQ(m.curve[0].threads, 1u);
  EXPECT_EQ(m.curve[2].threads, 4u);
  EXPECT_DOUBLE_EQ(m.ReferenceSpeedup(4), 4.0);
  EXPECT_DOUBLE_EQ(m.StudentSpeedup(4), 4.0);
  EXPECT_DOUBLE_EQ(m.At(4)->reference_cpu_per_wall, 4.0);  // 1 s of CPU in 0.25 s
  // Every run's time is kept beside the medians: 3 curve pairs at 2 threads, 7 at 4.
  EXPECT_EQ(m.At(2)->reference_samples, std::vector<double>(3, 0.5));
  EXPECT_EQ(m.At(4)->student_samples, std::vector<double>(7, 0.25));
}

TEST(SpeedProtocolTest, SerialInDisguiseIsTooSlow) {
  FakeMachine machine;
  machine.factor = 2.0;  // half the reference's speed at every thread count
  const SpeedMeasurement m = MeasureSpeed(Plan(2), machine.Runner());
  EXPECT_EQ(m.decision.outcome, SpeedOutcome::kTooSlow);
  EXPECT_DOUBLE_EQ(m.decision.median, 0.5);
  EXPECT_DOUBLE_EQ(m.StudentSpeedup(2), 1.0);
  EXPECT_DOUBLE_EQ(m.ReferenceSpeedup(2), 2.0);
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
  return [student_calls](Side side, unsigned) -> std::optional<TimingSample> {
    if (side == Side::kReference) return TimingSample{1.0, 1.0, 5, 0, "work"};
    const double wall = (*student_calls)++ % 2 == 0 ? 1.0 / 0.6 : 1.0;
    return TimingSample{wall, wall, 5, 0, "work"};
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
  const SpeedRunner runner = [&](Side side, unsigned threads) {
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
