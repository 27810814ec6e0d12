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
const std::regex kUnknownFrame(R"(^\s+#\d+ )");
const std::regex kTsanHeader(R"(^WARNING: ThreadSanitizer: (.*?)(?: \(pid=\d+\))?\s*$)");
const std::regex kAsanHeader(R"(^==\d+==ERROR: (AddressSanitizer|LeakSanitizer): (\S+))");
const std::regex kUbsanLine(R"(^(\S+?):(\d+):(?:\d+:)? runtime error: (.*)$)");
// TSan: "  Previous atomic write of size 8 at 0x7b04 by thread T1 (mutexes: write M0):"
// ASan: "READ of size 4 at 0x602000000010 thread T0"
const std::regex kAccess(
    R"(^\s*(Previous )?(atomic |Atomic )?(read|write|Read|Write|READ|WRITE) of size (\d+) at (0x[0-9a-f]+)(?: by)?(?: thread (T\d+)| (main) thread)?(?: \(mutexes: ([^)]*)\))?:?\s*$)");
// "  Location is global 'counter' of size 8 at 0x56388f252088 (data_race+0x4088)"
const std::regex kGlobal(R"(^Location is global '(.*)' of size (\d+) at (0x[0-9a-f]+))");
// "  Location is heap block of size 48 at 0x7b0c000001b0 allocated by main thread:"
const std::regex kHeapBlock(
    R"(^Location is heap block of size (\d+) at (0x[0-9a-f]+) allocated by (?:thread (T\d+)|(main) thread))");
// "  Location is stack of thread T1." / "Location is TLS of main thread."
const std::regex kStackOrTls(R"(^Location is (stack|TLS) of (?:thread (T\d+)|(main) thread))");
const std::regex kMoreSimilar(R"(^\s*And (\d+) more similar)");
const std::regex kAddress(R"( at (0x[0-9a-f]+))");

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::uint64_t Hex(const std::string& text) {
  try {
    return std::stoull(text, nullptr, 16);
  } catch (const std::exception&) {
    return 0;  // out of range in a garbled line: unknown
  }
}

int Int(const std::string& text) {
  try {
    return std::stoi(text);
  } catch (const std::exception&) {
    return 0;
  }
}

std::string ThreadName(const std::smatch& match, int numbered, int main) {
  if (match[numbered].matched) return match[numbered];
  if (match[main].matched) return "main thread";
  return "";
}

std::vector<std::string> SplitMutexes(const std::string& text) {
  std::vector<std::string> mutexes;
  std::istringstream parts(text);
  std::string part;
  while (std::getline(parts, part, ',')) {
    part.erase(0, part.find_first_not_of(' '));
    if (!part.empty()) mutexes.push_back(part);
  }
  return mutexes;
}

ReportSection MakeSection(const std::string& title) {
  ReportSection section;
  section.title = title;
  std::smatch match;
  if (std::regex_match(title, match, kAccess)) {
    std::string operation = match[3];
    std::transform(operation.begin(), operation.end(), operation.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    section.access = (match[2].matched ? "atomic " : "") + operation;
    section.size = Int(match[4]);
    section.previous = match[1].matched;
    section.thread = ThreadName(match, 6, 7);
    if (match[8].matched) section.mutexes = SplitMutexes(match[8]);
  }
  return section;
}

MemoryLocation MakeLocation(const std::string& text) {
  MemoryLocation location;
  location.text = text;
  std::smatch match;
  if (std::regex_search(text, match, kGlobal)) {
    location.what = "global";
    location.name = match[1];
    location.size = Int(match[2]);
    location.address = Hex(match[3]);
  } else if (std::regex_search(text, match, kHeapBlock)) {
    location.what = "heap block";
    location.size = Int(match[1]);
    location.address = Hex(match[2]);
    location.thread = ThreadName(match, 3, 4);
  } else if (std::regex_search(text, match, kStackOrTls)) {
    location.what = match[1] == "TLS" ? "thread-local storage" : "stack";
    location.thread = ThreadName(match, 2, 3);
  }
  return location;
}

}  // namespace

std::string_view FindingKindName(FindingKind kind) {
  switch (kind) {
    case FindingKind::kDataRace: return "data-race";
    case FindingKind::kLockOrderInversion: return "lock-order-inversion";
    case FindingKind::kThreadLeak: return "thread-leak";
    case FindingKind::kHeapUseAfterFree: return "heap-use-after-free";
    case FindingKind::kMutexMisuse: return "mutex-misuse";
    case FindingKind::kSignalUnsafeCall: return "signal-unsafe-call";
    case FindingKind::kMemoryError: return "memory-error";
    case FindingKind::kMemoryLeak: return "memory-leak";
    case FindingKind::kUndefinedBehavior: return "undefined-behavior";
    case FindingKind::kOther: return "other";
  }
  return "other";
}

