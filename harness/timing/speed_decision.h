// When a speed test has measured enough pairs, and what they say.
//
// Each pair gives one ratio: the reference's time over the student's, both at the judged
// thread count (1.0: as fast as the reference; 0.5: twice as slow). The student passes when
// the median ratio reaches the spec's `fraction`. Measuring goes on until one of:
//   - the median is known precisely: its 95% interval is narrower than `spread` x median;
//   - the decision is clear anyway: the whole interval lies above, or below, `fraction`;
//   - the pairs or the time budget ran out: then a narrow-enough or clear interval still
//     decides, and anything else is "too noisy to judge", which never costs points.
// Nothing is decided before `min_pairs` pairs.
#pragma once

#include <vector>

#include "timing/pair_statistics.h"

namespace grader {

enum class SpeedOutcome { kMeasuring, kFastEnough, kTooSlow, kTooNoisy };

struct SpeedRule {
  double fraction = 0.8;
  int min_pairs = 7;
  double max_spread = 0.10;
};

struct SpeedDecision {
  SpeedOutcome outcome = SpeedOutcome::kMeasuring;
  double median = 0;     // of the ratios so far
  Interval interval;     // the median's 95% interval
  double spread = 0;     // interval width / median
};

// `out_of_pairs`: no more pairs will be measured (max_pairs or the budget reached).
SpeedDecision DecideSpeed(const std::vector<double>& ratios, const SpeedRule& rule,
                          bool out_of_pairs);

// The own speedup the reference must show at `threads` for the machine to count as having
// given the test its cores: 1 + efficiency x (threads - 1), e.g. 1.5x at 2 threads for
// efficiency 0.5. When another program keeps a core busy, every build's parallel part slows
// alike, the ratios drift towards 1, and a serial solution would look as fast as the
// reference; below this bar the test is not judged. 1 (no bar) at one thread or efficiency 0.
double ReferenceSpeedupNeeded(unsigned threads, double efficiency);

}  // namespace grader
