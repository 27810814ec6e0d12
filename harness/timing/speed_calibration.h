// A machine's long-run speedups of a speed test's reference: the scale that gradings report
// speedups on once `grader calibrate` has measured it.
//
// Why: on a shared virtual machine the speed of the cores together moves from minute to
// minute with what the neighbours do. On the 2-core grading machine the parallel_sum
// reference's own speedup at 2 threads read 1.59x in one grading and 2.36x a minute later,
// each the median of 5 runs that agreed within a few percent. The verdict does not suffer:
// it compares the student with the reference pair by pair, moments apart, and that ratio
// held within a few percent. A speedup divides two times of one build and follows the
// machine. So `grader calibrate` times the reference over many rounds spaced over minutes,
// and a grading on the same machine reports the reference's speedup at P as that long-run
// median, and the student's as that times the median ratio at P: the student's time at P
// against the reference's one-thread time, on the machine's usual scale. The figures this
// grading measured stay in the details, the plot and the evidence.
//
// A calibration holds for one reference, spec folder, compiler and machine (its key); a
// change to any of them makes it stale, and gradings then report their own measurement and
// say why.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "build/toolchain.h"
#include "spec/spec.h"
#include "timing/speed_protocol.h"

namespace grader {

// The reference's own speedup at one thread count over the calibration's rounds: each
// round's one-thread time over its time at `threads`, both timed in turn within one run.
struct CalibrationPoint {
  unsigned threads = 0;
  double median = 0;
  double low = 0;   // the lowest round
  double high = 0;  // the highest round
};

struct SpeedCalibration {
  std::string exercise;
  std::string test;
  std::string key;         // CalibrationKey(): what the figures hold for
  std::string machine;     // for people: the CPU model and the cores the runs had
  unsigned cores = 0;      // the judged thread count the calibration was made at
  int rounds = 0;
  double minutes = 0;      // from the first round to the last
  std::string measured_at;  // UTC, "2026-11-27T10:58:00Z"
  std::vector<CalibrationPoint> points;  // ascending threads, 1 first

  const CalibrationPoint* At(unsigned threads) const;  // nullptr: not measured there
};

// Everything a calibration of `test` depends on: the spec's folder and driver files, the
// speed reference's files, the compiler and what -march=native means on this machine, and
// the cores a speed test judges at. 32 hex digits.
std::string CalibrationKey(const ExerciseSpec& spec, const TestSpec& test,
                           const Toolchain& toolchain, unsigned cores);

// The speed test's reference folder: its `speed.reference`, else the exercise's reference.
std::filesystem::path SpeedReferenceDir(const ExerciseSpec& spec, const TestSpec& test);

// "<cache_dir>/calibration/<exercise>/<test>.json".
std::filesystem::path CalibrationFile(const std::filesystem::path& cache_dir,
                                      const std::string& exercise, const std::string& test);

// The CPU model (from /proc/cpuinfo) and the cores, for people reading a calibration.
std::string MachineDescription(unsigned cores);

nlohmann::json CalibrationJson(const SpeedCalibration& calibration);
// Throws InputError naming `file` and the key that is missing or wrong.
SpeedCalibration ParseCalibration(const nlohmann::json& json, const std::filesystem::path& file);

// Writes the calibration atomically to CalibrationFile(cache_dir, ...); returns the path.
std::filesystem::path SaveCalibration(const std::filesystem::path& cache_dir,
                                      const SpeedCalibration& calibration);

// What a grading found for its speed test: a calibration it may use, or why there is none.
struct CalibrationLookup {
  std::optional<SpeedCalibration> calibration;  // set: usable at the judged thread count
  std::filesystem::path file;
  // Empty when usable or when the file does not exist; else why it is not used ("measured
  // for another reference, spec folder, compiler or machine", "unreadable: ...").
  std::string problem;
};

// Looks for the calibration of `test` in `cache_dir`, usable when its key is `key` and it
// measured at `judged` threads. Never throws: a broken file is a `problem`.
CalibrationLookup FindCalibration(const std::filesystem::path& cache_dir,
                                  const std::string& exercise, const std::string& test,
                                  const std::string& key, unsigned judged);

// The same for `test` of `spec` graded here: its key (CalibrationKey) with `toolchain` at
// `judged` cores.
CalibrationLookup FindCalibration(const std::filesystem::path& cache_dir,
                                  const ExerciseSpec& spec, const TestSpec& test,
                                  const Toolchain& toolchain, unsigned judged);

// The speedups a grading reports at the judged count P. With a calibration that has P: the
// reference's long-run speedup there, and the student's as that times the median ratio at
// P. Without: each build's own speedup as this grading's curve runs measured it.
struct ReportedSpeedups {
  double student = 0;
  double reference = 0;
  bool calibrated = false;
};
ReportedSpeedups ReportSpeedups(const SpeedMeasurement& measurement, unsigned judged,
                                const SpeedCalibration* calibration);

}  // namespace grader
