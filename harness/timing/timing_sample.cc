#include "timing/timing_sample.h"

#include <fmt/format.h>

namespace grader {

std::optional<TimingSample> SampleFromEvidence(const nlohmann::json& evidence,
                                               std::string* problem) {
  const auto timings = evidence.find("timings");
  if (timings == evidence.end() || !timings->is_object() || timings->size() != 1) {
    *problem = fmt::format(
        "a speed test's run must call grader_driver::MeasureSpeed exactly once; this one "
        "measured {} thing(s)",
        timings == evidence.end() || !timings->is_object() ? 0 : timings->size());
    return std::nullopt;
  }
  const nlohmann::json& measured = timings->begin().value();
  const auto wall = measured.find("wall_ns");
  const auto cpu = measured.find("cpu_ns");
  if (!measured.is_object() || wall == measured.end() || cpu == measured.end() ||
      !wall->is_array() || !cpu->is_array() || wall->empty() || wall->size() != cpu->size()) {
    *problem = fmt::format("the timing '{}' is not {{\"wall_ns\":[...],\"cpu_ns\":[...]}}: {}",
                           timings->begin().key(), measured.dump().substr(0, 200));
    return std::nullopt;
  }
  TimingSample sample;
  sample.name = timings->begin().key();
  sample.repetitions = static_cast<int>(wall->size());
  if (const auto bytes = measured.find("bytes"); bytes != measured.end()) {
    if (!bytes->is_number() || bytes->get<double>() < 0) {
      *problem = fmt::format("the timing '{}' has bytes {}, not a size", sample.name,
                             bytes->dump());
      return std::nullopt;
    }
    sample.bytes = bytes->get<double>();
  }
  bool first = true;
  for (std::size_t i = 0; i < wall->size(); ++i) {
    if (!(*wall)[i].is_number() || !(*cpu)[i].is_number()) {
      *problem = fmt::format("the timing '{}' holds a non-number", timings->begin().key());
      return std::nullopt;
    }
    const double wall_seconds = (*wall)[i].get<double>() * 1e-9;
    if (first || wall_seconds < sample.wall_seconds) {
      sample.wall_seconds = wall_seconds;
      sample.cpu_seconds = (*cpu)[i].get<double>() * 1e-9;
      first = false;
    }
  }
  if (sample.wall_seconds <= 0) {
    *problem = fmt::format("the timing '{}' measured no time", timings->begin().key());
    return std::nullopt;
  }
  return sample;
}

}  // namespace grader
