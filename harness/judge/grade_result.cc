#include "judge/grade_result.h"

#include <algorithm>

namespace grader {

bool GradeResult::HasInternalError() const {
  return std::any_of(tests.begin(), tests.end(), [](const TestResult& test) {
    return test.verdict == Verdict::kInternalError;
  });
}

}  // namespace grader
