// Sanitizer reports (ThreadSanitizer, AddressSanitizer, UndefinedBehaviorSanitizer) parsed
// into structured findings: the kind, each access with its operation, size, thread and held
// locks, the stacks, and the memory the report is about.
//
// The parser is deliberately forgiving: a truncated or garbled report still yields a finding
// with whatever was recognised (at least its kind), never an exception.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace grader {

struct StackFrame {
  std::string function;  // as symbolised, e.g. "Counter::increment(long long)"
  std::string file;      // as symbolised (absolute inside the sandbox), empty if unknown
  int line = 0;
};

// One part of a report: a title line and the stack under it. For a memory access ("Previous
// atomic read of size 8 at 0x7b04... by thread T1 (mutexes: write M0):") the access fields
// are filled in; for other parts ("Mutex M0 (0x...) created at:", "Thread T1 (tid=5,
// running) created by main thread at:") they stay empty.
struct ReportSection {
  std::string title;
  std::vector<StackFrame> frames;
  std::string access;    // "read", "write", "atomic read", "atomic write"; empty: no access
  int size = 0;          // bytes accessed; 0 when not said
  std::string thread;    // who accessed or acquired: "T1", "main thread"; empty when not said
  bool previous = false;  // TSan's "Previous ..." access: the older of the two
  std::vector<std::string> mutexes;  // held during the access: {"write M0", "read M3"}

  bool IsAccess() const { return !access.empty(); }
};

// The category a finding falls into, whatever the exact wording of the tool's version.
enum class FindingKind {
  kDataRace,            // TSan "data race"
  kLockOrderInversion,  // TSan "lock-order-inversion (potential deadlock)"
  kThreadLeak,          // TSan "thread leak"
  kHeapUseAfterFree,    // TSan or ASan "heap-use-after-free"
  kMutexMisuse,         // TSan: unlock of an unlocked mutex, double lock, destroy of a
                        // locked mutex, use of an invalid mutex, read lock of a write lock
  kSignalUnsafeCall,    // TSan "signal-unsafe call inside of a signal", "signal handler
                        // spoils errno"
  kMemoryError,         // ASan's other errors (overflows, double free, ...)
  kMemoryLeak,          // LeakSanitizer
  kUndefinedBehavior,   // UBSan "runtime error"
  kOther,               // a report the harness does not know: shown as it is
};

// "data-race", "lock-order-inversion", "thread-leak", "heap-use-after-free", "mutex-misuse",
// "signal-unsafe-call", "memory-error", "memory-leak", "undefined-behavior", "other": the
// names JSON reports carry.
std::string_view FindingKindName(FindingKind kind);

// Classifies a tool's own wording of a report's kind (the text after "ThreadSanitizer: ").
FindingKind ClassifyFinding(std::string_view tool, std::string_view kind);

// The memory a report is about ("Location is global 'counter' of size 8 at 0x...",
// "Location is heap block of size 48 at 0x7b0c... allocated by main thread:" and the
// allocation stack under it, "Location is stack of thread T1.").
struct MemoryLocation {
  std::string text;     // the line without its indent; empty when the report has none
  std::string what;     // "global", "heap block", "stack", "thread-local storage", "" unknown
  std::string name;     // the global's name when the tool gives one
  std::uint64_t size = 0;
  std::uint64_t address = 0;  // the start of the block or global; 0 when not said
  std::string thread;   // the thread that allocated it or whose stack it is
  std::vector<StackFrame> frames;  // where a heap block was allocated
};

struct SanitizerFinding {
  std::string tool;     // "ThreadSanitizer", "AddressSanitizer", "UndefinedBehaviorSanitizer"
  std::string kind;     // the tool's words: "data race", "heap-use-after-free", ...
  FindingKind category = FindingKind::kOther;
  std::string summary;  // the SUMMARY line, or the first line when there is none
  std::vector<ReportSection> sections;
  MemoryLocation location;
  std::uint64_t access_address = 0;  // the address of the first access, when said
  int more_similar = 0;  // "And 3 more similar thread leaks."
  bool complete = false;  // the report's SUMMARY line was seen: nothing was cut off
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
