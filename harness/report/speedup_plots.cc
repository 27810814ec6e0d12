#include "report/speedup_plots.h"

#include <fstream>

#include <fmt/format.h>

#include "common/error.h"

namespace grader {

std::vector<std::filesystem::path> WriteSpeedupPlots(const GradeResult& result,
                                                     const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> written;
  for (const TestResult& test : result.tests) {
    const auto speed = test.evidence.find("speed");
    if (speed == test.evidence.end()) continue;
    const std::string svg = speed->value("svg", "");
    if (svg.empty()) continue;
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    const std::filesystem::path file =
        dir / fmt::format("{}-{}.svg", result.exercise, test.name);
    std::ofstream out(file, std::ios::binary);
    out << svg;
    if (!out) throw InputError(fmt::format("{}: cannot write", file.string()));
    written.push_back(file);
  }
  return written;
}

}  // namespace grader
