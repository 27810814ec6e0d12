#include "cli/grade_options.h"

#include <random>

#include <fmt/format.h>

namespace grader {

std::uint64_t FreshSeed() {
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32 | device()) % 1'000'000'000'000ULL;
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

}  // namespace grader
