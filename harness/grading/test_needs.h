// A test's `needs` (spec/spec.h): a test waits on the verdicts of earlier tests of the same
// grading, and is not run when one of them failed. The defect such a test would meet has
// already been proven by a test that shows it every time; running the later test would only
// score the same defect again, and in some interleavings only, so that two gradings of the
// same code would differ (docs/spec-reference.md, "needs").
#pragma once

#include <vector>

#include "judge/grade_result.h"
#include "spec/spec.h"

namespace grader {

// The first of `test`'s needs that ran earlier in this grading (`done`) and failed, or
// nullptr. A need that was not part of this grading (`--test` picked other tests) or that
// ended in an internal error (the grader's failure, not the student's) holds nothing back.
const TestResult* FailedNeed(const TestSpec& test, const std::vector<TestResult>& done);

// `result`, of a test not run because `need` failed: `need`'s verdict, no points, no runs,
// and a message and evidence naming the test to make pass first.
void MarkNotRun(const TestResult& need, TestResult* result);

}  // namespace grader
