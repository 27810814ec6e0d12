// The main() of API exercises' test programs (harness/build/driver_main/driver_main.cpp):
// runs the driver's GoogleTest tests and reports the results through the result channel
// (SubprocessOptions::result_channel), framed by a per-run token. Embedded in the grader at
// build time and compiled per flavor into the object cache, in place of gtest_main.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace grader {

// The source text.
std::string_view DriverMainSource();

// The text of <grader_driver.h> (harness/build/driver_main/grader_driver.h): what drivers
// may use beyond GoogleTest (attachments, history recording).
std::string_view DriverApiHeader();

// The environment variables through which a run hands the channel's descriptor and the
// token to the test program's main().
inline constexpr char kResultFdVariable[] = "GRADER_RESULT_FD";
inline constexpr char kResultTokenVariable[] = "GRADER_RESULT_TOKEN";

// A fresh unpredictable token (32 hex digits from the kernel's random source).
std::string NewResultToken();

// The report inside what came through the channel: the text between the first two lines
// that are exactly `token`; nullopt when there is no complete frame (the program ended
// before reporting, or wrote only garbage).
std::optional<std::string> ExtractReport(std::string_view channel, std::string_view token);

}  // namespace grader
