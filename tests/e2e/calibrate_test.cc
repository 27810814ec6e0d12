// `grader calibrate` end to end: it stores the reference's long-run speedups in the cache,
// gradings on the machine then report speedups on that scale, and a changed reference makes
// the calibration stale, which gradings and `grader batch` say (docs/speed.md, "Reported
// speedups and `grader calibrate`"). The exercise is a copy of parallel_sum under another
// name, so the calibration (stored by exercise name in the e2e cache, whose compiled
// GoogleTest it reuses) touches no other test's gradings.
#include <sched.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "e2e_util.h"

namespace grader::e2e {
namespace {

namespace fs = std::filesystem;

class CalibrateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cpu_set_t cpus;
    if (sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) < 2) {
      GTEST_SKIP() << "needs 2 CPUs: at one core there is no speedup to calibrate";
    }
    fs::create_directories(root_.path() / "specs");
    fs::copy(ProjectRoot() / "specs/parallel_sum", root_.path() / "specs" / kExercise,
             fs::copy_options::recursive);
    fs::create_directories(root_.path() / "reference/parallel_sum");
    fs::copy(ProjectRoot() / "reference/parallel_sum", root_.path() / "reference/parallel_sum",
             fs::copy_options::recursive);
    const fs::path spec = root_.path() / "specs" / kExercise / "spec.yaml";
    std::string text = Read(spec);
    const std::string from = "exercise: parallel_sum\n";
    ASSERT_NE(text.find(from), std::string::npos) << text.substr(0, 800);
    text.replace(text.find(from), from.size(), fmt::format("exercise: {}\n", kExercise));
    std::ofstream(spec, std::ios::binary | std::ios::trunc) << text;
  }

  // `grader` with the e2e cache and this test's specs.
  SubprocessResult Grader(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--specs", (root_.path() / "specs").string()});
    return RunGrader(args);
  }

  static constexpr const char* kExercise = "calibrated_sum";

  // The reference graded on its speed test: the test's result.
  nlohmann::json GradeReference() const {
    TempDir out;
    const fs::path json_file = out.path() / "result.json";
    const SubprocessResult process =
        Grader({"check", kExercise, Reference().string(), "--test", "speedup", "--seed",
                "7", "--json", json_file.string()});
    EXPECT_EQ(process.status.code, 0) << process.out << process.err;
    const std::string text = Read(json_file);
    if (text.empty()) return nullptr;
    const nlohmann::json result = nlohmann::json::parse(text);
    const nlohmann::json* test = FindTest(result, "speedup");
    return test ? *test : nullptr;
  }

  fs::path Reference() const { return root_.path() / "reference/parallel_sum"; }
  fs::path CalibrationFile() const {
    return fs::path(GRADER_E2E_CACHE) / "calibration" / kExercise / "speedup.json";
  }

  TempDir root_;
};

