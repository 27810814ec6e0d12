// Evidence of a run killed at its deadline: where each thread of the student's program was.
//
// From the gdb stacks taken just before the kill (run/stack_dump.h), a student reads, per
// thread, what it waited in or ran, and where in their own files: the file:line with the
// source quoted, and the callers in their files (a lock taken again further up the same
// stack is a self-deadlock). Threads in the same place share one entry.
#pragma once

#include "judge/run_judge.h"
#include "run/stack_dump.h"

namespace grader {

// Adds the stacks of `dump` to `judgement`, whose verdict (deadlock or time-limit) and
// one-line message are already set:
//   evidence["stack_dump"]    {"available", "problem", "ms"}
//   evidence["thread_stacks"] [{"pid", "thread", "lwp", "name", "waiting_in", "blocked",
//                               "via", "student_frame" (when there is one), "frames"}]
//   details                   a summary per thread (or why stacks are not available)
//   message                   gets "; thread 2 waits in pthread_mutex_lock at
//                             counter.hpp:12 in Counter::add, called from counter.hpp:30 in
//                             Counter::add_twice" (deadlock) or "; thread 2 runs
//                             Counter::increment at counter.hpp:9" (time-limit) appended,
//                             naming the first thread in the student's code, preferably
//                             one that waits (deadlock) or computes (time-limit)
// and marks the details public: they show only the student's own code and library names.
// Sanitizer runtime threads are left out. Adds nothing when no dump was attempted. Never
// throws for malformed gdb output.
void AddThreadStacks(const StackDump& dump, const JudgeContext& context,
                     RunJudgement& judgement);

}  // namespace grader
