// JUnit XML, the test-report format CI systems read (Jenkins, GitLab, GitHub's test
// reporters): `grader check --junit FILE` for one grading, OUT/junit.xml for a batch.
//
// A grading is a <testsuite> named after its exercise ("<student>/<exercise>" in a batch)
// with the counts tests, failures, errors and skipped (always 0: a test the grading left
// out, by --quick or --test, is not in the result at all), its time when known, and the
// properties seed, score, max_score and one "warning" per warning. Each test is a
// <testcase> (classname "<exercise>", or "<student>.<exercise>" in a batch; name the test's
// name). A test that did not pass holds <failure type="<verdict>" message="<message>">, whose
// text is its points and runs, its details and the reproduce command; an internal-error test
// holds <error type="internal-error"> instead: the harness failed, not the student. A batch
// submission that was not graded is one testcase "submission": a <failure type="unusable">
// when its files were unusable, an <error type="internal-error"> when the harness failed.
// The root is always <testsuites> with the sums of the counts. Every text is XmlEscaped:
// messages and details from student programs may hold any bytes. No timestamp and no host
// name: the batch's file depends on the stored results alone.
#pragma once

#include <ostream>
#include <string>

#include "judge/grade_result.h"
#include "report/batch_results.h"

namespace grader {

// `result` as the JUnit XML of `grader check --junit`: one <testsuite>, with its time.
// Like the student's other reports, hidden tests' details and reproduce commands are left
// out.
void WriteJunitReport(const GradeResult& result, std::ostream& out);

// OUT/junit.xml: a <testsuite> per stored result of `results`, students then exercises, each
// with every test's details (the instructor's file). No times: the result JSON holds none.
void WriteBatchJunit(const BatchResults& results, std::ostream& out);

}  // namespace grader
