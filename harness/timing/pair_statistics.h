// Order statistics for timing: medians and a distribution-free confidence interval.
//
// Timings on a shared machine are not normal: noise only ever adds time, in bursts. So the
// harness never averages; it takes medians, and bounds the median with the binomial
// (order-statistic) interval, which assumes only that the pairs are independent.
#pragma once

#include <cstddef>
#include <vector>

namespace grader {

// The median of `values` (the mean of the middle two for an even count). REQUIRES: not empty.
double Median(std::vector<double> values);

// The q-quantile, 0 <= q <= 1, interpolated between order statistics. REQUIRES: not empty.
double Quantile(std::vector<double> values, double q);

// A confidence interval for the median: [sorted[l], sorted[u]] with the order statistics
// whose binomial coverage is at least `confidence`. With too few values for that coverage
// (fewer than 6 at 95%), the whole range. REQUIRES: not empty, 0 < confidence < 1.
struct Interval {
  double low = 0;
  double high = 0;
};
Interval MedianInterval(std::vector<double> values, double confidence = 0.95);

// (high - low) / median: how wide the interval is, relative to the median.
double RelativeWidth(const Interval& interval, double median);

}  // namespace grader
