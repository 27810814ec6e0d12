#include "judge/frame_origin.h"

#include <algorithm>

namespace grader {
namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace

std::string_view FrameOriginName(FrameOrigin origin) {
  switch (origin) {
    case FrameOrigin::kStudent: return "student";
    case FrameOrigin::kDriver: return "driver";
    case FrameOrigin::kLibrary: return "library";
    case FrameOrigin::kHarness: return "harness";
  }
  return "library";
}

FrameOrigin OriginOf(const StackFrame& frame, const std::vector<std::string>& student_files,
                     const std::string& workspace_inside) {
  if (StartsWith(frame.function, "__wrap_") || Contains(frame.file, "chaos_runtime")) {
    return FrameOrigin::kHarness;
  }
  if (frame.file.empty() || StartsWith(frame.file, "/usr/") || StartsWith(frame.file, "../") ||
      Contains(frame.file, "libsanitizer")) {
    return FrameOrigin::kLibrary;
  }
  const bool outside = frame.file[0] == '/' && !StartsWith(frame.file, workspace_inside + "/");
  if (!outside) {
    const std::string relative = WorkspaceRelative(frame.file, workspace_inside);
    if (std::find(student_files.begin(), student_files.end(), relative) != student_files.end()) {
      return FrameOrigin::kStudent;
    }
  }
  return FrameOrigin::kDriver;
}

}  // namespace grader
