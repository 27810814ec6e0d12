#include "grading/catalog.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/error.h"

namespace grader {

std::vector<std::filesystem::path> AllSpecFiles(const std::filesystem::path& specs_dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(specs_dir, ec)) {
    if (std::filesystem::is_regular_file(entry.path() / "spec.yaml")) {
      files.push_back(entry.path() / "spec.yaml");
    }
  }
  if (ec) throw InputError(fmt::format("{}: {}", specs_dir.string(), ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

std::filesystem::path ResolveSpecFile(const std::string& exercise,
                                      const std::filesystem::path& specs_dir) {
  if (exercise.ends_with(".yaml") || exercise.ends_with(".yml")) {
    if (!std::filesystem::is_regular_file(exercise)) {
      throw InputError(fmt::format("{}: no such spec file", exercise));
    }
    return exercise;
  }
  const std::filesystem::path file = specs_dir / exercise / "spec.yaml";
  if (exercise.find('/') == std::string::npos && std::filesystem::is_regular_file(file)) {
    return file;
  }
  std::vector<std::string> known;
  for (const auto& spec : AllSpecFiles(specs_dir)) {
    known.push_back(spec.parent_path().filename().string());
  }
  throw InputError(fmt::format("unknown exercise '{}' (in {}: {})", exercise,
                               specs_dir.string(), fmt::join(known, ", ")));
}

}  // namespace grader
