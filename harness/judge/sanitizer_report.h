// Sanitizer reports (ThreadSanitizer, AddressSanitizer, UndefinedBehaviorSanitizer) parsed
// into findings a student can act on.
//
// The parser is deliberately forgiving: a truncated or garbled report still yields a finding
// with whatever was recognised (at least its kind), never an exception.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace grader {

struct StackFrame {
  std::string function;  // as symbolised, e.g. "Counter::increment(long long)"
  std::string file;      // as symbolised (absolute inside the sandbox), empty if unknown
  int line = 0;
};

// One access or event of a report ("Read of size 8 at ... by thread T2:") and its stack.
struct ReportSection {
  std::string title;
  std::vector<StackFrame> frames;
};

struct SanitizerFinding {
  std::string tool;     // "ThreadSanitizer", "AddressSanitizer", "UndefinedBehaviorSanitizer"
  std::string kind;     // "data race", "heap-use-after-free", "lock-order-inversion ..."
  std::string summary;  // the SUMMARY line, or the first line when there is none
  std::vector<ReportSection> sections;
  std::string location;  // "Location is global 'c' of size 8 ...", when the report has one
};

// Every report found in `text` (a sanitizer log file may hold several).
std::vector<SanitizerFinding> ParseSanitizerLog(std::string_view text);

// The first frame of `section` whose file is one of `student_files` (matched by their path
// relative to `workspace_inside`), or nullptr.
const StackFrame* FirstStudentFrame(const ReportSection& section,
                                    const std::vector<std::string>& student_files,
                                    const std::string& workspace_inside);

// `file` relative to the workspace ("/submission/./counter.hpp" -> "counter.hpp").
std::string WorkspaceRelative(const std::string& file, const std::string& workspace_inside);

}  // namespace grader
