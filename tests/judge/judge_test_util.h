// Fixture files and text assertions for the judge stage's tests.
//
// data/ holds real sanitizer reports and GoogleTest JSON results, produced by
// data/generate.sh from data/sources/ inside bubblewrap (paths as the harness sees them,
// under /submission), plus two hand-made ones: garbage.txt and the truncated race report.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace grader::testing {

inline std::filesystem::path DataPath(const std::string& name) {
  return std::filesystem::path(GRADER_TEST_DATA) / "data" / name;
}

// The contents of data/<name>; throws when it is missing, so that a lost fixture fails loudly.
inline std::string ReadData(const std::string& name) {
  std::ifstream in(DataPath(name), std::ios::binary);
  if (!in) throw std::runtime_error("missing test data: " + DataPath(name).string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline ::testing::AssertionResult Contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << part << "' is not in:\n" << text;
}

inline ::testing::AssertionResult LacksText(const std::string& text, const std::string& part) {
  if (text.find(part) == std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << part << "' is in:\n" << text;
}

}  // namespace grader::testing
