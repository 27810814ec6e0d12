#include "timing/timing_sample.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace grader {

std::optional<std::vector<TimingSample>> SamplesFromEvidence(const nlohmann::json& evidence,
                                                             std::string* problem) {
  const auto timings = evidence.find("timings");
  if (timings == evidence.end() || !timings->is_object() || timings->size() != 1) {
    *problem = fmt::format(
        "a speed test's run must call grader_driver::MeasureSpeed exactly once; this one "
        "measured {} thing(s)",
        timings == evidence.end() || !timings->is_object() ? 0 : timings->size());
    return std::nullopt;
  }
  const std::string name = timings->begin().key();
  const nlohmann::json& measured = timings->begin().value();
  const auto field = [&measured](const char* key) -> const nlohmann::json* {
    if (!measured.is_object()) return nullptr;
    const auto found = measured.find(key);
    return found != measured.end() && found->is_array() ? &*found : nullptr;
  };
  const nlohmann::json* wall = field("wall_ns");
  const nlohmann::json* cpu = field("cpu_ns");
  const nlohmann::json* threads = field("threads");
  if (wall == nullptr || cpu == nullptr || threads == nullptr || wall->empty() ||
      wall->size() != cpu->size() || wall->size() != threads->size()) {
    *problem = fmt::format(
        "the timing '{}' is not {{\"wall_ns\":[...],\"cpu_ns\":[...],\"threads\":[...]}} with "
        "one entry per call in each: {}",
        name, measured.dump().substr(0, 200));
    return std::nullopt;
  }
  double bytes = 0;
  if (const auto found = measured.find("bytes"); found != measured.end()) {
    if (!found->is_number() || found->get<double>() < 0) {
      *problem = fmt::format("the timing '{}' has bytes {}, not a size", name, found->dump());
      return std::nullopt;
    }
    bytes = found->get<double>();
  }
  std::map<unsigned, TimingSample> by_threads;
  for (std::size_t i = 0; i < wall->size(); ++i) {
    const nlohmann::json& t = (*threads)[i];
    if (!(*wall)[i].is_number() || !(*cpu)[i].is_number() || !t.is_number_unsigned() ||
        t.get<unsigned>() == 0) {
      *problem = fmt::format("the timing '{}' holds a non-number or a thread count of 0", name);
      return std::nullopt;
    }
    const double wall_seconds = (*wall)[i].get<double>() * 1e-9;
    auto [entry, first] = by_threads.try_emplace(t.get<unsigned>());
    TimingSample& sample = entry->second;
    if (first || wall_seconds < sample.wall_seconds) {
      sample.wall_seconds = wall_seconds;
      sample.cpu_seconds = (*cpu)[i].get<double>() * 1e-9;
    }
    ++sample.repetitions;
  }
  std::vector<TimingSample> samples;
  for (auto& [t, sample] : by_threads) {
    if (sample.wall_seconds <= 0) {
      *problem = fmt::format("the timing '{}' measured no time at {} threads", name, t);
      return std::nullopt;
    }
    sample.name = name;
    sample.bytes = bytes;
    sample.threads = t;
    samples.push_back(std::move(sample));
  }
  return samples;
}

}  // namespace grader
