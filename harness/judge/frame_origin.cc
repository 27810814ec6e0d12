#include "judge/frame_origin.h"

#include <algorithm>

namespace grader {

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
  if (frame.function.starts_with("__wrap_") ||
      frame.file.find("chaos_runtime") != std::string::npos) {
    return FrameOrigin::kHarness;
  }
  if (frame.file.empty() || frame.file.starts_with("/usr/") || frame.file.starts_with("../") ||
      frame.file.find("libsanitizer") != std::string::npos) {
    return FrameOrigin::kLibrary;
  }
  const bool outside = frame.file[0] == '/' && !frame.file.starts_with(workspace_inside + "/");
  if (!outside) {
    const std::string relative = WorkspaceRelative(frame.file, workspace_inside);
    if (std::find(student_files.begin(), student_files.end(), relative) != student_files.end()) {
      return FrameOrigin::kStudent;
    }
  }
  return FrameOrigin::kDriver;
}

}  // namespace grader
