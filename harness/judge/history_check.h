// The linearizability step of judging: histories a driver attached to its tests
// (grader_driver::Attach("history/<model>", ...)) checked against <model>.
#pragma once

#include "judge/gtest_result.h"
#include "judge/run_judge.h"

namespace grader {

// Checks every attachment named "history/<model>" of `result`. A history that is not
// linearizable makes `judgement` a wrong answer (unless it already failed) whose message
// names the test and the first operation that cannot be linearized, and whose details hold
// the minimised counterexample as a per-thread table. A history the checker cannot decide
// within its budget is noted in the evidence and fails nothing. A history that cannot be
// read is a runtime error: the program's memory, which the submission shares, was damaged.
// evidence["linearizability"]: [{"test", "model", "verdict", "operations", "states",
// "fast_path", "seconds", "counterexample" (text, when not linearizable)}].
void CheckAttachedHistories(const GtestResult& result, RunJudgement& judgement);

}  // namespace grader
