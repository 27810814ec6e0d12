#include "cli/grade_options.h"

#include <algorithm>
#include <random>

#include <fmt/format.h>

#include "common/error.h"
#include "grading/catalog.h"
#include "spec/spec_loader.h"
#include "timing/available_cores.h"

namespace grader {

std::uint64_t FreshSeed() {
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32 | device()) % 1'000'000'000'000ULL;
}

int JobsOrCores(int jobs) {
  return jobs > 0 ? jobs : static_cast<int>(AvailableCores().cores);
}

GradeOptions MakeGradeOptions(const CommonOptions& common, std::optional<std::uint64_t> seed,
                              std::optional<int> repeat) {
  GradeOptions options;
  options.seed = seed.value_or(FreshSeed());
  options.repeat = repeat;
  options.work_dir = common.work_dir;
  options.keep_workspace = common.keep_workspace;
  options.chaos = common.chaos;
  if (common.verbose) {
    options.progress = [](std::string_view what) { fmt::print(stderr, "  .. {}\n", what); };
  }
  return options;
}

std::vector<ExerciseSpec> TimedSpecs(const CommonOptions& common,
                                     const std::vector<std::string>& names,
                                     std::string_view command) {
  std::vector<ExerciseSpec> specs;
  if (names.empty()) {
    for (const auto& file : AllSpecFiles(common.specs_dir)) specs.push_back(LoadSpec(file));
  } else {
    for (const auto& name : names) {
      specs.push_back(LoadSpec(ResolveSpecFile(name, common.specs_dir)));
    }
  }
  std::erase_if(specs, [&](const ExerciseSpec& spec) {
    const bool timed = std::any_of(spec.tests.begin(), spec.tests.end(),
                                   [](const TestSpec& test) { return test.speed.has_value(); });
    if (!timed && !names.empty()) {
      throw InputError(fmt::format("{}: exercise '{}' has no speed test to {}",
                                   spec.file.string(), spec.name, command));
    }
    return !timed;
  });
  return specs;
}

}  // namespace grader
