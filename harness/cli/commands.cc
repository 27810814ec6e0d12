#include "cli/commands.h"

#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>

#include <fmt/color.h>
#include <fmt/format.h>

#include "build/object_cache.h"
#include "common/error.h"
#include "grading/catalog.h"
#include "grading/grader.h"
#include "grading/speed_bench.h"
#include "grading/validation.h"
#include "report/gradescope_report.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/junit_report.h"
#include "report/speedup_plots.h"
#include "report/terminal_report.h"
#include "spec/spec_loader.h"
#include "spec/solution_cases.h"

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
  options.chaos = common.chaos;
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

// `file` as printed on a terminal: with colour (a terminal), an OSC 8 hyperlink to its
// absolute file:// URI that terminals open on a click; else the path as given.
std::string FileLink(const std::filesystem::path& file, bool color) {
  if (!color) return file.string();
  std::string uri = "file://";
  for (const unsigned char c : std::filesystem::absolute(file).lexically_normal().string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      uri += fmt::format("%{:02X}", c);
    }
  }
  return fmt::format("\033]8;;{}\033\\{}\033]8;;\033\\", uri, file.string());
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
  grade_options.all_runs = options.all_runs;
  grade_options.cpus = options.cpus;
  const GradeResult result = grader.Grade(spec, options.submission, grade_options);

  WriteTerminalReport(result, {.color = common.color, .show_hidden_details = false}, std::cout);
  if (!options.json_file.empty()) {
    WriteFile(options.json_file, [&](std::ostream& out) { WriteJsonReport(result, out); });
  }
  if (!options.gradescope_file.empty()) {
    WriteFile(options.gradescope_file,
              [&](std::ostream& out) { WriteGradescopeReport(result, out); });
  }
  if (!options.junit_file.empty()) {
    WriteFile(options.junit_file, [&](std::ostream& out) { WriteJunitReport(result, out); });
  }
  if (!options.html_file.empty()) {
    WriteFile(options.html_file, [&](std::ostream& out) {
      WriteHtmlReport(result, {.show_hidden_details = false}, out);
    });
    fmt::print("report: {}\n", FileLink(options.html_file, common.color));
  }
  if (!options.plots_dir.empty()) {
    for (const auto& file : WriteSpeedupPlots(result, options.plots_dir)) {
      fmt::print("speedup plot: {}\n", FileLink(file, common.color));
    }
  }
  if (result.HasInternalError()) return kExitInternalError;
  return result.FullScore() ? kExitFullScore : kExitNotFullScore;
}

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

// One grading of every case: the expected and the actual verdict, side by side.
int ValidateOnceEach(Grader& grader, const std::vector<ExerciseSpec>& specs,
                     const std::vector<std::string>& only_cases, const GradeOptions& options,
                     bool color) {
  fmt::print("{:<16} {:<24} {:<16} {:<22} {:>7}  {}\n", "exercise", "submission", "expected",
             "actual", "seconds", "result");
  int failures = 0;
  int internal_errors = 0;
  for (const auto& spec : specs) {
    for (const ValidationCase& a_case : SelectedCases(spec, only_cases)) {
      const ValidationRow row = ValidateOnce(grader, spec, a_case, options);
      const std::string word = row.internal_error ? "INTERNAL-ERROR"
                               : row.as_expected  ? "as expected"
                                                  : "WRONG";
      fmt::print("{:<16} {:<24} {:<16} {:<22} {:>7.1f}  {}\n", row.exercise, row.submission,
                 row.expected, row.actual, row.seconds,
                 fmt::styled(word, OutcomeStyle(color, row.internal_error, row.as_expected)));
      if (!row.as_expected && !row.message.empty()) fmt::print("    {}\n", row.message);
      std::fflush(stdout);
      failures += !row.as_expected && !row.internal_error;
      internal_errors += row.internal_error;
    }
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
  fmt::print("validating {} exercise{} (seed {}, sandbox {})\n", specs.size(),
             specs.size() == 1 ? "" : "s", grade_options.seed, sandbox->Name());
  if (options.gradings) {
    return MeasureDetectionRates(grader, specs, options.cases, grade_options, *options.gradings,
                                 !options.no_chaos_comparison, common.color);
  }
  return ValidateOnceEach(grader, specs, options.cases, grade_options, common.color);
}

int RunBench(const CommonOptions& common, const BenchCommandOptions& options) {
  std::vector<ExerciseSpec> specs;
  if (options.exercises.empty()) {
    for (const auto& file : AllSpecFiles(common.specs_dir)) specs.push_back(LoadSpec(file));
  } else {
    for (const auto& name : options.exercises) {
      specs.push_back(LoadSpec(ResolveSpecFile(name, common.specs_dir)));
    }
  }
  std::erase_if(specs, [&](const ExerciseSpec& spec) {
    const bool timed = std::any_of(spec.tests.begin(), spec.tests.end(),
                                   [](const TestSpec& test) { return test.speed.has_value(); });
    if (!timed && !options.exercises.empty()) {
      throw InputError(fmt::format("{}: exercise '{}' has no speed test to bench",
                                   spec.file.string(), spec.name));
    }
    return !timed;
  });
  const auto sandbox = MakeSandbox(common.sandbox);
  ObjectCache cache(common.cache_dir.empty() ? DefaultCacheDir() : common.cache_dir,
                    Toolchain::Detect(common.cxx));
  BenchOptions bench;
  bench.rounds = options.rounds;
  bench.seed = options.seed.value_or(FreshSeed());
  bench.work_dir = common.work_dir;
  if (common.verbose) {
    bench.progress = [](std::string_view what) { fmt::print(stderr, "  .. {}\n", what); };
  }
  fmt::print("bench of {} exercise{} (seed {}, sandbox {})\n", specs.size(),
             specs.size() == 1 ? "" : "s", bench.seed, sandbox->Name());
  std::vector<BenchPoint> points;
  for (const ExerciseSpec& spec : specs) {
    std::vector<BenchPoint> more = RunSpeedBench(spec, cache, *sandbox, bench);
    fmt::print("{}", BenchTable(more));
    std::fflush(stdout);
    points.insert(points.end(), more.begin(), more.end());
  }
  if (!options.json.empty()) {
    WriteFile(options.json, [&](std::ostream& out) { out << BenchJson(points).dump(2) << "\n"; });
  }
  return kExitFullScore;
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
  const auto good = LoadKnownGoodCases(spec);
  fmt::print("{}: ok: exercise '{}', {} tests, {:g} points, {} known-bad cases", spec_file.string(),
             spec.name, spec.tests.size(), spec.MaxScore(), bad.size());
  if (!good.empty()) fmt::print(", {} known-good", good.size());
  fmt::print("\n");
  return kExitFullScore;
}

}  // namespace grader
