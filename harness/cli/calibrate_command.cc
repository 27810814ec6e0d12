#include "cli/calibrate_command.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "build/object_cache.h"
#include "cli/grade_options.h"
#include "common/error.h"
#include "grading/grader.h"
#include "grading/speed_bench.h"
#include "process/sandbox.h"
#include "timing/available_cores.h"
#include "timing/speed_calibration.h"

namespace grader {
namespace {

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// The reference's points of one test, as a calibration of it.
SpeedCalibration CalibrationOf(const ExerciseSpec& spec, const TestSpec& test,
                               const std::vector<BenchPoint>& points, const Toolchain& toolchain,
                               unsigned cores) {
  SpeedCalibration calibration;
  calibration.exercise = spec.name;
  calibration.test = test.name;
  calibration.key = CalibrationKey(spec, test, toolchain, cores);
  calibration.machine = MachineDescription(cores);
  calibration.cores = cores;
  calibration.measured_at = UtcNow();
  for (const BenchPoint& point : points) {
    if (point.test != test.name || point.solution != "reference") continue;
    calibration.rounds = point.rounds;
    calibration.minutes = point.minutes;
    calibration.points.push_back(
        {point.threads, point.speedup, point.speedup_low, point.speedup_high});
  }
  return calibration;
}

}  // namespace

CLI::App* AddCalibrateSubcommand(CLI::App& app, CalibrateCommandOptions& options) {
  CLI::App* command = app.add_subcommand(
      "calibrate",
      "measure this machine's long-run speedups of the speed references, the scale gradings "
      "then report speedups on");
  command->add_option("exercises", options.exercises,
                      "exercises (default: all with a speed test)");
  command->add_option("--rounds", options.rounds, "reference runs, each at every thread count")
      ->check(CLI::Range(3, 1000));
  command->add_option("--pause", options.pause_seconds,
                      "seconds between rounds, so that they span minutes")
      ->check(CLI::Range(0.0, 3600.0));
  command->add_option("--seed", options.seed, "seed of every run");
  return command;
}

int RunCalibrate(const CommonOptions& common, const CalibrateCommandOptions& options) {
  const std::vector<ExerciseSpec> specs = TimedSpecs(common, options.exercises, "calibrate");
  const auto sandbox = MakeSandbox(common.sandbox);
  const std::filesystem::path cache_dir =
      common.cache_dir.empty() ? DefaultCacheDir() : common.cache_dir;
  ObjectCache cache(cache_dir, Toolchain::Detect(common.cxx));
  BenchOptions bench;
  bench.rounds = options.rounds;
  bench.reference_only = true;
  bench.measure_copy = false;
  bench.pause = std::chrono::milliseconds(static_cast<long>(options.pause_seconds * 1000));
  bench.seed = options.seed.value_or(FreshSeed());
  bench.work_dir = common.work_dir;
  if (common.verbose) {
    bench.progress = [](std::string_view what) { fmt::print(stderr, "  .. {}\n", what); };
  }
  const unsigned cores = AvailableCores().cores;
  fmt::print("calibrate {} exercise{} on {} ({} rounds, {:g} s apart, seed {})\n",
             specs.size(), specs.size() == 1 ? "" : "s", MachineDescription(cores),
             options.rounds, options.pause_seconds, bench.seed);
  std::fflush(stdout);
  for (const ExerciseSpec& spec : specs) {
    const std::vector<BenchPoint> points = RunSpeedBench(spec, cache, *sandbox, bench);
    for (const TestSpec& test : spec.tests) {
      if (!test.speed) continue;
      const SpeedCalibration calibration =
          CalibrationOf(spec, test, points, cache.toolchain(), cores);
      const std::filesystem::path file = SaveCalibration(cache_dir, calibration);
      fmt::print("{}, test {}: {} rounds over {:.1f} min; the reference's own speedup:\n",
                 spec.name, test.name, calibration.rounds, calibration.minutes);
      for (const CalibrationPoint& point : calibration.points) {
        fmt::print("  {:>4} thread{:<2} median {:.2f}x  (rounds {:.2f}-{:.2f}x)\n",
                   point.threads, point.threads == 1 ? "" : "s", point.median, point.low,
                   point.high);
      }
      fmt::print("  stored in {}\n", file.string());
      std::fflush(stdout);
    }
  }
  return kExitFullScore;
}

}  // namespace grader
