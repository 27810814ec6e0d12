#include "grading/reported_speedups.h"

#include <fmt/format.h>

namespace grader {

std::string ReportedSpeedupsNote(const CalibrationLookup& calibration,
                                 const std::string& exercise, unsigned p,
                                 const ReportedSpeedups& reported, double student_measured,
                                 double reference_measured, double median_ratio) {
  if (reported.calibrated) {
    const SpeedCalibration& scale = *calibration.calibration;
    const CalibrationPoint& point = *scale.At(p);
    return fmt::format(
        "speedups on this machine's calibrated scale: {:.2f}x is the reference's median own "
        "speedup at {} threads over {} rounds of `grader calibrate` ({:.2f}-{:.2f}x, {}), and "
        "yours is that times your {:.0f}% of the reference's speed at {} threads. This "
        "grading's own runs measured the reference at {:.2f}x and your code at {:.2f}x, each "
        "over its own one-thread time: on a shared machine that figure moves with the "
        "neighbours from minute to minute.\n",
        point.median, p, scale.rounds, point.low, point.high, scale.measured_at,
        median_ratio * 100, p, reference_measured, student_measured);
  }
  std::string note = fmt::format(
      "speedups as this grading measured them, each build's one-thread time over its time at "
      "{} threads; on a shared machine they move with the neighbours from minute to minute",
      p);
  if (!calibration.problem.empty()) {
    note += fmt::format(" (the calibration is not used: {})", calibration.problem);
  }
  return note + fmt::format(". `grader calibrate {}` measures this machine's long-run scale.\n",
                            exercise);
}

nlohmann::json CalibrationEvidence(const CalibrationLookup& calibration, unsigned p) {
  if (calibration.calibration) {
    const SpeedCalibration& scale = *calibration.calibration;
    const CalibrationPoint& point = *scale.At(p);
    return {{"file", calibration.file.string()}, {"rounds", scale.rounds},
            {"minutes", scale.minutes},          {"measured_at", scale.measured_at},
            {"machine", scale.machine},          {"reference_speedup", point.median},
            {"low", point.low},                  {"high", point.high}};
  }
  if (!calibration.problem.empty()) {
    return {{"file", calibration.file.string()}, {"problem", calibration.problem}};
  }
  return nullptr;
}

}  // namespace grader
