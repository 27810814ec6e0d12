// The STREAM-like copy: it copies, and its figure is bytes moved over the fastest time.
#include "timing/copy_bandwidth.h"

#include <sched.h>

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

TEST(CopyBandwidthTest, PinnedCopyGivesTheCallerItsAffinityBack) {
  cpu_set_t before;
  ASSERT_EQ(sched_getaffinity(0, sizeof(before), &before), 0);
  int first = 0;
  while (!CPU_ISSET(first, &before)) ++first;

  const CopyBandwidth copy = MeasureCopyBandwidth(1 << 16, 2, 2, {first});

  EXPECT_GT(copy.seconds, 0);
  cpu_set_t after;
  ASSERT_EQ(sched_getaffinity(0, sizeof(after), &after), 0);
  EXPECT_TRUE(CPU_EQUAL(&before, &after));
}

}  // namespace
}  // namespace grader
