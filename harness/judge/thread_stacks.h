// gdb's `thread apply all bt` output parsed into threads and frames, and what a student
// needs of each thread: where in their files it is, and what it waits in.
//
// The parser is forgiving like the sanitizer parser: text cut off by an output cap or a
// deadline, gdb's warnings between the stacks, and lines it does not know yield whatever was
// recognised, never an exception.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "judge/sanitizer_report.h"

namespace grader {

struct ThreadStack {
  int number = 0;    // gdb's thread number (1 is the main thread)
  int lwp = 0;       // the kernel's thread id (a host tid); 0 when gdb did not say
  std::string name;  // the thread's name (comm), empty when gdb did not say
  std::vector<StackFrame> frames;  // innermost first; file empty when gdb had no line info
};

// The threads of one process, ordered by thread number. A frame without a line (a library
// without debug information: "from /lib/.../libc.so.6") has an empty file; a frame gdb
// could not name has function "??".
std::vector<ThreadStack> ParseGdbBacktraces(std::string_view text);

// The indices in thread.frames of the student's frames, innermost first: frames whose file
// is one of `student_files` (compared by their path relative to `workspace_inside`, as
// FirstStudentFrame does).
std::vector<std::size_t> StudentFrameIndices(const ThreadStack& thread,
                                             const std::vector<std::string>& student_files,
                                             const std::string& workspace_inside);

// What a thread was doing when its stack was taken.
struct ThreadActivity {
  // The blocking call it waits in, named as a student knows it ("pthread_mutex_lock",
  // "pthread_cond_wait", "pthread_join", "nanosleep", "sched_yield", "futex_wait", ...),
  // or, when it waits in none, its innermost function that is not a sanitizer's
  // instrumentation (a loop: "Counter::increment").
  std::string function;
  // The outermost standard-library call that led into `function` (e.g.
  // "std::lock_guard<std::mutex>::lock_guard", "std::condition_variable::wait"); empty when
  // the student's code called it directly or there is none.
  std::string via;
  bool blocked = false;  // `function` is a blocking call
  std::size_t frame = 0;  // the index in thread.frames of the frame `function` names
};

// The blocking call is looked for among the frames inside the student's innermost frame
// (thread.frames[0, first_student_frame); the whole stack when it is frames.size() or more).
ThreadActivity ActivityOf(const ThreadStack& thread, std::size_t first_student_frame);

// `function` without its parameter list and qualifiers, as a student reads it
// ("std::condition_variable::wait(std::unique_lock<std::mutex>&)" ->
// "std::condition_variable::wait").
std::string ShortFunctionName(std::string_view function);

// True for a sanitizer's own helper thread (ThreadSanitizer's background thread), which no
// student created and which reports leave out.
bool IsRuntimeThread(const ThreadStack& thread);

}  // namespace grader
