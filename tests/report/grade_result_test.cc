#include "judge/grade_result.h"

#include <gtest/gtest.h>

#include "report_fixtures.h"

namespace grader {
namespace {

TEST(GradeResultTest, HasInternalErrorWhenAnyTestHasThatVerdict) {
  EXPECT_TRUE(fixtures::InternalErrorResult().HasInternalError());
  EXPECT_FALSE(fixtures::Mixed().HasInternalError());
  EXPECT_FALSE(fixtures::CompileError().HasInternalError());
  EXPECT_FALSE(GradeResult{}.HasInternalError());
}

}  // namespace
}  // namespace grader
