#include "cli/commands.h"

#include <fstream>
#include <iostream>
#include <random>

#include <fmt/color.h>
#include <fmt/format.h>

#include "build/object_cache.h"
#include "common/error.h"
#include "grading/catalog.h"
#include "grading/grader.h"
#include "grading/validation.h"
#include "report/gradescope_report.h"
#include "report/json_report.h"
#include "report/terminal_report.h"
#include "spec/spec_loader.h"

namespace grader {
namespace {

std::uint64_t FreshSeed() {
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32 | device()) % 1'000'000'000'000ULL;
}

GradeOptions MakeGradeOptions(const CommonOptions& common, std::optional<std::uint64_t> seed,
                              std::optional<int> repeat) {
  GradeOptions options;
  options.seed = seed.value_or(FreshSeed());
  options.repeat = repeat;
  options.work_dir = common.work_dir;
  options.keep_workspace = common.keep_workspace;
  if (common.verbose) {
    options.progress = [](std::string_view what) { fmt::print(stderr, "  .. {}\n", what); };
  }
  return options;
}

void WriteFile(const std::filesystem::path& file, const auto& write) {
  std::ofstream out(file, std::ios::binary);
  if (!out) throw InputError(fmt::format("{}: cannot write", file.string()));
  write(out);
}

}  // namespace

int RunCheck(const CommonOptions& common, const CheckOptions& options) {
  const ExerciseSpec spec = LoadSpec(ResolveSpecFile(options.exercise, common.specs_dir));
  const auto sandbox = MakeSandbox(common.sandbox);
  ObjectCache cache(common.cache_dir.empty() ? DefaultCacheDir() : common.cache_dir,
                    Toolchain::Detect(common.cxx));
  Grader grader(cache, *sandbox);
  GradeOptions grade_options = MakeGradeOptions(common, options.seed, options.repeat);
  grade_options.quick = options.quick;
  grade_options.only_tests = options.tests;
  const GradeResult result = grader.Grade(spec, options.submission, grade_options);

  WriteTerminalReport(result, {.color = common.color, .show_hidden_details = false}, std::cout);
  if (!options.json_file.empty()) {
    WriteFile(options.json_file, [&](std::ostream& out) { WriteJsonReport(result, out); });
  }
  if (!options.gradescope_file.empty()) {
    WriteFile(options.gradescope_file,
              [&](std::ostream& out) { WriteGradescopeReport(result, out); });
  }
  if (result.HasInternalError()) return kExitInternalError;
  return result.FullScore() ? kExitFullScore : kExitNotFullScore;
}

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
  const GradeOptions grade_options = MakeGradeOptions(common, options.seed, options.repeat);
  fmt::print("validating {} exercise{} (seed {}, sandbox {})\n", specs.size(),
             specs.size() == 1 ? "" : "s", grade_options.seed, sandbox->Name());
  fmt::print("{:<16} {:<20} {:<16} {:<22} {:>7}  {}\n", "exercise", "submission", "expected",
             "actual", "seconds", "result");

  int failures = 0;
  int internal_errors = 0;
  for (const auto& spec : specs) {
    for (const ValidationRow& row : ValidateExercise(grader, spec, grade_options)) {
      const std::string word = row.internal_error ? "INTERNAL-ERROR"
                               : row.as_expected  ? "as expected"
                                                  : "WRONG";
      const auto style = !common.color          ? fmt::text_style()
                         : row.internal_error   ? fmt::fg(fmt::terminal_color::yellow)
                         : row.as_expected      ? fmt::fg(fmt::terminal_color::green)
                                                : fmt::fg(fmt::terminal_color::red);
      fmt::print("{:<16} {:<20} {:<16} {:<22} {:>7.1f}  {}\n", row.exercise, row.submission,
                 row.expected, row.actual, row.seconds, fmt::styled(word, style));
      if (!row.as_expected && !row.message.empty()) fmt::print("    {}\n", row.message);
      failures += !row.as_expected && !row.internal_error;
      internal_errors += row.internal_error;
    }
  }
  fmt::print("{} not as expected, {} internal errors\n", failures, internal_errors);
  if (internal_errors > 0) return kExitInternalError;
  return failures == 0 ? kExitFullScore : kExitNotFullScore;
}

int RunList(const CommonOptions& common) {
  for (const auto& file : AllSpecFiles(common.specs_dir)) {
    const ExerciseSpec spec = LoadSpec(file);
    fmt::print("{:<16} {:>5g} points  {}\n", spec.name, spec.MaxScore(), spec.title);
  }
  return kExitFullScore;
}

int RunCheckSpec(const std::filesystem::path& spec_file) {
  const ExerciseSpec spec = LoadSpec(spec_file);
  const auto bad = LoadKnownBadCases(spec);
  fmt::print("{}: ok: exercise '{}', {} tests, {:g} points, {} known-bad cases\n",
             spec_file.string(), spec.name, spec.tests.size(), spec.MaxScore(), bad.size());
  return kExitFullScore;
}

}  // namespace grader
