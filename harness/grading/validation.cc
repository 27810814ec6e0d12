#include "grading/validation.h"

#include <algorithm>

#include <fmt/format.h>

#include "spec/solution_cases.h"

namespace grader {
namespace {

std::string FirstFailureMessage(const GradeResult& result) {
  for (const auto& test : result.tests) {
    if (test.verdict != Verdict::kOk) return fmt::format("{}: {}", test.name, test.message);
  }
  return "";
}

}  // namespace

std::vector<ValidationCase> ValidationCases(const ExerciseSpec& spec) {
  std::vector<ValidationCase> cases = {{spec.name, "reference", spec.reference, true}};
  for (const KnownGoodCase& good : LoadKnownGoodCases(spec)) {
    cases.push_back({spec.name, good.name, good.dir, true, Verdict::kOk, good.tests});
  }
  for (const KnownBadCase& bad : LoadKnownBadCases(spec)) {
    cases.push_back({spec.name, bad.name, bad.dir, false, bad.expected});
  }
  return cases;
}

ValidationRow ValidateOnce(Grader& grader, const ExerciseSpec& spec,
                           const ValidationCase& a_case, GradeOptions options) {
  options.reveal_hidden = true;
  options.stop_at_first_failure = !a_case.reference;
  if (!a_case.only_tests.empty()) options.only_tests = a_case.only_tests;
  const GradeResult result = grader.Grade(spec, a_case.dir, options);
  ValidationRow row;
  row.exercise = spec.name;
  row.submission = a_case.submission;
  row.seconds = result.seconds;
  row.internal_error = result.HasInternalError();
  row.message = FirstFailureMessage(result);
  const Verdict actual = SummaryVerdict(result);
  if (a_case.reference) {
    row.expected = a_case.only_tests.empty()
                       ? "full marks"
                       : fmt::format("full on {} tests", a_case.only_tests.size());
    row.actual = fmt::format("{} ({:g}/{:g})", VerdictName(actual), result.score,
                             result.max_score);
    row.as_expected = !row.internal_error && result.FullScore();
  } else {
    row.expected = std::string(VerdictName(a_case.expected));
    row.actual = std::string(VerdictName(actual));
    row.as_expected = !row.internal_error && actual == a_case.expected && !result.FullScore();
    row.catch_seconds = result.first_failure_seconds;
  }
  return row;
}

double DetectionStats::MedianCatchSeconds() const {
  if (catch_seconds.empty()) return -1;
  std::vector<double> sorted = catch_seconds;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t mid = sorted.size() / 2;
  return sorted.size() % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

DetectionStats MeasureDetection(Grader& grader, const ExerciseSpec& spec,
                                const ValidationCase& a_case, const GradeOptions& options,
                                int gradings) {
  DetectionStats stats;
  for (int i = 0; i < gradings; ++i) {
    GradeOptions one = options;
    one.seed = options.seed + static_cast<std::uint64_t>(i);
    const ValidationRow row = ValidateOnce(grader, spec, a_case, one);
    ++stats.gradings;
    stats.internal_errors += row.internal_error;
    if (row.as_expected) {
      ++stats.as_expected;
      if (row.catch_seconds >= 0) stats.catch_seconds.push_back(row.catch_seconds);
    } else if (stats.unexpected.empty()) {
      stats.unexpected = fmt::format("seed {}: {}: {}", one.seed, row.actual, row.message);
    }
  }
  return stats;
}

}  // namespace grader
