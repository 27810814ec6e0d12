#include "scaffold/template_text.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/error.h"

namespace grader {
namespace {

bool IsKeyChar(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// `line` with its placeholders replaced.
std::string FillLine(std::string_view line, const std::vector<TemplateValue>& values) {
  std::string filled;
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t end = i + 1;
    while (line[i] == '@' && end < line.size() && IsKeyChar(line[end])) ++end;
    if (line[i] != '@' || end == i + 1 || end == line.size() || line[end] != '@') {
      filled += line[i++];
      continue;
    }
    const std::string_view key = line.substr(i + 1, end - i - 1);
    auto value = values.begin();
    while (value != values.end() && value->first != key) ++value;
    if (value == values.end()) {
      throw InternalError(fmt::format("template line '{}': no value for @{}@", line, key));
    }
    filled += value->second;
    i = end + 1;
  }
  return filled;
}

// Where the comment of a template line starts (the '#' after two or more spaces), or npos.
std::size_t CommentColumn(std::string_view line) {
  const std::size_t hash = line.find("  # ");
  if (hash == std::string_view::npos || line.find_first_not_of(' ') == hash + 2) {
    return std::string_view::npos;  // no content before it: a comment line
  }
  return line.find('#', hash);
}

}  // namespace

std::string FillTemplate(std::string_view text, const std::vector<TemplateValue>& values) {
  std::string out;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    const std::size_t column = CommentColumn(line);
    if (column == std::string_view::npos) {
      out += FillLine(line, values);
    } else {
      std::string content = FillLine(line.substr(0, line.find_last_not_of(' ', column - 1) + 1),
                                     values);
      content.resize(std::max(column, content.size() + 2), ' ');
      out += content + FillLine(line.substr(column), values);
    }
    if (newline != std::string_view::npos) out += '\n';
  }
  return out;
}

}  // namespace grader
