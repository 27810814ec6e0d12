// `grader bench`: the course's speed workloads run by their correct solutions, to show what
// the machine gives: for every speed test of an exercise, the reference (the test's speed
// reference) and each known-good solution graded on that test run once per round, each run
// timing every thread count from 1 up to the available cores interleaved; each point is the
// median over the rounds of a run's fastest repetition at that count. A solution's speedup
// is the median over its runs of the run's one-thread time over its time at the count.
// When the driver states the bytes one call reads (grader_driver::MeasureSpeed's `bytes`),
// the point also has the effective bandwidth and a STREAM-like copy of that size measured
// at the same thread count in the same round (timing/copy_bandwidth.h).
//
// Each round is measured holding the machine's timing lock exclusively, like a speed test.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "build/object_cache.h"
#include "process/sandbox.h"
#include "spec/spec.h"

namespace grader {

struct BenchOptions {
  int rounds = 5;                 // runs of each solution, each at every thread count
  bool reference_only = false;    // no known-good solutions (`grader calibrate`)
  bool measure_copy = true;       // the STREAM-like copy beside work that states its bytes
  // Between rounds, without the timing lock: rounds spread over minutes sample the machine's
  // slow and fast phases instead of one (`grader calibrate`).
  std::chrono::milliseconds pause{0};
  int copy_repetitions = 20;      // repetitions of the copy, its fastest counts
  std::uint64_t seed = 1;         // the runs' seeds derive from it
  std::filesystem::path work_dir;  // where the builds' workspaces go
  std::function<void(std::string_view)> progress;
};

struct BenchPoint {
  std::string exercise;
  std::string test;
  std::string solution;  // "reference" or a known-good case's name
  std::string work;      // MeasureSpeed's name ("sum-10M")
  unsigned threads = 0;
  int rounds = 0;
  double seconds = 0;       // median over the rounds of each run's fastest repetition
  double cpu_per_wall = 0;  // median CPU time over wall time: cores busy
  double speedup = 0;       // median over the runs of their one-thread time over their time
  double speedup_low = 0;   // the lowest and highest of those runs' speedups
  double speedup_high = 0;
  std::vector<double> round_speedups;  // each run's speedup, in the order of the rounds
  double minutes = 0;       // from the first round's start to the last round's end
  double bytes = 0;         // read by one call; 0: not stated (then no bandwidth)
  double bytes_per_second = 0;       // bytes / seconds
  double copy_bytes_per_second = 0;  // median of the copies beside it (0 without bytes)
};

// The exercise's speed tests measured. Empty when it has none. Throws InternalError when a
// solution does not build or a run of it fails.
std::vector<BenchPoint> RunSpeedBench(const ExerciseSpec& spec, ObjectCache& cache,
                                      const Sandbox& sandbox, const BenchOptions& options);

// The points as a table for people, one block per exercise and test: the medians with the
// lowest and highest round, then every round's speedup at each count above one thread.
std::string BenchTable(const std::vector<BenchPoint>& points);

nlohmann::json BenchJson(const std::vector<BenchPoint>& points);

}  // namespace grader
