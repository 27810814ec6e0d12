// The two ways grading can fail before a verdict exists.
//
// InputError: the command line, a spec, or a submission's files are unusable. The message
// names the file (and line:column where there is one) and what is wrong; `grader` exits 2.
// Anything else that escapes to main (std::exception, InternalError) is a failure of the
// harness itself: `grader` exits 3 and never charges the student for it.
#pragma once

#include <stdexcept>
#include <string>

namespace grader {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class InternalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Exit statuses of `grader`, as ../INTERFACE.md fixes them.
inline constexpr int kExitFullScore = 0;
inline constexpr int kExitNotFullScore = 1;
inline constexpr int kExitUnusableInput = 2;
inline constexpr int kExitInternalError = 3;

}  // namespace grader
