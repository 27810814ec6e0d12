// The time a batch says it has left: it follows what is left to grade, not the jobs left, so
// a re-grade that reuses most results does not promise hours for minutes of work.
#include <gtest/gtest.h>

#include "batch/batch_runner.h"

namespace grader {
namespace {

TEST(SecondsLeftTest, NothingBeforeTheFirstGrading) {
  BatchSummary so_far;
  so_far.to_grade = 10;
  so_far.reused = 400;  // reused jobs say nothing about the pace of a grading
  EXPECT_FALSE(SecondsLeft(so_far, 5.0).has_value());
}

TEST(SecondsLeftTest, ReusedJobsLeftCostNothing) {
  // A spec changed: 58 of 514 jobs to grade, interleaved with reused ones. After 10
  // gradings in 100 s and 90 reuses, 48 gradings are left (480 s), not 414 jobs (4140 s).
  BatchSummary so_far;
  so_far.to_grade = 58;
  so_far.graded = 10;
  so_far.reused = 90;
  ASSERT_TRUE(SecondsLeft(so_far, 100.0).has_value());
  EXPECT_DOUBLE_EQ(*SecondsLeft(so_far, 100.0), 480.0);
}

TEST(SecondsLeftTest, UnusableAndFailedGradingsCountAsAttempted) {
  BatchSummary so_far;
  so_far.to_grade = 8;
  so_far.graded = 2;
  so_far.unusable = 1;
  so_far.internal_errors = 1;
  EXPECT_DOUBLE_EQ(*SecondsLeft(so_far, 40.0), 40.0);  // 10 s each, 4 left
}

TEST(SecondsLeftTest, NeverBelowZero) {
  // A result found when the batch began but removed before its job came is graded after
  // all: one grading more than counted.
  BatchSummary so_far;
  so_far.to_grade = 3;
  so_far.graded = 5;
  EXPECT_DOUBLE_EQ(*SecondsLeft(so_far, 50.0), 0.0);
}

}  // namespace
}  // namespace grader
