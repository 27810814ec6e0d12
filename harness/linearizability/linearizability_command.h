// `grader linearizability --model NAME HISTORY`: checks one recorded history and prints the
// answer (docs/linearizability.md describes the file formats).
#pragma once

#include <filesystem>
#include <ostream>
#include <string>

#include "linearizability/checker.h"
#include "linearizability/history.h"

namespace grader {

// Exit statuses of the command. Bad input (an unreadable file, a malformed line, an
// operation the model does not know, an unknown model) is an InputError that propagates:
// `grader` prints it and exits 2 (kExitUnusableInput).
inline constexpr int kExitLinearizable = 0;
inline constexpr int kExitNotLinearizable = 1;
inline constexpr int kExitLinearizabilityUnknown = 4;

// Reads a history file: JSON lines (json_history.h) when its first non-blank character is
// '{', else Jepsen's text log (jepsen_log.h). An empty file is an empty history.
// Throws InputError naming the file (and line) when it cannot be read.
History ReadHistoryFile(const std::filesystem::path& path);

// Checks `history_file` against the model called `model` and prints to `out`:
//   linearizable
//   not linearizable          then the counterexample (history_table.h)
//   unknown: <which limit ran out>
// Returns kExitLinearizable, kExitNotLinearizable or kExitLinearizabilityUnknown.
int RunLinearizabilityCommand(const std::string& model, const std::filesystem::path& history_file,
                              std::ostream& out, const LinearizabilityOptions& options = {});

}  // namespace grader
