#include "grading/validation.h"

#include <chrono>

#include <fmt/format.h>

#include "spec/spec_loader.h"

namespace grader {
namespace {

std::string FirstFailureMessage(const GradeResult& result) {
  for (const auto& test : result.tests) {
    if (test.verdict != Verdict::kOk) return fmt::format("{}: {}", test.name, test.message);
  }
  return "";
}

ValidationRow Grade(Grader& grader, const ExerciseSpec& spec, const std::filesystem::path& dir,
                    const GradeOptions& options, GradeResult& result) {
  const auto start = std::chrono::steady_clock::now();
  result = grader.Grade(spec, dir, options);
  ValidationRow row;
  row.exercise = spec.name;
  row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  row.internal_error = result.HasInternalError();
  row.message = FirstFailureMessage(result);
  return row;
}

}  // namespace

std::vector<ValidationRow> ValidateExercise(Grader& grader, const ExerciseSpec& spec,
                                            GradeOptions options) {
  options.reveal_hidden = true;
  std::vector<ValidationRow> rows;
  GradeResult result;

  ValidationRow reference = Grade(grader, spec, spec.reference, options, result);
  reference.submission = "reference";
  reference.expected = "full marks";
  reference.actual = fmt::format("{} ({:g}/{:g})", VerdictName(SummaryVerdict(result)),
                                 result.score, result.max_score);
  reference.as_expected = !reference.internal_error && result.FullScore();
  rows.push_back(std::move(reference));

  for (const KnownBadCase& bad : LoadKnownBadCases(spec)) {
    ValidationRow row = Grade(grader, spec, bad.dir, options, result);
    row.submission = bad.name;
    row.expected = std::string(VerdictName(bad.expected));
    const Verdict actual = SummaryVerdict(result);
    row.actual = std::string(VerdictName(actual));
    row.as_expected = !row.internal_error && actual == bad.expected && !result.FullScore();
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace grader
