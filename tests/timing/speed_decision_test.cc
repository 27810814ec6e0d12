// When a speed test stops measuring, and what it decides.
#include "timing/speed_decision.h"

#include <gtest/gtest.h>

namespace grader {
namespace {

const SpeedRule kRule{.fraction = 0.8, .min_pairs = 7, .max_spread = 0.10};

TEST(SpeedDecisionTest, NothingIsDecidedBeforeTheMinimumPairs) {
  const std::vector<double> six(6, 1.0);
  EXPECT_EQ(DecideSpeed(six, kRule, false).outcome, SpeedOutcome::kMeasuring);
  EXPECT_EQ(DecideSpeed({}, kRule, false).outcome, SpeedOutcome::kMeasuring);
}

TEST(SpeedDecisionTest, ANarrowIntervalDecidesByTheMedian) {
  const std::vector<double> fast = {1.0, 1.01, 0.99, 1.0, 1.02, 0.98, 1.0};
  const SpeedDecision decision = DecideSpeed(fast, kRule, false);
  EXPECT_EQ(decision.outcome, SpeedOutcome::kFastEnough);
  EXPECT_DOUBLE_EQ(decision.median, 1.0);
  EXPECT_LE(decision.spread, 0.10);
  const std::vector<double> slow = {0.5, 0.51, 0.49, 0.5, 0.5, 0.52, 0.48};
  EXPECT_EQ(DecideSpeed(slow, kRule, false).outcome, SpeedOutcome::kTooSlow);
}

TEST(SpeedDecisionTest, AWideIntervalWhollyOnOneSideStillDecides) {
  // Spread far above 10%, but every ratio is far above the bar: clearly fast enough.
  const std::vector<double> noisy_fast = {1.0, 1.6, 0.95, 1.4, 1.2, 0.9, 1.5};
  EXPECT_EQ(DecideSpeed(noisy_fast, kRule, false).outcome, SpeedOutcome::kFastEnough);
  const std::vector<double> noisy_slow = {0.3, 0.5, 0.2, 0.45, 0.35, 0.25, 0.4};
  EXPECT_EQ(DecideSpeed(noisy_slow, kRule, false).outcome, SpeedOutcome::kTooSlow);
}

TEST(SpeedDecisionTest, AWideIntervalAcrossTheBarMeasuresOnThenIsTooNoisy) {
  const std::vector<double> straddling = {0.6, 1.0, 0.7, 0.95, 0.65, 1.05, 0.8};
  EXPECT_EQ(DecideSpeed(straddling, kRule, false).outcome, SpeedOutcome::kMeasuring);
  EXPECT_EQ(DecideSpeed(straddling, kRule, true).outcome, SpeedOutcome::kTooNoisy);
}

TEST(SpeedDecisionTest, OutOfPairsWithNoPairIsTooNoisy) {
  EXPECT_EQ(DecideSpeed({}, kRule, true).outcome, SpeedOutcome::kTooNoisy);
}

TEST(SpeedDecisionTest, TheReferenceMustSpeedUpByItsEfficiencyToJudge) {
  // One core's worth of speedup per extra thread, scaled by the efficiency.
  EXPECT_DOUBLE_EQ(ReferenceSpeedupNeeded(2, 0.5), 1.5);
  EXPECT_DOUBLE_EQ(ReferenceSpeedupNeeded(8, 0.5), 4.5);
  EXPECT_DOUBLE_EQ(ReferenceSpeedupNeeded(64, 0.25), 16.75);
  // Nothing to check at one thread, or with the check off.
  EXPECT_DOUBLE_EQ(ReferenceSpeedupNeeded(1, 0.5), 1.0);
  EXPECT_DOUBLE_EQ(ReferenceSpeedupNeeded(4, 0.0), 1.0);
}

}  // namespace
}  // namespace grader
