// OUT/report.html: one self-contained page about a whole batch, for the instructor.
//
// - A summary: students, submissions, and per exercise the submissions, the mean score, how
//   many got full marks and how many got each summary verdict (batch_results.h).
// - Per exercise, a histogram of the summary verdicts (verdict_histogram.h).
// - The students' table: a row per student, a column per exercise (score/max, coloured by
//   the summary verdict; empty where nothing is stored) and the total; sortable by clicking
//   any header, filtered by a text box (batch_html_assets.h).
// - Per student, each submission as a collapsed <details> that a click on its cell opens:
//   the warnings, a row per test (verdict, points, runs, message), then each test's message,
//   speedup plot, details, reproduce command and evidence (pretty JSON, collapsed), and a
//   link to the stored result JSON (a relative path: it works where OUT is).
//
// Works offline: no external URL; the style and script are inline, and the page's
// Content-Security-Policy allows only those two (by hash), so nothing else could load or
// run. Every text from the results (student folder names, messages, details, evidence) is
// XmlEscaped text, never markup. The only markup not written here is the speedup plot,
// drawn again from the evidence's numbers by the harness's plot code (speedup_redraw.h).
// No timestamp, no path of OUT: the page depends on the stored results alone, so a merge of
// shards gives the same bytes.
#pragma once

#include <ostream>
#include <string>

#include "report/batch_results.h"

namespace grader {

void WriteBatchHtmlReport(const BatchResults& results, std::ostream& out);

// The page's section about one student: a heading and each stored submission's details
// (ids "student-<i>", "sub-<i>-<j>" and "sub-<i>-<j>-<k>": indexes of the student, exercise
// and test, never names). `index` is the student's index in results.students().
std::string StudentSectionHtml(const BatchResults& results, std::size_t index);

// "<a>%2Fb": every byte but A-Z a-z 0-9 - . _ ~ as %XX (RFC 3986), for a relative link to a
// file whose name is a student's folder name.
std::string PercentEncoded(std::string_view text);

}  // namespace grader
