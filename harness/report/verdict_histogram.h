// The batch page's per-exercise verdict histogram: how many submissions got each summary
// verdict (batch_results.h), as an inline SVG bar chart, and the colour each verdict has in
// the chart and in the page's table.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace grader {

// The colour of a summary verdict word ("#rrggbb"): green for ok, amber for too-slow, orange
// for internal-error, grey for unusable, a distinct dark colour for each failing verdict.
std::string_view VerdictColour(std::string_view word);

// A bar per (word, count) with count > 0, in the order given, labelled with the word and the
// count, under `title` (escaped here). Each bar is a <g class="bar"> whose <title> is
// "<word>: <count>". Without any count above 0, a chart that says "no submissions". No
// xmlns: it is meant for inline use in an HTML page.
std::string VerdictHistogramSvg(std::string_view title,
                                const std::vector<std::pair<std::string_view, int>>& counts);

}  // namespace grader
