// What the `process_pool` driver's tests share: the call of the student's process_map, the
// words that describe its outcome to a student, and the view of this process's children and
// descriptors through /proc.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "process_pool_adapter.h"

namespace process_pool_driver {

using process_pool_adapter::Function;
using process_pool_adapter::Outcome;

// A worker that returned from process_map into the caller exits with this status, after
// saying so on stderr, instead of running the rest of the tests as a copy of this process.
inline constexpr int kEscapedWorkerStatus = 86;

// process_map(f, items, processes) through the adapter. When it comes back in a process
// other than the caller (a worker that returned instead of ending), that process says so on
// stderr and exits with kEscapedWorkerStatus.
Outcome Map(const Function& f, const std::vector<std::string>& items, unsigned processes);

// "process_map(f, 12 items, 3)": the call, for messages.
std::string CallText(std::size_t items, unsigned processes);

// How the call ended, for messages: "returned 12 results", "threw ChildProcessError: ...".
std::string Describe(const Outcome& outcome);

// Empty when the call returned exactly `expected`; otherwise what differs, for a student.
// `call` says what was called, e.g. CallText(...) plus what f does.
std::string CompareResults(const Outcome& outcome, const std::vector<std::string>& expected,
                           std::string_view call);

// A string shown to a student: printable, escaped, cut to about `max` characters, with its
// length when it was cut.
std::string Quote(std::string_view text, std::size_t max = 60);

// Whether `text` holds `number` as a whole number (not as part of a longer one).
bool NamesNumber(std::string_view text, std::size_t number);

// A child process of this one, as /proc shows it.
struct Child {
  pid_t pid = 0;
  char state = '?';  // 'Z' for a zombie: ended but not waited for
  std::string command;
};

// This process's children, from /proc/<pid>/stat.
std::vector<Child> ChildrenOfThisProcess();

// This process's open descriptors and what each refers to ("pipe:[1234]", a path).
std::map<int, std::string> OpenDescriptors();

// Empty when this process has no children and exactly the descriptors `before`; otherwise
// what was left behind, for a student. `after_what` says what had just happened.
std::string LeftBehind(const std::map<int, std::string>& before, std::string_view after_what);

// CLOCK_MONOTONIC in nanoseconds: the same clock in every process of the machine.
std::int64_t MonotonicNanos();

void SleepMillis(int millis);

// GRADER_SEED (default 1). A malformed value is the harness's mistake: exits with status 3.
std::uint64_t GraderSeed();

}  // namespace process_pool_driver
