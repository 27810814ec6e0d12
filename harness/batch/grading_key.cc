#include "batch/grading_key.h"

#include <fmt/format.h>

#include "build/content_hash.h"

namespace grader {

std::string GradingKey(const ExerciseSpec& spec, const std::filesystem::path& submission,
                       const GradingSettings& settings, std::uint64_t seed) {
  ContentHash hash;
  hash.Add("grading-key/1").Add(spec.name);
  hash.AddPath(spec.dir);
  for (const auto& file : spec.driver.sources) hash.AddPath(file);
  for (const auto& file : spec.driver.glue) hash.AddPath(file);
  for (const auto& dir : spec.driver.include_dirs) hash.AddPath(dir);
  hash.AddPath(spec.reference);
  for (const TestSpec& test : spec.tests) {
    if (test.speed && !test.speed->reference.empty()) hash.AddPath(test.speed->reference);
  }
  for (const auto* names : {&spec.submit_required, &spec.submit_optional}) {
    for (const std::string& name : *names) {
      hash.Add(name);
      hash.AddPath(submission / name);
    }
  }
  hash.Add(settings.harness_version)
      .Add(settings.toolchain.cxx)
      .Add(settings.toolchain.version)
      .Add(settings.toolchain.native_target)
      .Add(settings.sandbox)
      .Add(fmt::format("seed={} quick={} chaos={} repeat={}", seed, settings.quick,
                       settings.chaos, settings.repeat));
  return hash.Hex();
}

std::uint64_t JobSeed(std::uint64_t batch_seed, const std::string& student,
                      const std::string& exercise) {
  ContentHash hash;
  hash.Add(std::to_string(batch_seed)).Add(student).Add(exercise);
  // The first 12 hex digits: a seed that fits the command line's reproduce line comfortably.
  return std::stoull(hash.Hex().substr(0, 12), nullptr, 16) % 1'000'000'000'000ULL;
}

}  // namespace grader