FindingKind ClassifyFinding(std::string_view tool, std::string_view kind) {
  auto has = [&](std::string_view words) { return kind.find(words) != std::string_view::npos; };
  if (tool == "UndefinedBehaviorSanitizer") return FindingKind::kUndefinedBehavior;
  if (tool == "LeakSanitizer" || has("memory leak")) return FindingKind::kMemoryLeak;
  if (has("heap-use-after-free")) return FindingKind::kHeapUseAfterFree;
  if (tool == "AddressSanitizer") return FindingKind::kMemoryError;
  if (StartsWith(kind, "data race")) return FindingKind::kDataRace;
  if (has("lock-order-inversion")) return FindingKind::kLockOrderInversion;
  if (has("thread leak")) return FindingKind::kThreadLeak;
  if (has("mutex")) return FindingKind::kMutexMisuse;  // unlock of an unlocked mutex, ...
  if (has("signal")) return FindingKind::kSignalUnsafeCall;
  return FindingKind::kOther;
}

std::vector<SanitizerFinding> ParseSanitizerLog(std::string_view text) {
  std::vector<SanitizerFinding> findings;
  std::istringstream lines{std::string(text)};
  std::string line;
  SanitizerFinding* current = nullptr;
  std::vector<StackFrame>* frames = nullptr;  // where the next stack frame goes
  std::smatch match;
  auto start = [&](std::string tool, std::string kind, const std::string& first_line) {
    SanitizerFinding finding;
    finding.category = ClassifyFinding(tool, kind);
    finding.tool = std::move(tool);
    finding.kind = std::move(kind);
    finding.summary = first_line;
    findings.push_back(std::move(finding));
    current = &findings.back();
    frames = nullptr;
  };
  auto add_section = [&](const std::string& title) {
    current->sections.push_back(MakeSection(title));
    const ReportSection& section = current->sections.back();
    if (section.IsAccess() && current->access_address == 0) {
      std::smatch address;
      if (std::regex_search(title, address, kAddress)) {
        current->access_address = Hex(address[1]);
      }
    }
    frames = &current->sections.back().frames;
  };
  auto add_frame = [&](StackFrame frame) {
    if (frames == nullptr) add_section("stack");
    frames->push_back(std::move(frame));
  };
  while (std::getline(lines, line)) {
    if (std::regex_search(line, match, kTsanHeader)) {
      start("ThreadSanitizer", match[1], line);
    } else if (std::regex_search(line, match, kAsanHeader)) {
      start(match[1], match[2], line);
    } else if (std::regex_search(line, match, kUbsanLine)) {
      start("UndefinedBehaviorSanitizer", match[3], line);
      add_section("runtime error");
      frames->push_back({"", match[1], Int(match[2])});
    } else if (current == nullptr) {
      continue;
    } else if (StartsWith(line, "SUMMARY: ")) {
      current->summary = line.substr(9);
      current->complete = true;
      current = nullptr;  // the last line of a report (ASan's shadow-byte map follows)
    } else if (std::regex_match(line, match, kTsanFrame) ||
               std::regex_match(line, match, kAsanFrame)) {
      add_frame({match[1], match[2], Int(match[3])});
    } else if (std::regex_search(line, kUnknownFrame)) {
      add_frame({line.substr(line.find('#')), "", 0});
    } else if (StartsWith(line, "  Location is ")) {
      current->location = MakeLocation(line.substr(2));
      // A heap block's allocation stack follows its line; other locations have none.
      frames = current->location.what == "heap block" ? &current->location.frames : nullptr;
    } else if (std::regex_search(line, match, kMoreSimilar)) {
      current->more_similar = Int(match[1]);
    } else if (line.size() > 2 && line[0] == ' ' && line.back() == ':' &&
               !StartsWith(line, "    ")) {
      add_section(line.substr(line.find_first_not_of(' ')));
    } else if (current->tool != "ThreadSanitizer" &&
               (std::regex_match(line, kAccess) || (!line.empty() && line.back() == ':'))) {
      // ASan writes its sections unindented: "READ of size 4 at ... thread T0",
      // "freed by thread T0 here:", "previously allocated by thread T0 here:".
      add_section(line);
    } else if (current->tool != "ThreadSanitizer" && !line.empty() && line[0] != ' ') {
      // ASan's other unindented lines ("0x... is located 0 bytes inside of ...").
      if (current->location.text.empty()) current->location.text = line;
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
