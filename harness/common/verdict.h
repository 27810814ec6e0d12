// The verdict of one test: what happened, in one word a student can look up.
#pragma once

#include <optional>
#include <string_view>

namespace grader {

enum class Verdict {
  kOk,
  kWrongAnswer,
  kDataRace,
  kDeadlock,       // hung with little CPU used
  kTimeLimit,      // hung while burning CPU, or too slow in wall time
  kRuntimeError,   // signal, non-zero exit, sanitizer memory error
  kMemoryLimit,
  kOutputLimit,
  kCompileError,
  kTooSlow,        // speedup under the bar
  kForbidden,      // sandbox rule broken
  kInternalError,  // the harness failed, not the student: never costs points
};

// "ok", "wrong-answer", "data-race", ... (the names of ../INTERFACE.md).
std::string_view VerdictName(Verdict verdict);

// Inverse of VerdictName; nullopt for an unknown name.
std::optional<Verdict> ParseVerdict(std::string_view name);

}  // namespace grader
