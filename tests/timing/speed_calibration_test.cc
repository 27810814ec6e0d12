// Speed calibrations: what they are keyed on, how they are stored and read back, when a
// grading may use one, and the speedups a grading reports with and without one.
#include "timing/speed_calibration.h"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "../build/build_test_util.h"
#include "common/error.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::Contains;
using testing::TempDir;
using testing::WriteFile;

// An exercise with a spec folder, a driver inside it and a reference folder.
struct Course {
  TempDir dir{"grader-calibration-test"};
  ExerciseSpec spec;
  TestSpec test;
  Toolchain toolchain;

  Course() {
    WriteFile(dir.path() / "specs" / "ps" / "spec.yaml", "name: ps\n");
    WriteFile(dir.path() / "specs" / "ps" / "driver" / "ps_test.cpp", "// driver\n");
    WriteFile(dir.path() / "reference" / "ps" / "ps.hpp", "// reference\n");
    spec.name = "ps";
    spec.file = dir.path() / "specs" / "ps" / "spec.yaml";
    spec.dir = dir.path() / "specs" / "ps";
    spec.reference = dir.path() / "reference" / "ps";
    spec.driver.sources = {spec.dir / "driver" / "ps_test.cpp"};
    test.name = "speedup";
    test.speed = SpeedSpec{};
    toolchain.cxx = "g++";
    toolchain.version = "g++ (Debian 12.2.0-14) 12.2.0";
    toolchain.native_target = "-march=x86-64-v3";
  }

  std::string Key(unsigned cores = 2) const {
    return CalibrationKey(spec, test, toolchain, cores);
  }
};

SpeedCalibration Sample(const std::string& key) {
  SpeedCalibration calibration;
  calibration.exercise = "ps";
  calibration.test = "speedup";
  calibration.key = key;
  calibration.machine = "Test CPU, 2 cores";
  calibration.cores = 2;
  calibration.rounds = 20;
  calibration.minutes = 3.5;
  calibration.measured_at = "2026-11-27T10:58:00Z";
  calibration.points = {{1, 1.0, 1.0, 1.0}, {2, 1.79, 1.59, 2.36}};
  return calibration;
}

// A measurement whose curve runs gave the reference `reference_speedup` and the student
// `student_speedup` at 2 threads, and whose judged pairs had the median ratio `ratio`.
SpeedMeasurement Measured(double reference_speedup, double student_speedup, double ratio) {
  SpeedMeasurement measurement;
  CurvePoint one;
  one.threads = 1;
  one.pairs = 5;
  CurvePoint two;
  two.threads = 2;
  two.pairs = 5;
  two.reference_speedup = reference_speedup;
  two.student_speedup = student_speedup;
  measurement.curve = {one, two};
  measurement.decision.median = ratio;
  return measurement;
}

TEST(CalibrationKeyTest, TheSameInputsGiveTheSameKey) {
  Course course;
  EXPECT_EQ(course.Key(), course.Key());
  EXPECT_EQ(course.Key().size(), 32u);
}

TEST(CalibrationKeyTest, ReferenceDriverSpecCompilerMachineAndCoresEachChangeIt) {
  Course course;
  const std::string before = course.Key();
  EXPECT_NE(course.Key(4), before) << "another core count";

  WriteFile(course.spec.reference / "ps.hpp", "// a faster reference\n");
  const std::string after_reference = course.Key();
  EXPECT_NE(after_reference, before) << "the reference's files";

  WriteFile(course.spec.dir / "driver" / "ps_test.cpp", "// another workload\n");
  const std::string after_driver = course.Key();
  EXPECT_NE(after_driver, after_reference) << "the driver";

  WriteFile(course.spec.file, "name: ps\n# repetitions changed\n");
  const std::string after_spec = course.Key();
  EXPECT_NE(after_spec, after_driver) << "the spec";

  course.toolchain.version = "g++ (Debian 13.1.0) 13.1.0";
  const std::string after_compiler = course.Key();
  EXPECT_NE(after_compiler, after_spec) << "the compiler";

  course.toolchain.native_target = "-march=znver3";
  EXPECT_NE(course.Key(), after_compiler) << "the machine's CPU";
}

TEST(CalibrationKeyTest, ASpeedReferenceFolderIsWhatCounts) {
  Course course;
  WriteFile(course.dir.path() / "reference" / "ps" / "good" / "tbb" / "ps.hpp", "// tbb\n");
  const std::string exercise_reference = course.Key();
  course.test.speed->reference = course.spec.reference / "good" / "tbb";
  EXPECT_EQ(SpeedReferenceDir(course.spec, course.test), course.spec.reference / "good" / "tbb");
  const std::string tbb = course.Key();
  EXPECT_NE(tbb, exercise_reference);
  WriteFile(course.spec.reference / "good" / "tbb" / "ps.hpp", "// tbb, changed\n");
  EXPECT_NE(course.Key(), tbb);
}

