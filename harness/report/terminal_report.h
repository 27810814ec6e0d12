// The report a person reads in a terminal: a line per test, evidence under failures.
//
// Layout, for 100 columns: a header line (exercise, submission, score, seed); the warnings
// ("warning: not isolated: ...", then result.warnings); one line per test with its verdict,
// name, score/max, runs and message (the message moves to its own indented line when the line
// would pass 100 columns); under a test that did not pass, indented: the internal-error
// notice, the details and "reproduce: <command>" (for a hidden test only with
// show_hidden_details, else a note that they are withheld); a final summary line. Control
// bytes from the submission (escape sequences in its output) are printed as "\x1b", so
// without colour the report holds no ESC byte at all.
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
