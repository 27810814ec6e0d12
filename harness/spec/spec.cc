#include "spec/spec.h"

namespace grader {

double ExerciseSpec::MaxScore() const {
  double total = 0;
  for (const TestSpec& test : tests) total += test.points;
  return total;
}

}  // namespace grader
