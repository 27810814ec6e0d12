// A speed test's speedup plot drawn again from the numbers of its stored evidence
// (evidence.speed.curve, docs/speed.md) with the harness's own plotting code (SpeedupSvg),
// so a page that embeds the plot as markup embeds only what this code wrote, never a stored
// string.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace grader {

// The plot of `speed` (a test's evidence.speed) titled "<test>: speedup against threads",
// as speed_grading draws it; empty when its curve has no point at one thread or a point is
// not numbers.
std::string SpeedupSvgFromEvidence(const nlohmann::json& speed, std::string_view test);

}  // namespace grader
