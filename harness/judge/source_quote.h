// How evidence cites the student's code: a frame as JSON, and numbered lines of their file.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "judge/sanitizer_report.h"

namespace grader {

// Lines `line - around` to `line + around` of `file` (a host path), each as
// "  > 12 | text\n" with '>' marking `line`; empty when the file cannot be read.
std::string QuoteLines(const std::filesystem::path& file, int line, int around = 1);

// Line `line` of `file` (a host path) without its newline; empty when it cannot be read.
std::string SourceLine(const std::filesystem::path& file, int line);

// {"function", "file" (relative to the workspace, see WorkspaceRelative), "line"}.
nlohmann::json FrameJson(const StackFrame& frame, const std::string& workspace_inside);

}  // namespace grader
