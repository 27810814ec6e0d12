// How a passing speed test explains the speedups it reports (timing/speed_calibration.h):
// on the machine's calibrated scale, or as the grading measured them and why.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "timing/speed_calibration.h"

namespace grader {

// For the test's details, ending in a newline: with a calibration, its median and range at
// `p` threads and what this grading measured itself (`student_measured`,
// `reference_measured`: each build's own speedup); without, that the speedups are this
// grading's, why a calibration on file is not used, and the command that makes one.
std::string ReportedSpeedupsNote(const CalibrationLookup& calibration,
                                 const std::string& exercise, unsigned p,
                                 const ReportedSpeedups& reported, double student_measured,
                                 double reference_measured, double median_ratio);

// `evidence.speed.calibration`: the calibration used (file, rounds, minutes, measured_at,
// machine, and its reference_speedup, low and high at `p`), {file, problem} when one is on
// file but not used, null when there is none.
nlohmann::json CalibrationEvidence(const CalibrationLookup& calibration, unsigned p);

}  // namespace grader
