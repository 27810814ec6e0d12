// The STREAM-like copy: it copies, and its figure is bytes moved over the fastest time.
#include "timing/copy_bandwidth.h"

#include <gtest/gtest.h>

namespace grader {
namespace {

TEST(CopyBandwidthTest, CountsReadAndWrittenBytesOverTheFastestRepetition) {
  for (unsigned threads : {1u, 2u, 3u}) {
    const CopyBandwidth copy = MeasureCopyBandwidth(1 << 20, threads, 3);
    EXPECT_GT(copy.seconds, 0) << threads;
    EXPECT_DOUBLE_EQ(copy.bytes_per_second, 2.0 * (1 << 20) / copy.seconds) << threads;
  }
}

TEST(CopyBandwidthTest, ASizeBelowOneWordStillCopiesOneWord) {
  const CopyBandwidth copy = MeasureCopyBandwidth(8, 4, 1);
  EXPECT_DOUBLE_EQ(copy.bytes_per_second, 16.0 / copy.seconds);
}

}  // namespace
}  // namespace grader
