// Medians, quantiles and the order-statistic interval of the median.
#include "timing/pair_statistics.h"

#include <gtest/gtest.h>

#include <cmath>

namespace grader {
namespace {

TEST(PairStatisticsTest, MedianAndQuantiles) {
  EXPECT_DOUBLE_EQ(Median({3, 1, 2}), 2);
  EXPECT_DOUBLE_EQ(Median({4, 1, 3, 2}), 2.5);
  EXPECT_DOUBLE_EQ(Median({7}), 7);
  EXPECT_DOUBLE_EQ(Quantile({1, 2, 3, 4, 5}, 0), 1);
  EXPECT_DOUBLE_EQ(Quantile({1, 2, 3, 4, 5}, 1), 5);
  EXPECT_DOUBLE_EQ(Quantile({1, 2, 3, 4, 5}, 0.25), 2);
  EXPECT_DOUBLE_EQ(Quantile({1, 2}, 0.25), 1.25);
}

TEST(PairStatisticsTest, FewValuesGiveTheWholeRange) {
  // With 5 values, even the extremes cover the median with only 1 - 2/32 = 93.75%.
  const Interval interval = MedianInterval({5, 1, 4, 2, 3});
  EXPECT_DOUBLE_EQ(interval.low, 1);
  EXPECT_DOUBLE_EQ(interval.high, 5);
}

TEST(PairStatisticsTest, IntervalUsesBinomialOrderStatistics) {
  // n = 9: P(B <= 1) = 10/512 <= 2.5% < P(B <= 2) = 46/512, so [x(2), x(8)].
  const Interval nine = MedianInterval({9, 8, 7, 6, 5, 4, 3, 2, 1});
  EXPECT_DOUBLE_EQ(nine.low, 2);
  EXPECT_DOUBLE_EQ(nine.high, 8);
  // n = 20: the textbook 95% interval is [x(6), x(15)].
  std::vector<double> twenty;
  for (int i = 1; i <= 20; ++i) twenty.push_back(i);
  const Interval interval = MedianInterval(twenty);
  EXPECT_DOUBLE_EQ(interval.low, 6);
  EXPECT_DOUBLE_EQ(interval.high, 15);
}

TEST(PairStatisticsTest, RelativeWidth) {
  EXPECT_DOUBLE_EQ(RelativeWidth({0.9, 1.1}, 1.0), 0.2);
  EXPECT_TRUE(std::isinf(RelativeWidth({0, 1}, 0)));
}

}  // namespace
}  // namespace grader
