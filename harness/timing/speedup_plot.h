// The speedup plot of a speed test as a self-contained SVG: speedup (the reference's
// one-thread time over each side's time) against thread count, for the reference and the
// student, with the ideal line (speedup = threads) for scale.
#pragma once

#include <string>

#include "timing/speed_protocol.h"

namespace grader {

// `title`: "parallel_sum: speedup" (escaped here). Empty when the curve has no point at
// one thread (nothing to measure speedups against).
std::string SpeedupSvg(const SpeedMeasurement& measurement, const std::string& title);

}  // namespace grader
