// What one run of a speed test measured: grader_driver::MeasureSpeed's attachment
// "timing/<name>" = {"wall_ns":[...],"cpu_ns":[...],"threads":[...],"bytes":N}, which the
// judge puts into the run's evidence as evidence["timings"][name]: one entry per timed call,
// with its thread count (a run measures one thread count or several, interleaved).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace grader {

struct TimingSample {
  double wall_seconds = 0;  // the fastest timed repetition at `threads` (noise only adds time)
  double cpu_seconds = 0;   // the process's CPU time during that repetition, all threads
  int repetitions = 0;      // timed repetitions the run made at `threads`
  double bytes = 0;         // memory one repetition reads at least; 0: not stated
  std::string name;         // MeasureSpeed's name of the work ("sum-10M")
  unsigned threads = 0;     // the thread count of those repetitions
};

// The run's measurement, one sample per thread count, ascending. Returns nullopt and sets
// *problem when the run measured nothing, more than one named thing, or something
// unreadable (a driver bug: internal error).
std::optional<std::vector<TimingSample>> SamplesFromEvidence(const nlohmann::json& evidence,
                                                             std::string* problem);

}  // namespace grader
