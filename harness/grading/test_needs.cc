#include "grading/test_needs.h"

#include <algorithm>

#include <fmt/format.h>

namespace grader {

const TestResult* FailedNeed(const TestSpec& test, const std::vector<TestResult>& done) {
  for (const std::string& name : test.needs) {
    const auto found = std::find_if(done.begin(), done.end(),
                                    [&](const TestResult& r) { return r.name == name; });
    if (found == done.end()) continue;
    if (found->verdict != Verdict::kOk && found->verdict != Verdict::kInternalError) {
      return &*found;
    }
  }
  return nullptr;
}

void MarkNotRun(const TestResult& need, TestResult* result) {
  result->verdict = need.verdict;
  result->score = 0;
  result->runs = 0;
  result->message = fmt::format(
      "not run: this test counts once test '{}' passes, and it failed ({}); fix that first",
      need.name, VerdictName(need.verdict));
  result->details = fmt::format(
      "Test '{}' found a defect. This test runs code that meets the same defect, and whether "
      "one of its runs shows it depends on how the threads happen to interleave, so its "
      "verdict would change from one grading to the next. It waits for '{}' to pass and "
      "takes its verdict until then.\n",
      need.name, need.name);
  result->details_public = true;  // names a test and a verdict the student already sees
  result->evidence = {{"not_run", {{"needs", need.name}, {"verdict", VerdictName(need.verdict)}}}};
  result->reproduce = need.reproduce;
}

}  // namespace grader
