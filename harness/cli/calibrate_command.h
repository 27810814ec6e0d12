// `grader calibrate [EXERCISE...]`: measures this machine's long-run speedups of each speed
// test's reference and stores them in the cache (timing/speed_calibration.h), so that
// gradings on this machine report speedups on that scale instead of the moment's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace CLI {
class App;
}

namespace grader {

struct CalibrateCommandOptions {
  std::vector<std::string> exercises;  // empty: every exercise with a speed test
  int rounds = 20;                     // reference runs, each timing every thread count
  double pause_seconds = 10;           // between rounds, so they span minutes
  std::optional<std::uint64_t> seed;
};

// Registers the `calibrate` subcommand on `app`, parsing into `options` (which must outlive
// the parse). Returns the subcommand, to test whether it was given.
CLI::App* AddCalibrateSubcommand(CLI::App& app, CalibrateCommandOptions& options);

// Measures, stores, and prints one line per test and thread count. Returns 0; throws
// InputError for an unknown exercise or one without a speed test, InternalError when the
// reference does not build or a run of it fails.
int RunCalibrate(const CommonOptions& common, const CalibrateCommandOptions& options);

}  // namespace grader
