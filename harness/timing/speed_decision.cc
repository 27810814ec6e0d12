#include "timing/speed_decision.h"

namespace grader {

SpeedDecision DecideSpeed(const std::vector<double>& ratios, const SpeedRule& rule,
                          bool out_of_pairs) {
  SpeedDecision decision;
  if (ratios.empty()) {
    if (out_of_pairs) decision.outcome = SpeedOutcome::kTooNoisy;
    return decision;
  }
  decision.median = Median(ratios);
  decision.interval = MedianInterval(ratios);
  decision.spread = RelativeWidth(decision.interval, decision.median);
  const bool enough = static_cast<int>(ratios.size()) >= rule.min_pairs;
  if (!enough && !out_of_pairs) return decision;
  const SpeedOutcome by_median =
      decision.median >= rule.fraction ? SpeedOutcome::kFastEnough : SpeedOutcome::kTooSlow;
  if (decision.spread <= rule.max_spread) {
    decision.outcome = by_median;
  } else if (decision.interval.low >= rule.fraction) {
    decision.outcome = SpeedOutcome::kFastEnough;
  } else if (decision.interval.high < rule.fraction) {
    decision.outcome = SpeedOutcome::kTooSlow;
  } else if (out_of_pairs) {
    decision.outcome = SpeedOutcome::kTooNoisy;
  }
  return decision;
}

double ReferenceSpeedupNeeded(unsigned threads, double efficiency) {
  if (threads <= 1) return 1;
  return 1 + efficiency * static_cast<double>(threads - 1);
}

}  // namespace grader
