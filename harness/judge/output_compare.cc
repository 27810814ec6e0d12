#include "judge/output_compare.h"

#include <sstream>
#include <vector>

#include <fmt/format.h>

namespace grader {
namespace {

std::vector<std::string> Tokens(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::vector<std::string> tokens;
  for (std::string token; in >> token;) tokens.push_back(token);
  return tokens;
}

std::vector<std::string> TrimmedLines(std::string_view text) {
  std::vector<std::string> lines;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    line.erase(line.find_last_not_of(" \t\r") + 1);
    lines.push_back(line);
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

OutputComparison CompareSequences(const std::vector<std::string>& expected,
                                  const std::vector<std::string>& actual,
                                  std::string_view unit) {
  for (std::size_t i = 0; i < std::max(expected.size(), actual.size()); ++i) {
    if (i >= actual.size()) {
      return {false, fmt::format("{} {}: expected '{}', but the output ended", unit, i + 1,
                                 expected[i])};
    }
    if (i >= expected.size()) {
      return {false, fmt::format("{} {}: expected the end of the output, got '{}'", unit,
                                 i + 1, actual[i])};
    }
    if (expected[i] != actual[i]) {
      return {false, fmt::format("{} {}: expected '{}', got '{}'", unit, i + 1, expected[i],
                                 actual[i])};
    }
  }
  return {true, ""};
}

}  // namespace

OutputComparison CompareOutput(std::string_view expected, std::string_view actual,
                               CompareMode mode) {
  switch (mode) {
    case CompareMode::kTokens:
      return CompareSequences(Tokens(expected), Tokens(actual), "token");
    case CompareMode::kLines:
      return CompareSequences(TrimmedLines(expected), TrimmedLines(actual), "line");
    case CompareMode::kExact:
      if (expected == actual) return {true, ""};
      for (std::size_t i = 0;; ++i) {
        if (i >= expected.size() || i >= actual.size() || expected[i] != actual[i]) {
          return {false, fmt::format("byte {}: the outputs differ from here on", i + 1)};
        }
      }
  }
  return {false, "unknown comparison"};
}

}  // namespace grader
