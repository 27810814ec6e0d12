#include "cli/validate_command.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <optional>

#include <fmt/color.h>
#include <fmt/format.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include "build/object_cache.h"
#include "cli/grade_options.h"
#include "common/error.h"
#include "grading/catalog.h"
#include "grading/grader.h"
#include "grading/validation.h"
#include "spec/spec_loader.h"

namespace grader {
namespace {

fmt::text_style OutcomeStyle(bool color, bool internal_error, bool as_expected) {
  if (!color) return {};
  if (internal_error) return fmt::fg(fmt::terminal_color::yellow);
  return fmt::fg(as_expected ? fmt::terminal_color::green : fmt::terminal_color::red);
}

// The validation cases of `spec` named in `only` ("reference" or a known-bad case's name);
// all of them when `only` is empty.
std::vector<ValidationCase> SelectedCases(const ExerciseSpec& spec,
                                          const std::vector<std::string>& only) {
  std::vector<ValidationCase> cases = ValidationCases(spec);
  if (only.empty()) return cases;
  std::erase_if(cases, [&](const ValidationCase& a_case) {
    return std::find(only.begin(), only.end(), a_case.submission) == only.end();
  });
  return cases;
}

void PrintRow(const ValidationRow& row, bool color) {
  const std::string word = row.internal_error ? "INTERNAL-ERROR"
                           : row.as_expected  ? "as expected"
                                              : "WRONG";
  fmt::print("{:<16} {:<24} {:<16} {:<22} {:>7.1f}  {}\n", row.exercise, row.submission,
             row.expected, row.actual, row.seconds,
             fmt::styled(word, OutcomeStyle(color, row.internal_error, row.as_expected)));
  if (!row.as_expected && !row.message.empty()) fmt::print("    {}\n", row.message);
  std::fflush(stdout);
}

// One grading of every case: the expected and the actual verdict, side by side. Up to
// `jobs` cases are graded at once, taken in order; rows print in that order as soon as
// every earlier row has. Speed tests still measure alone: each holds the machine's timing
// lock exclusively while builds and other runs hold it shared (timing/timing_lock.h).
int ValidateOnceEach(Grader& grader, const std::vector<ExerciseSpec>& specs,
                     const std::vector<std::string>& only_cases, const GradeOptions& options,
                     int jobs, bool color) {
  struct Job {
    const ExerciseSpec* spec;
    ValidationCase a_case;
  };
  std::vector<Job> all;
  for (const auto& spec : specs) {
    for (ValidationCase& a_case : SelectedCases(spec, only_cases)) {
      all.push_back({&spec, std::move(a_case)});
    }
  }
  fmt::print("{:<16} {:<24} {:<16} {:<22} {:>7}  {}\n", "exercise", "submission", "expected",
             "actual", "seconds", "result");
  std::vector<std::optional<ValidationRow>> rows(all.size());
  std::mutex mutex;  // guards rows and next_to_print
  std::size_t next_to_print = 0;
  std::atomic<std::size_t> next_to_grade{0};
  auto work = [&] {
    for (std::size_t i; (i = next_to_grade++) < all.size();) {
      ValidationRow row = ValidateOnce(grader, *all[i].spec, all[i].a_case, options);
      const std::lock_guard<std::mutex> lock(mutex);
      rows[i] = std::move(row);
      while (next_to_print < rows.size() && rows[next_to_print]) {
        PrintRow(*rows[next_to_print++], color);
      }
    }
  };
  const int workers = std::max(1, std::min<int>(jobs, static_cast<int>(all.size())));
  tbb::task_arena arena(workers);
  arena.execute([&] {
    tbb::task_group group;
    for (int w = 0; w < workers; ++w) group.run(work);
    group.wait();
  });
  int failures = 0;
  int internal_errors = 0;
  for (const auto& row : rows) {
    failures += !row->as_expected && !row->internal_error;
    internal_errors += row->internal_error;
  }
  fmt::print("{} not as expected, {} internal errors\n", failures, internal_errors);
  if (internal_errors > 0) return kExitInternalError;
  return failures == 0 ? kExitFullScore : kExitNotFullScore;
}

std::string RateCell(const DetectionStats& stats) {
  const double median = stats.MedianCatchSeconds();
  return fmt::format("{:>3}/{:<3} {:>8}", stats.as_expected, stats.gradings,
                     median < 0 ? std::string("-") : fmt::format("{:.2f}s", median));
}

// Every case graded `gradings` times with chaos on, then (if `compare`) off: how often each known-bad
// case was caught and how fast (median seconds from the start of grading to the first
// failing run), and how often each reference passed. Only the chaos-on gradings decide
// the exit status: chaos off is the comparison.
int MeasureDetectionRates(Grader& grader, const std::vector<ExerciseSpec>& specs,
                          const std::vector<std::string>& only_cases,
                          const GradeOptions& options, int gradings, bool compare,
                          bool color) {
  fmt::print("{} gradings per case and mode; caught (reference: passed) / gradings, median "
             "time to catch\n",
             gradings);
  fmt::print("{:<16} {:<24} {:<14} {:<20} {:<20} {}\n", "exercise", "submission", "expected",
             "chaos on", "chaos off", "result");
  int failures = 0;
  int internal_errors = 0;
  for (const auto& spec : specs) {
    for (const ValidationCase& a_case : SelectedCases(spec, only_cases)) {
      GradeOptions on = options;
      on.chaos = true;
      GradeOptions off = options;
      off.chaos = false;
      const DetectionStats with_chaos = MeasureDetection(grader, spec, a_case, on, gradings);
      const DetectionStats without =
          compare ? MeasureDetection(grader, spec, a_case, off, gradings) : DetectionStats{};
      const bool all = with_chaos.as_expected == with_chaos.gradings;
      const std::string expected =
          !a_case.reference              ? std::string(VerdictName(a_case.expected))
          : a_case.only_tests.empty() ? "full marks"
                                      : fmt::format("full on {} tests", a_case.only_tests.size());
      fmt::print("{:<16} {:<24} {:<14} {:<20} {:<20} {}\n", spec.name, a_case.submission,
                 expected, RateCell(with_chaos), compare ? RateCell(without) : "not graded",
                 fmt::styled(all ? "as expected" : "MISSED",
                             OutcomeStyle(color, with_chaos.internal_errors > 0, all)));
      if (!with_chaos.unexpected.empty()) fmt::print("    chaos on, {}\n", with_chaos.unexpected);
      if (!without.unexpected.empty()) fmt::print("    chaos off, {}\n", without.unexpected);
      std::fflush(stdout);
      failures += !all;
      internal_errors += with_chaos.internal_errors + without.internal_errors;
    }
  }
  fmt::print("{} cases not always as expected with chaos on, {} internal errors\n", failures,
             internal_errors);
  if (internal_errors > 0) return kExitInternalError;
  return failures == 0 ? kExitFullScore : kExitNotFullScore;
}

}  // namespace

int RunValidate(const CommonOptions& common, const ValidateOptions& options) {
  std::vector<std::filesystem::path> spec_files;
  if (options.exercises.empty()) {
    spec_files = AllSpecFiles(common.specs_dir);
  } else {
    for (const auto& name : options.exercises) {
      spec_files.push_back(ResolveSpecFile(name, common.specs_dir));
    }
  }
  std::vector<ExerciseSpec> specs;
  for (const auto& file : spec_files) specs.push_back(LoadSpec(file));

  const auto sandbox = MakeSandbox(common.sandbox);
  ObjectCache cache(common.cache_dir.empty() ? DefaultCacheDir() : common.cache_dir,
                    Toolchain::Detect(common.cxx));
  Grader grader(cache, *sandbox);
  for (const std::string& name : options.cases) {
    const bool known = std::any_of(specs.begin(), specs.end(), [&](const ExerciseSpec& spec) {
      return !SelectedCases(spec, {name}).empty();
    });
    if (!known) {
      throw InputError(fmt::format("--case {}: no such case; a case is 'reference' or the name "
                                   "of a folder in an exercise's known-bad or known-good "
                                   "folder",
                                   name));
    }
  }
  GradeOptions grade_options = MakeGradeOptions(common, options.seed, std::nullopt);
  grade_options.cpus = options.cpus;
  const int jobs = JobsOrCores(options.jobs);  // --repeat grades one case at a time
  fmt::print("validating {} exercise{} (seed {}, sandbox {}{})\n", specs.size(),
             specs.size() == 1 ? "" : "s", grade_options.seed, sandbox->Name(),
             options.gradings ? "" : fmt::format(", -j {}", jobs));
  if (options.gradings) {
    return MeasureDetectionRates(grader, specs, options.cases, grade_options, *options.gradings,
                                 !options.no_chaos_comparison, common.color);
  }
  return ValidateOnceEach(grader, specs, options.cases, grade_options, jobs, common.color);
}

}  // namespace grader
