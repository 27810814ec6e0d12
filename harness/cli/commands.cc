#include "cli/commands.h"

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>

#include <fmt/color.h>
#include <fmt/format.h>

#include "build/object_cache.h"
#include "cli/grade_options.h"
#include "common/error.h"
#include "grading/catalog.h"
#include "grading/grader.h"
#include "grading/speed_bench.h"
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

int RunBench(const CommonOptions& common, const BenchCommandOptions& options) {
  const std::vector<ExerciseSpec> specs = TimedSpecs(common, options.exercises, "bench");
  const auto sandbox = MakeSandbox(common.sandbox);
  ObjectCache cache(common.cache_dir.empty() ? DefaultCacheDir() : common.cache_dir,
                    Toolchain::Detect(common.cxx));
  BenchOptions bench;
  bench.rounds = options.rounds;
  bench.pause = std::chrono::milliseconds(std::llround(options.pause_seconds * 1000));
  bench.seed = options.seed.value_or(FreshSeed());
  bench.work_dir = common.work_dir;
  if (common.verbose) {
    bench.progress = [](std::string_view what) { fmt::print(stderr, "  .. {}\n", what); };
  }
  fmt::print("bench of {} exercise{} ({} rounds, {:g} s apart; seed {}, sandbox {})\n",
             specs.size(), specs.size() == 1 ? "" : "s", bench.rounds, options.pause_seconds,
             bench.seed, sandbox->Name());
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
