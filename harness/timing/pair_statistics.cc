#include "timing/pair_statistics.h"

#include <algorithm>
#include <cmath>

namespace grader {

double Median(std::vector<double> values) { return Quantile(std::move(values), 0.5); }

double Quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const double position = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return values[below] + fraction * (values[above] - values[below]);
}

Interval MedianInterval(std::vector<double> values, double confidence) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  // P(B <= k) for B ~ Binomial(n, 1/2), built up term by term in doubles (n stays small:
  // a speed test measures at most a few hundred pairs).
  const double tail = (1 - confidence) / 2;
  double term = std::pow(0.5, static_cast<double>(n));  // P(B = 0)
  double cumulative = term;
  std::size_t k = 0;  // the largest k with P(B <= k) <= tail, plus one; 0: none
  while (k < n && cumulative <= tail) {
    ++k;
    term = term * static_cast<double>(n - k + 1) / static_cast<double>(k);
    cumulative += term;
  }
  // The interval [x_(k+1), x_(n-k)] (1-based) covers the median with probability
  // 1 - 2 P(B <= k - 1) >= confidence.
  if (k == 0) return {values.front(), values.back()};
  return {values[k - 1], values[n - k]};
}

double RelativeWidth(const Interval& interval, double median) {
  if (median <= 0) return INFINITY;
  return (interval.high - interval.low) / median;
}

}  // namespace grader
