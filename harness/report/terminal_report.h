// The report a person reads in a terminal: a line per test, evidence under failures.
#pragma once

#include <ostream>

#include "judge/grade_result.h"

namespace grader {

struct TerminalOptions {
  bool color = false;  // ANSI colours (the CLI enables them on a tty unless NO_COLOR is set)
  // Show details of hidden tests too (instructors, validate). Students see only the message
  // of a hidden test, never its input or expected output.
  bool show_hidden_details = false;
};

void WriteTerminalReport(const GradeResult& result, const TerminalOptions& options,
                         std::ostream& out);

}  // namespace grader
