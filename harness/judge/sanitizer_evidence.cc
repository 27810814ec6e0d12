#include "judge/sanitizer_evidence.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include <fmt/format.h>

#include "judge/shared_identifiers.h"
#include "judge/source_quote.h"
#include "judge/thread_stacks.h"

namespace grader {
namespace {

// A section that only says where something the report is about came from ("Mutex M0
// created at:", "Thread T1 ... created by main thread at:", TSan's "As if synchronized via
// sleep:"), not where the problem happened.
bool IsContextSection(const ReportSection& section) {
  const std::string& title = section.title;
  return (title.starts_with("Mutex M") && title.find(" created at") != title.npos) ||
         (title.starts_with("Thread T") && title.find(" created by ") != title.npos) ||
         title.starts_with("As if synchronized");
}

struct Place {
  const StackFrame* frame = nullptr;  // the innermost student frame; nullptr: none
  std::string file;                   // relative to the workspace
  std::string Text() const { return fmt::format("{}:{}", file, frame->line); }
};

Place StudentPlace(const std::vector<StackFrame>& frames, const JudgeContext& context) {
  for (const StackFrame& frame : frames) {
    if (OriginOf(frame, context.student_files, context.workspace_inside) ==
        FrameOrigin::kStudent) {
      return {&frame, WorkspaceRelative(frame.file, context.workspace_inside)};
    }
  }
  return {};
}

// "thread T2" / "the main thread" / "a thread".
std::string ThreadPhrase(const std::string& thread) {
  if (thread.empty()) return "a thread";
  if (thread == "main thread") return "the main thread";
  return "thread " + thread;
}

std::string LocksPhrase(const ReportSection& access) {
  if (access.mutexes.empty()) return "holding no lock";
  std::vector<std::string> names;
  for (const std::string& mutex : access.mutexes) {
    names.push_back(mutex.substr(mutex.find(' ') + 1));  // "write M0" -> "M0"
  }
  return fmt::format("holding {} {}", names.size() == 1 ? "lock" : "locks",
                     fmt::join(names, ", "));
}

// "write of 8 bytes by thread T2, holding no lock" for an access.
std::string AccessPhrase(const ReportSection& access) {
  return fmt::format("{}{} of {} byte{} by {}, {}", access.previous ? "previous " : "",
                     access.access, access.size, access.size == 1 ? "" : "s",
                     ThreadPhrase(access.thread), LocksPhrase(access));
}

// The frames the student did not write, summed up in one line: "called from the test driver
// (TestBody), 9 more frames in the driver and libraries".
std::string CollapsedFrames(const std::vector<StackFrame>& frames, const JudgeContext& context,
                            bool after_student_frames) {
  const StackFrame* first_driver = nullptr;
  int others = 0;
  int library = 0;
  for (const StackFrame& frame : frames) {
    const FrameOrigin origin = OriginOf(frame, context.student_files, context.workspace_inside);
    if (origin == FrameOrigin::kStudent || origin == FrameOrigin::kHarness) continue;
    if (origin == FrameOrigin::kDriver && first_driver == nullptr) {
      first_driver = &frame;
    } else {
      ++others;
      library += origin == FrameOrigin::kLibrary;
    }
  }
  if (first_driver == nullptr && others == 0) return "";
  const std::string lead = after_student_frames ? "called from " : "in ";
  if (first_driver == nullptr) {
    return fmt::format("{}{} library frame{}", lead, others, others == 1 ? "" : "s");
  }
  std::string line =
      fmt::format("{}the test driver ({})", lead, ShortFunctionName(first_driver->function));
  if (others > 0) {
    line += fmt::format(", and {} more frame{} of the {}", others, others == 1 ? "" : "s",
                        library == others ? "libraries" : "driver and libraries");
  }
  return line;
}

// A stack for people: every student frame, innermost first, the innermost one quoted; then
// one line for the rest.
std::string RenderStack(const std::vector<StackFrame>& frames, const JudgeContext& context) {
  std::string text;
  bool quoted = false;
  for (const StackFrame& frame : frames) {
    if (OriginOf(frame, context.student_files, context.workspace_inside) !=
        FrameOrigin::kStudent) {
      continue;
    }
    const std::string file = WorkspaceRelative(frame.file, context.workspace_inside);
    text += fmt::format("  {}:{} in {}\n", file, frame.line, ShortFunctionName(frame.function));
    if (!quoted) {
      text += QuoteLines(context.workspace_root / file, frame.line);
      quoted = true;
    }
  }
  const std::string rest = CollapsedFrames(frames, context, quoted);
  if (!rest.empty()) text += "  " + rest + "\n";
  return text;
}

nlohmann::json FramesJson(const std::vector<StackFrame>& frames, const JudgeContext& context) {
  nlohmann::json list = nlohmann::json::array();
  for (const StackFrame& frame : frames) {
    const FrameOrigin origin = OriginOf(frame, context.student_files, context.workspace_inside);
    if (origin == FrameOrigin::kHarness) continue;
    nlohmann::json entry = FrameJson(frame, context.workspace_inside);
    entry["origin"] = FrameOriginName(origin);
    list.push_back(std::move(entry));
  }
  return list;
}

std::vector<const ReportSection*> Accesses(const SanitizerFinding& finding) {
  std::vector<const ReportSection*> accesses;
  for (const auto& section : finding.sections) {
    if (section.IsAccess()) accesses.push_back(&section);
  }
  return accesses;
}

// "Mutex M10 acquired here while holding mutex M9 in thread T1:"
const std::regex kAcquiredWhileHolding(
    R"(^Mutex (M\d+) acquired here while holding mutex (M\d+) in (?:thread (T\d+)|(main) thread))");

// One line: what happened and where in the student's files.
std::string Message(const SanitizerFinding& finding, const JudgeContext& context) {
  const std::vector<const ReportSection*> accesses = Accesses(finding);
  std::vector<std::string> places;
  for (const auto& section : finding.sections) {
    if (IsContextSection(section) && finding.category != FindingKind::kThreadLeak) continue;
    const Place place = StudentPlace(section.frames, context);
    if (place.frame != nullptr &&
        std::find(places.begin(), places.end(), place.Text()) == places.end()) {
      places.push_back(place.Text());
    }
  }
  const std::string where =
      places.empty() ? "no frame in your files; see details"
                     : fmt::format("at {}", fmt::join(places, " and "));
  switch (finding.category) {
    case FindingKind::kDataRace: {
      const std::string variable = RacedVariable(finding, context);
      std::vector<std::string> parts;
      for (const ReportSection* access : accesses) {
        const Place place = StudentPlace(access->frames, context);
        if (place.frame == nullptr) continue;
        parts.push_back(fmt::format("{} {} at {} in {} ({})", ThreadPhrase(access->thread),
                                    access->access == "read"          ? "reads it"
                                    : access->access == "write"       ? "writes it"
                                    : access->access == "atomic read" ? "reads it atomically"
                                                                      : "writes it atomically",
                                    place.Text(), ShortFunctionName(place.frame->function),
                                    LocksPhrase(*access)));
      }
      const std::string subject = variable.empty() ? "data race" : "data race on " + variable;
      if (parts.empty()) return fmt::format("{} ({})", subject, where);
      return fmt::format("{}: {}", subject, fmt::join(parts, "; "));
    }
    case FindingKind::kLockOrderInversion: {
      std::vector<std::string> parts;
      std::smatch match;
      for (const auto& section : finding.sections) {
        if (!std::regex_search(section.title, match, kAcquiredWhileHolding)) continue;
        const Place place = StudentPlace(section.frames, context);
        const std::string thread = match[3].matched ? "thread " + match[3].str() : "the main thread";
        parts.push_back(fmt::format("{} takes {} while holding {}{}", thread, match[1].str(),
                                    match[2].str(),
                                    place.frame ? " at " + place.Text() : std::string()));
      }
      if (parts.empty()) return "lock-order inversion (a potential deadlock) " + where;
      return fmt::format("lock-order inversion (a potential deadlock): {}",
                         fmt::join(parts, "; "));
    }
    case FindingKind::kThreadLeak: {
      const int leaked = 1 + finding.more_similar;
      return fmt::format("thread leak: {} created {} never joined or detached", 
                         leaked == 1 ? "a thread" : fmt::format("{} threads", leaked),
                         places.empty() ? "by the program was" : where + (leaked == 1 ? " was" : " were"));
    }
    case FindingKind::kHeapUseAfterFree: {
      if (!accesses.empty()) {
        const Place use = StudentPlace(accesses.front()->frames, context);
        if (use.frame != nullptr) {
          return fmt::format("heap-use-after-free: {} {} memory at {} in {} after it was freed",
                             ThreadPhrase(accesses.front()->thread),
                             accesses.front()->access == "read" ? "reads" : "writes",
                             use.Text(), ShortFunctionName(use.frame->function));
        }
      }
      return "heap-use-after-free " + where;
    }
    default:
      return fmt::format("{}: {} {}", finding.tool, finding.kind, where);
  }
}

// A section's title without addresses, thread ids and the trailing " at:" ("Mutex M44
// (0x7b0c000001b0) created at:" -> "Mutex M44 created").
std::string ShortTitle(const std::string& title) {
  static const std::regex kNoise(R"( \((?:0x[0-9a-f]+|tid=\d+, \w+)\))");
  std::string text = std::regex_replace(title, kNoise, "");
  if (!text.empty() && text.back() == ':') text.pop_back();
  if (text.size() > 3 && text.compare(text.size() - 3, 3, " at") == 0) text.resize(text.size() - 3);
  if (text.size() > 5 && text.compare(text.size() - 5, 5, " here") == 0) text.resize(text.size() - 5);
  return text;
}

std::string LocationPhrase(const SanitizerFinding& finding, const JudgeContext& context) {
  const MemoryLocation& location = finding.location;
  if (location.what == "global") {
    return fmt::format("the global '{}' ({} bytes)", location.name, location.size);
  }
  if (location.what == "heap block") {
    std::string text;
    if (finding.access_address >= location.address &&
        finding.access_address < location.address + location.size) {
      text = fmt::format("offset {} of ", finding.access_address - location.address);
    }
    text += fmt::format("a heap block of {} bytes allocated by {}", location.size,
                        ThreadPhrase(location.thread));
    const Place place = StudentPlace(location.frames, context);
    if (place.frame != nullptr) {
      text += fmt::format(" at {} in {}", place.Text(), ShortFunctionName(place.frame->function));
    } else if (const std::string rest = CollapsedFrames(location.frames, context, false);
               !rest.empty()) {
      text += " " + rest.substr(0, rest.find(','));
    }
    return text;
  }
  if (location.what == "stack" || location.what == "thread-local storage") {
    return fmt::format("the {} of {}", location.what, ThreadPhrase(location.thread));
  }
  return location.text;
}

std::string Details(const SanitizerFinding& finding, const JudgeContext& context) {
  std::string text;
  if (finding.category == FindingKind::kDataRace) {
    const std::string variable = RacedVariable(finding, context);
    const std::string location = LocationPhrase(finding, context);
    text += fmt::format("data race on {}{}\n", variable.empty() ? "memory" : variable,
                        location.empty() ? "" : " (" + location + ")");
  } else if (!finding.location.text.empty()) {
    text += fmt::format("memory: {}\n", LocationPhrase(finding, context));
  }
  for (const auto& section : finding.sections) {
    if (section.IsAccess()) {
      text += AccessPhrase(section) + ":\n" + RenderStack(section.frames, context);
    } else if (!IsContextSection(section) || finding.category == FindingKind::kThreadLeak) {
      // The report's main stacks: where each lock was taken, where a leaked thread started.
      if (section.title != "stack") text += ShortTitle(section.title) + ":\n";
      text += RenderStack(section.frames, context);
    } else {
      // Context ("Mutex M0 created at:", "Thread T1 created by main thread at:"): one line,
      // at the student's frame when there is one.
      const Place place = StudentPlace(section.frames, context);
      const std::string rest = CollapsedFrames(section.frames, context, false);
      text += ShortTitle(section.title);
      if (place.frame != nullptr) {
        text += fmt::format(" at {} in {}", place.Text(), ShortFunctionName(place.frame->function));
      } else if (!rest.empty()) {
        text += " " + rest.substr(0, rest.find(','));
      }
      text += "\n";
    }
  }
  if (finding.more_similar > 0) {
    text += fmt::format("and {} more like it\n", finding.more_similar);
  }
  if (!finding.complete) {
    text += "(the report was cut off; this is what was readable)\n";
  }
  // The summary's paths as the student knows them.
  std::string summary = finding.summary;
  const std::string prefix = context.workspace_inside + "/";
  for (std::size_t at; (at = summary.find(prefix)) != std::string::npos;) {
    summary.erase(at, prefix.size());
  }
  text += summary;
  return text;
}

nlohmann::json FindingJson(const SanitizerFinding& finding, const JudgeContext& context) {
  nlohmann::json sections = nlohmann::json::array();
  for (const auto& section : finding.sections) {
    nlohmann::json entry = {{"title", section.title},
                            {"frames", FramesJson(section.frames, context)}};
    if (section.IsAccess()) {
      entry["access"] = section.access;
      entry["size"] = section.size;
      entry["thread"] = section.thread;
      entry["previous"] = section.previous;
      entry["mutexes"] = section.mutexes;
    }
    const Place place = StudentPlace(section.frames, context);
    if (place.frame != nullptr) {
      entry["student_frame"] = FrameJson(*place.frame, context.workspace_inside);
    }
    sections.push_back(std::move(entry));
  }
  nlohmann::json json = {{"tool", finding.tool},
                         {"kind", FindingKindName(finding.category)},
                         {"tool_kind", finding.kind},
                         {"summary", finding.summary},
                         {"complete", finding.complete},
                         {"sections", std::move(sections)},
                         {"key", FindingKey(finding, context)},
                         {"count", 1}};
  if (!finding.location.text.empty()) {
    json["location"] = {{"text", finding.location.text},
                        {"what", finding.location.what},
                        {"size", finding.location.size},
                        {"frames", FramesJson(finding.location.frames, context)}};
    if (!finding.location.name.empty()) json["location"]["name"] = finding.location.name;
    if (!finding.location.thread.empty()) json["location"]["thread"] = finding.location.thread;
  }
  if (finding.category == FindingKind::kDataRace) {
    if (const std::string variable = RacedVariable(finding, context); !variable.empty()) {
      json["variable"] = variable;
    }
  }
  if (finding.more_similar > 0) json["more_similar"] = finding.more_similar;
  return json;
}

}  // namespace

Verdict SanitizerVerdict(const SanitizerFinding& finding) {
  switch (finding.category) {
    case FindingKind::kDataRace:
      return Verdict::kDataRace;
    case FindingKind::kLockOrderInversion:
      return Verdict::kDeadlock;
    case FindingKind::kMutexMisuse:
      return finding.kind.find("double lock") != std::string::npos ? Verdict::kDeadlock
                                                                   : Verdict::kRuntimeError;
    default:
      return Verdict::kRuntimeError;
  }
}

std::string RacedVariable(const SanitizerFinding& finding, const JudgeContext& context) {
  std::vector<std::string> lines;
  for (const ReportSection* access : Accesses(finding)) {
    const Place place = StudentPlace(access->frames, context);
    if (place.frame == nullptr) continue;
    lines.push_back(SourceLine(context.workspace_root / place.file, place.frame->line));
  }
  // One line (a write racing with itself) shares every word with itself: take its words.
  const std::vector<std::string> candidates =
      lines.empty() ? std::vector<std::string>()
                    : SharedIdentifiers(lines.front(), lines.size() > 1 ? lines[1] : lines.front());
  if (!candidates.empty() && candidates.size() <= 3) {
    return fmt::format("{}", fmt::join(candidates, " or "));
  }
  return finding.location.name;  // a global's name (its member is not known), or empty
}

std::string FindingKey(const SanitizerFinding& finding, const JudgeContext& context) {
  std::set<std::string> places;
  for (const auto& section : finding.sections) {
    const Place place = StudentPlace(section.frames, context);
    if (place.frame != nullptr) {
      places.insert(place.Text());
    } else if (!section.frames.empty()) {
      for (const StackFrame& frame : section.frames) {
        if (OriginOf(frame, context.student_files, context.workspace_inside) ==
            FrameOrigin::kDriver) {
          places.insert(ShortFunctionName(frame.function));
          break;
        }
      }
    }
  }
  return fmt::format("{} {}", FindingKindName(finding.category), fmt::join(places, " "));
}

RunJudgement JudgeSanitizerFindings(const std::vector<SanitizerFinding>& findings,
                                    const JudgeContext& context) {
  const SanitizerFinding& first = findings.front();
  RunJudgement judgement;
  judgement.verdict = SanitizerVerdict(first);
  judgement.message = Message(first, context);
  judgement.details = Details(first, context);
  judgement.details_public = true;  // the student's own code and the names of the driver's
                                    // and libraries' functions
  judgement.evidence["findings"] = nlohmann::json::array();
  for (const SanitizerFinding& finding : findings) {
    nlohmann::json one = nlohmann::json::array({FindingJson(finding, context)});
    MergeFindings(judgement.evidence["findings"], one);
  }
  return judgement;
}

void MergeFindings(nlohmann::json& into, const nlohmann::json& from) {
  if (!into.is_array()) into = nlohmann::json::array();
  for (const auto& finding : from) {
    auto same = std::find_if(into.begin(), into.end(), [&](const nlohmann::json& known) {
      return known.value("key", "") == finding.value("key", "");
    });
    if (same == into.end()) {
      into.push_back(finding);
    } else {
      (*same)["count"] = same->value("count", 1) + finding.value("count", 1);
    }
  }
}

}  // namespace grader
