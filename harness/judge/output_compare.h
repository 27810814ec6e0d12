// Compares a program's output with the expected output (CompareMode of the spec).
#pragma once

#include <string>
#include <string_view>

#include "spec/spec.h"

namespace grader {

struct OutputComparison {
  bool equal = false;
  std::string difference;  // where they first differ, for a student; empty when equal
};

OutputComparison CompareOutput(std::string_view expected, std::string_view actual,
                               CompareMode mode);

}  // namespace grader