TEST_F(CalibrateTest, GradingsReportOnTheCalibratedScaleUntilTheReferenceChanges) {
  // Calibrate: three rounds, no pause (the default spreads 20 rounds over minutes).
  const SubprocessResult calibrate =
      Grader({"calibrate", kExercise, "--rounds", "3", "--pause", "0", "--seed", "3"});
  ASSERT_EQ(calibrate.status.code, 0) << calibrate.out << calibrate.err;
  EXPECT_NE(calibrate.out.find(fmt::format("{}, test speedup: 3 rounds over", kExercise)),
            std::string::npos)
      << calibrate.out;
  EXPECT_NE(calibrate.out.find("stored in " + CalibrationFile().string()), std::string::npos)
      << calibrate.out;
  const std::string stored = Read(CalibrationFile());
  ASSERT_FALSE(stored.empty()) << "no " << CalibrationFile();
  const nlohmann::json calibration = nlohmann::json::parse(stored);
  EXPECT_EQ(calibration["schema"], "grader-calibration/1");
  EXPECT_EQ(calibration["rounds"], 3);
  EXPECT_TRUE(std::regex_match(calibration["key"].get<std::string>(),
                               std::regex("[0-9a-f]{32}")));
  const unsigned cores = calibration["cores"];
  double calibrated = 0;
  for (const auto& point : calibration["points"]) {
    const double median = point["reference_speedup"];
    EXPECT_LE(point["low"].get<double>(), median) << point.dump();
    EXPECT_GE(point["high"].get<double>(), median) << point.dump();
    if (point["threads"] == 1) EXPECT_DOUBLE_EQ(median, 1.0);
    if (point["threads"] == cores) calibrated = median;
  }
  ASSERT_GT(calibrated, 0) << "no point at the judged " << cores << " threads: " << stored;
  // The line printed for the judged count shows the stored median.
  EXPECT_NE(calibrate.out.find(fmt::format("median {:.2f}x", calibrated)), std::string::npos)
      << calibrate.out;

  // A grading on the calibrated scale: the reference at its long-run median, the student at
  // that times the median ratio; the grading's own measurement stays in the curve.
  const nlohmann::json test = GradeReference();
  ASSERT_FALSE(test.is_null());
  EXPECT_EQ(test["verdict"], "ok") << test.dump(2);
  const nlohmann::json& speed = test["evidence"]["speed"];
  EXPECT_EQ(speed["reported"]["basis"], "calibration") << speed["reported"].dump();
  EXPECT_DOUBLE_EQ(speed["reported"]["reference_speedup"].get<double>(), calibrated);
  EXPECT_NEAR(speed["reported"]["student_speedup"].get<double>(),
              calibrated * speed["median_ratio"].get<double>(), 1e-9);
  EXPECT_EQ(speed["calibration"]["rounds"], 3);
  EXPECT_EQ(speed["calibration"]["file"], CalibrationFile().string());
  // The message names the calibrated scale when the speed was judged. When the machine's
  // other work kept the reference from its cores (ctest runs tests side by side), the
  // grading is "not judged" and its message gives the measured speedup that says so; the
  // details name the scale either way.
  if (speed["outcome"] == "fast-enough") {
    EXPECT_NE(test["message"].get<std::string>().find(
                  fmt::format("(the reference {:.2f}x on this machine)", calibrated)),
              std::string::npos)
        << test["message"];
  } else {
    EXPECT_EQ(test["message"].get<std::string>().rfind("not judged: ", 0), 0u)
        << speed["outcome"] << ": " << test["message"];
  }
  EXPECT_NE(test["details"].get<std::string>().find("over 3 rounds of `grader calibrate`"),
            std::string::npos)
      << test["details"];

  // The reference changes: the calibration is stale, and the grading says so and reports
  // what it measured itself.
  std::ofstream(Reference() / "parallel_sum.hpp", std::ios::app) << "// edited\n";
  const nlohmann::json stale = GradeReference();
  ASSERT_FALSE(stale.is_null());
  const nlohmann::json& stale_speed = stale["evidence"]["speed"];
  EXPECT_EQ(stale_speed["reported"]["basis"], "this grading");
  EXPECT_NE(stale_speed["calibration"]["problem"].get<std::string>().find(
                "was measured for another reference"),
            std::string::npos)
      << stale_speed["calibration"].dump();
  EXPECT_EQ(stale["message"].get<std::string>().find("on this machine"), std::string::npos)
      << stale["message"];
  EXPECT_NE(stale["details"].get<std::string>().find("the calibration is not used"),
            std::string::npos)
      << stale["details"];

  // A batch warns about it before it grades anything.
  TempDir work;
  const fs::path submission = work.path() / "class/alice" / kExercise;
  fs::create_directories(submission);
  fs::copy_file(Reference() / "parallel_sum.hpp", submission / "parallel_sum.hpp");
  const SubprocessResult batch =
      Grader({"batch", (work.path() / "class").string(), kExercise, "-o",
              (work.path() / "out").string(), "--dry-run"});
  EXPECT_EQ(batch.status.code, 0) << batch.out << batch.err;
  EXPECT_NE(batch.err.find(fmt::format("batch: warning: speed test {}/speedup is not "
                                       "calibrated on this machine (",
                                       kExercise)),
            std::string::npos)
      << batch.err;
  EXPECT_NE(batch.err.find(fmt::format("`grader calibrate {}` first", kExercise)),
            std::string::npos)
      << batch.err;
}

TEST(CalibrateCommandTest, AnExerciseWithoutASpeedTestIsRefusedByName) {
  const SubprocessResult process = RunGrader({"calibrate", "counter"});
  EXPECT_EQ(process.status.code, 2) << process.out << process.err;
  EXPECT_NE(process.err.find("exercise 'counter' has no speed test to calibrate"),
            std::string::npos)
      << process.err;
}

}  // namespace
}  // namespace grader::e2e