TEST(SpeedCalibrationTest, JsonRoundTrip) {
  const SpeedCalibration written = Sample("abc");
  const SpeedCalibration read = ParseCalibration(CalibrationJson(written), "c.json");
  EXPECT_EQ(read.exercise, "ps");
  EXPECT_EQ(read.test, "speedup");
  EXPECT_EQ(read.key, "abc");
  EXPECT_EQ(read.machine, written.machine);
  EXPECT_EQ(read.cores, 2u);
  EXPECT_EQ(read.rounds, 20);
  EXPECT_DOUBLE_EQ(read.minutes, 3.5);
  EXPECT_EQ(read.measured_at, written.measured_at);
  ASSERT_EQ(read.points.size(), 2u);
  ASSERT_NE(read.At(2), nullptr);
  EXPECT_DOUBLE_EQ(read.At(2)->median, 1.79);
  EXPECT_DOUBLE_EQ(read.At(2)->low, 1.59);
  EXPECT_DOUBLE_EQ(read.At(2)->high, 2.36);
  EXPECT_EQ(read.At(4), nullptr);
}

TEST(SpeedCalibrationTest, ABrokenFileNamesItselfAndWhatIsWrong) {
  nlohmann::json json = CalibrationJson(Sample("abc"));
  json.erase("key");
  try {
    ParseCalibration(json, "/cache/calibration/ps/speedup.json");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_TRUE(Contains(e.what(), "/cache/calibration/ps/speedup.json: 'key' is missing"));
  }

  json = CalibrationJson(Sample("abc"));
  json["points"][1]["low"] = 3.0;  // above the median
  try {
    ParseCalibration(json, "c.json");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_TRUE(Contains(e.what(), "c.json: points[1]: the speedups must be positive"));
  }

  json = CalibrationJson(Sample("abc"));
  json["rounds"] = "twenty";
  try {
    ParseCalibration(json, "c.json");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_TRUE(Contains(e.what(), "c.json: 'rounds' has the wrong type (string)"));
  }

  json = CalibrationJson(Sample("abc"));
  json["schema"] = "grader-calibration/9";
  EXPECT_THROW(ParseCalibration(json, "c.json"), InputError);
}

TEST(FindCalibrationTest, NeverCalibratedIsNoProblem) {
  TempDir cache;
  const CalibrationLookup lookup = FindCalibration(cache.path(), "ps", "speedup", "abc", 2);
  EXPECT_FALSE(lookup.calibration);
  EXPECT_EQ(lookup.problem, "");
  EXPECT_EQ(lookup.file, cache.path() / "calibration" / "ps" / "speedup.json");
}

TEST(FindCalibrationTest, ASavedCalibrationWithTheKeyIsUsed) {
  TempDir cache;
  const fs::path file = SaveCalibration(cache.path(), Sample("abc"));
  EXPECT_EQ(file, CalibrationFile(cache.path(), "ps", "speedup"));
  const CalibrationLookup lookup = FindCalibration(cache.path(), "ps", "speedup", "abc", 2);
  ASSERT_TRUE(lookup.calibration) << lookup.problem;
  EXPECT_DOUBLE_EQ(lookup.calibration->At(2)->median, 1.79);
  EXPECT_EQ(lookup.problem, "");
}

TEST(FindCalibrationTest, AStaleOrUnfitCalibrationIsNotUsedAndSaysWhy) {
  TempDir cache;
  SaveCalibration(cache.path(), Sample("abc"));

  CalibrationLookup lookup = FindCalibration(cache.path(), "ps", "speedup", "other", 2);
  EXPECT_FALSE(lookup.calibration);
  EXPECT_TRUE(Contains(lookup.problem, "speedup.json was measured for another reference"));

  lookup = FindCalibration(cache.path(), "ps", "speedup", "abc", 4);
  EXPECT_FALSE(lookup.calibration);
  EXPECT_TRUE(Contains(lookup.problem, "has no point at 4 threads"));

  WriteFile(CalibrationFile(cache.path(), "ps", "speedup"), "{\"schema\": ");
  lookup = FindCalibration(cache.path(), "ps", "speedup", "abc", 2);
  EXPECT_FALSE(lookup.calibration);
  EXPECT_TRUE(Contains(lookup.problem, "speedup.json: not JSON"));
}

TEST(ReportSpeedupsTest, WithoutACalibrationTheGradingsOwnSpeedups) {
  const ReportedSpeedups reported = ReportSpeedups(Measured(2.36, 2.30, 1.03), 2, nullptr);
  EXPECT_FALSE(reported.calibrated);
  EXPECT_DOUBLE_EQ(reported.reference, 2.36);
  EXPECT_DOUBLE_EQ(reported.student, 2.30);
}

TEST(ReportSpeedupsTest, WithACalibrationTheLongRunScaleTimesTheMedianRatio) {
  const SpeedCalibration calibration = Sample("abc");
  // The same student at 103% of the reference, in a fast minute and in a slow one: the
  // reported speedups do not follow the minute.
  for (const double measured : {2.36, 1.59}) {
    const ReportedSpeedups reported =
        ReportSpeedups(Measured(measured, measured * 0.98, 1.03), 2, &calibration);
    EXPECT_TRUE(reported.calibrated);
    EXPECT_DOUBLE_EQ(reported.reference, 1.79);
    EXPECT_DOUBLE_EQ(reported.student, 1.79 * 1.03);
  }
}

TEST(ReportSpeedupsTest, ACalibrationWithoutTheJudgedCountIsNotUsed) {
  const SpeedCalibration calibration = Sample("abc");
  const ReportedSpeedups reported = ReportSpeedups(Measured(3.5, 3.4, 0.97), 4, &calibration);
  EXPECT_FALSE(reported.calibrated);
  EXPECT_DOUBLE_EQ(reported.reference, 0);  // the measurement has no point at 4 threads
}

}  // namespace
}  // namespace grader
