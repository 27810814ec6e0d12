// What the intake tests share: exercises made in code, whole-file reads, scratch folders.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "spec/spec.h"

namespace grader::intake_test {

// An exercise with only what importing looks at: its name and submitted files.
inline ExerciseSpec Exercise(std::string name, std::vector<std::string> required,
                             std::vector<std::string> optional = {}) {
  ExerciseSpec spec;
  spec.name = std::move(name);
  spec.submit_required = std::move(required);
  spec.submit_optional = std::move(optional);
  return spec;
}

inline std::string ReadFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A new empty folder <temp>/<prefix>-XXXXXX (mkdtemp's template); empty path on failure.
inline std::filesystem::path MakeScratchDir(const std::string& prefix) {
  std::string name = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  return mkdtemp(name.data()) == nullptr ? std::filesystem::path() : std::filesystem::path(name);
}

}  // namespace grader::intake_test
