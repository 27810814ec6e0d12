// Whose code a stack frame is in: the student's, the hidden driver's, a library's, or the
// harness's own plumbing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "judge/sanitizer_report.h"

namespace grader {

// Whose code a frame is in. kHarness frames (the schedule-chaos wrappers) are plumbing the
// student never wrote or called: reports leave them out.
enum class FrameOrigin { kStudent, kDriver, kLibrary, kHarness };

std::string_view FrameOriginName(FrameOrigin origin);  // "student", "driver", ...

FrameOrigin OriginOf(const StackFrame& frame, const std::vector<std::string>& student_files,
                     const std::string& workspace_inside);

}  // namespace grader
