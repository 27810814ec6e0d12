// Sanitizer findings (sanitizer_report.h) turned into a verdict and evidence a student can act
// on: the student's own frames first with their lines quoted, the driver's and libraries'
// frames collapsed into one line, the raced variable named, and a key under which the same
// finding seen in several runs collapses into one entry with a count.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/verdict.h"
#include "judge/frame_origin.h"
#include "judge/run_judge.h"
#include "judge/sanitizer_report.h"

namespace grader {

// The verdict a finding earns: data races `data-race`; lock-order inversions and double
// locks `deadlock`; everything else (use after free, thread leaks, misused mutexes,
// signal-unsafe calls, memory errors, undefined behaviour) `runtime-error`.
Verdict SanitizerVerdict(const SanitizerFinding& finding);

// The name of the raced memory as the student knows it: the identifier the two racing lines
// of the student's files share ("count_", or "x_ or y_" when two or three do), else the
// global's name when the tool gives one (a member of a global object is not named by the
// tool), else empty.
std::string RacedVariable(const SanitizerFinding& finding, const JudgeContext& context);

// Equal for the same finding seen again (another run, another address, another thread
// number): its kind and the places in the student's files of its sections, or, without any,
// the innermost function names of its stacks.
std::string FindingKey(const SanitizerFinding& finding, const JudgeContext& context);

// Verdict, one-line message and details from the first finding; evidence["findings"] holds
// every distinct finding (structured: see docs/json-report.md) with "key" and "count".
// REQUIRES: !findings.empty().
RunJudgement JudgeSanitizerFindings(const std::vector<SanitizerFinding>& findings,
                                    const JudgeContext& context);

// Adds the findings of evidence `from` (as JudgeSanitizerFindings makes them) to the list
// `into`: one with a key already there adds its count; a new one is appended.
void MergeFindings(nlohmann::json& into, const nlohmann::json& from);

}  // namespace grader
