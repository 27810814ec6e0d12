// What one run of a speed test measured: grader_driver::MeasureSpeed's attachment
// "timing/<name>" = {"wall_ns":[...],"cpu_ns":[...],"bytes":N}, which the judge puts into the run's
// evidence as evidence["timings"][name].
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace grader {

struct TimingSample {
  double wall_seconds = 0;  // the fastest timed repetition of the run (noise only adds time)
  double cpu_seconds = 0;   // the process's CPU time during that repetition, all threads
  int repetitions = 0;      // timed repetitions the run made
  double bytes = 0;         // memory one repetition reads at least; 0: not stated
  std::string name;         // MeasureSpeed's name of the work ("sum-10M")
};

// The run's one measurement. Returns nullopt and sets *problem when the run measured
// nothing, more than one thing, or something unreadable (a driver bug: internal error).
std::optional<TimingSample> SampleFromEvidence(const nlohmann::json& evidence,
                                               std::string* problem);

}  // namespace grader
