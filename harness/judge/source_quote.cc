#include "judge/source_quote.h"

#include <fstream>

#include <fmt/format.h>

namespace grader {

std::string QuoteLines(const std::filesystem::path& file, int line, int around) {
  std::ifstream in(file);
  std::string text, quoted;
  for (int number = 1; std::getline(in, text); ++number) {
    if (number >= line - around && number <= line + around) {
      quoted += fmt::format("  {} {:>4} | {}\n", number == line ? '>' : ' ', number, text);
    }
    if (number > line + around) break;
  }
  return quoted;
}

std::string SourceLine(const std::filesystem::path& file, int line) {
  std::ifstream in(file);
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    if (number == line) return text;
  }
  return "";
}

nlohmann::json FrameJson(const StackFrame& frame, const std::string& workspace_inside) {
  return {{"function", frame.function},
          {"file", WorkspaceRelative(frame.file, workspace_inside)},
          {"line", frame.line}};
}

}  // namespace grader
