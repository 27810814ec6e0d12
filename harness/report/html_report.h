// The report as one self-contained HTML page: what the terminal report says (header,
// warnings, a row per test, evidence under the tests that did not pass, withheld for hidden
// tests unless show_hidden_details), plus, for every speed test, its speedup plot and the
// curve's numbers. Works offline: no script, no external file; the plot is an <img> with a
// data: URI, so nothing in it can run. Every text from the submission is HTML-escaped.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "judge/grade_result.h"

namespace grader {

struct HtmlOptions {
  bool show_hidden_details = false;  // as TerminalOptions::show_hidden_details
};

void WriteHtmlReport(const GradeResult& result, const HtmlOptions& options, std::ostream& out);

// RFC 4648 base64 of `bytes`, with padding.
std::string Base64(std::string_view bytes);

}  // namespace grader
