#include "judge/sanitizer_report.h"

#include <algorithm>
#include <regex>
#include <sstream>

namespace grader {
namespace {

// "    #0 Counter::increment(long long) /submission/counter.hpp:12 (test+0x1234)"  (TSan)
// "    #0 0x55d0 in main /submission/sum.cpp:5:3"                                  (ASan)
const std::regex kTsanFrame(R"(^\s+#\d+ (.*?) (\S+?):(\d+)(?::\d+)? \(.*\)$)");
const std::regex kAsanFrame(R"(^\s+#\d+ 0x[0-9a-f]+ in (.*?) (\S+?):(\d+)(?::\d+)?$)");
const std::regex kAsanAccess(R"(^(READ|WRITE) of size \d+)");
const std::regex kUnknownFrame(R"(^\s+#\d+ )");
const std::regex kTsanHeader(R"(^WARNING: ThreadSanitizer: (.*?)(?: \(pid=\d+\))?\s*$)");
const std::regex kAsanHeader(R"(^==\d+==ERROR: (AddressSanitizer|LeakSanitizer): (\S+))");
const std::regex kUbsanLine(R"(^(\S+?):(\d+):(?:\d+:)? runtime error: (.*)$)");

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::vector<SanitizerFinding> ParseSanitizerLog(std::string_view text) {
  std::vector<SanitizerFinding> findings;
  std::istringstream lines{std::string(text)};
  std::string line;
  SanitizerFinding* current = nullptr;
  std::smatch match;
  while (std::getline(lines, line)) {
    if (std::regex_search(line, match, kTsanHeader)) {
      findings.push_back({"ThreadSanitizer", match[1], line, {}, {}});
      current = &findings.back();
    } else if (std::regex_search(line, match, kAsanHeader)) {
      findings.push_back({match[1], match[2], line, {}, {}});
      current = &findings.back();
    } else if (std::regex_search(line, match, kUbsanLine)) {
      findings.push_back({"UndefinedBehaviorSanitizer", match[3], line, {}, {}});
      current = &findings.back();
      current->sections.push_back(
          {"runtime error", {{"", match[1], std::stoi(match[2].str())}}});
    } else if (current == nullptr) {
      continue;
    } else if (StartsWith(line, "SUMMARY: ")) {
      current->summary = line.substr(9);
      current = nullptr;  // the last line of a report (ASan's shadow-byte map follows)
    } else if (std::regex_match(line, match, kTsanFrame) ||
               std::regex_match(line, match, kAsanFrame)) {
      if (current->sections.empty()) current->sections.push_back({"stack", {}});
      current->sections.back().frames.push_back({match[1], match[2], std::stoi(match[3].str())});
    } else if (std::regex_search(line, kUnknownFrame)) {
      if (current->sections.empty()) current->sections.push_back({"stack", {}});
      current->sections.back().frames.push_back({line.substr(line.find('#')), "", 0});
    } else if (StartsWith(line, "  Location is ")) {
      current->location = line.substr(2);
    } else if (line.size() > 2 && line[0] == ' ' && line.back() == ':' &&
               !StartsWith(line, "    ")) {
      current->sections.push_back({line.substr(line.find_first_not_of(' ')), {}});
    } else if (current->tool != "ThreadSanitizer" &&
               (std::regex_search(line, kAsanAccess) || (!line.empty() && line.back() == ':'))) {
      // ASan writes its sections unindented: "READ of size 4 at ... thread T0",
      // "freed by thread T0 here:", "previously allocated by thread T0 here:".
      current->sections.push_back({line, {}});
    } else if (current->tool != "ThreadSanitizer" && !line.empty() && line[0] != ' ') {
      // ASan's other unindented lines ("0x... is located 0 bytes inside of ...").
      if (current->location.empty()) current->location = line;
    } else if (!line.empty() && line[0] != ' ' && !StartsWith(line, "==")) {
      // A line that is neither part of a stack nor a section: the end of this report.
      current = nullptr;
    }
  }
  return findings;
}

std::string WorkspaceRelative(const std::string& file, const std::string& workspace_inside) {
  std::string relative = file;
  const std::string prefix = workspace_inside + "/";
  if (StartsWith(relative, prefix)) relative.erase(0, prefix.size());
  while (StartsWith(relative, "./")) relative.erase(0, 2);
  return relative;
}

const StackFrame* FirstStudentFrame(const ReportSection& section,
                                    const std::vector<std::string>& student_files,
                                    const std::string& workspace_inside) {
  for (const auto& frame : section.frames) {
    if (frame.file.empty()) continue;
    if (frame.file[0] == '/' && !StartsWith(frame.file, workspace_inside + "/")) continue;
    const std::string relative = WorkspaceRelative(frame.file, workspace_inside);
    if (std::find(student_files.begin(), student_files.end(), relative) != student_files.end()) {
      return &frame;
    }
  }
  return nullptr;
}

}  // namespace grader
