#include "report/batch_html_report.h"

#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>

#include "common/sha256.h"
#include "common/xml_text.h"
#include "report/batch_html_assets.h"
#include "report/html_report.h"
#include "report/summary.h"
#include "report/verdict_histogram.h"

namespace grader {
namespace {

// What the summary says about one exercise, or about all of them.
struct ExerciseTally {
  int submissions = 0;
  int full_marks = 0;
  double score_sum = 0;
  double max_score = 0;  // the largest max_score stored: the exercise's points
  std::map<std::string_view, int> verdicts;

  void Add(const BatchSubmission& submission) {
    ++submissions;
    if (submission.not_graded == NotGraded::kNo && submission.result.FullScore()) ++full_marks;
    score_sum += submission.result.score;
    max_score = std::max(max_score, submission.result.max_score);
    ++verdicts[SummaryVerdict(submission)];
  }
  // (word, count) in SummaryVerdictOrder, every word.
  std::vector<std::pair<std::string_view, int>> Counts() const {
    std::vector<std::pair<std::string_view, int>> counts;
    for (const std::string_view word : SummaryVerdictOrder()) {
      const auto found = verdicts.find(word);
      counts.emplace_back(word, found == verdicts.end() ? 0 : found->second);
    }
    return counts;
  }
};

std::string Tags(const ExerciseTally& tally) {
  std::string tags;
  for (const auto& [word, count] : tally.Counts()) {
    if (count > 0) tags += fmt::format("<span class=\"tag v-{}\">{} {}</span>", word, word, count);
  }
  return tags;
}

// The page's style: the constant part, and a colour rule per summary verdict.
std::string Style() {
  std::string style(kBatchPageStyle);
  for (const std::string_view word : SummaryVerdictOrder()) {
    style += fmt::format(".v-{} {{ background: {}; }}\n", word, VerdictColour(word));
  }
  return style;
}

// A Content-Security-Policy source for exactly `text` as an inline <style> or <script>.
std::string HashSource(std::string_view text) {
  const std::array<std::uint8_t, 32> digest = Sha256(text);
  return "'sha256-" +
         Base64(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size())) +
         "'";
}

std::string SummaryHtml(const BatchResults& results,
                        const std::map<std::string, ExerciseTally>& tallies,
                        const ExerciseTally& all) {
  std::string html = fmt::format(
      "<h2 id=\"summary\">Summary</h2>\n<p>{} student{}, {} submission{} of {} exercise{}.</p>\n",
      results.students().size(), results.students().size() == 1 ? "" : "s", all.submissions,
      all.submissions == 1 ? "" : "s", results.exercises().size(),
      results.exercises().size() == 1 ? "" : "s");
  html +=
      "<table class=\"summary\"><thead><tr><th>exercise</th><th class=\"num\">submissions</th>"
      "<th class=\"num\">mean score</th><th class=\"num\">full marks</th>"
      "<th>summary verdicts</th></tr></thead><tbody>\n";
  for (const std::string& exercise : results.exercises()) {
    const ExerciseTally& tally = tallies.at(exercise);
    const std::string mean =
        tally.submissions == 0
            ? "-"
            : fmt::format("{}/{}", FormatScore(tally.score_sum / tally.submissions),
                          FormatScore(tally.max_score));
    html += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td>{}</td></tr>\n",
        XmlEscaped(exercise), tally.submissions, mean, tally.full_marks, Tags(tally));
  }
  html += fmt::format(
      "<tr><td><b>all</b></td><td class=\"num\">{}</td><td class=\"num\"></td>"
      "<td class=\"num\">{}</td><td>{}</td></tr>\n</tbody></table>\n",
      all.submissions, all.full_marks, Tags(all));
  html += "<p>A submission's summary verdict is the verdict of its first test that did not "
          "pass; <i>unusable</i>: its files could not be graded.</p>\n";
  return html;
}

std::string HistogramsHtml(const BatchResults& results,
                           const std::map<std::string, ExerciseTally>& tallies) {
  std::string html = "<h2 id=\"histograms\">Verdicts per exercise</h2>\n<div class=\"histograms\">\n";
  for (const std::string& exercise : results.exercises()) {
    html += VerdictHistogramSvg(exercise, tallies.at(exercise).Counts());
  }
  return html + "</div>\n";
}

std::string GradesTableHtml(const BatchResults& results,
                            const std::map<std::string, ExerciseTally>& tallies) {
  double total_max = 0;
  std::string html =
      "<h2 id=\"students\">Students</h2>\n<p><label>filter students "
      "<input id=\"filter\" type=\"search\" autocomplete=\"off\"></label> "
      "<span id=\"shown\"></span></p>\n<p>Click a header to sort, a score to see that "
      "submission's tests.</p>\n<table id=\"grades-table\"><thead><tr>"
      "<th data-key=\"student\" data-type=\"text\" tabindex=\"0\">student</th>";
  for (const std::string& exercise : results.exercises()) {
    html += fmt::format("<th class=\"num\" data-key=\"{0}\" data-type=\"num\" tabindex=\"0\">{1}"
                        "</th>",
                        XmlAttributeEscaped(exercise), XmlEscaped(exercise));
    total_max += tallies.at(exercise).max_score;
  }
  html += "<th class=\"num\" data-key=\"total\" data-type=\"num\" tabindex=\"0\">total</th>"
          "</tr></thead><tbody>\n";
  for (std::size_t i = 0; i < results.students().size(); ++i) {
    const std::string& student = results.students()[i];
    html += fmt::format(
        "<tr data-index=\"{0}\"><td data-value=\"{1}\"><a href=\"#student-{0}\">{2}</a></td>", i,
        XmlAttributeEscaped(student), XmlEscaped(student));
    double total = 0;
    for (std::size_t j = 0; j < results.exercises().size(); ++j) {
      const BatchSubmission* submission = results.Find(student, results.exercises()[j]);
      if (submission == nullptr) {
        html += "<td data-value=\"\"></td>";
        continue;
      }
      const GradeResult& result = submission->result;
      total += result.score;
      const std::string_view word = SummaryVerdict(*submission);
      html += fmt::format(
          "<td class=\"cell v-{0}\" data-value=\"{1}\" title=\"{0}\"><a href=\"#sub-{2}-{3}\">"
          "{1}/{4}</a></td>",
          word, FormatScore(result.score), i, j, FormatScore(result.max_score));
    }
    html += fmt::format("<td class=\"num\" data-value=\"{0}\">{0}/{1}</td></tr>\n",
                        FormatScore(total), FormatScore(total_max));
  }
  return html + "</tbody></table>\n";
}

}  // namespace

void WriteBatchHtmlReport(const BatchResults& results, std::ostream& out) {
  std::map<std::string, ExerciseTally> tallies;
  ExerciseTally all;
  for (const std::string& exercise : results.exercises()) tallies[exercise];
  for (const BatchSubmission& submission : results.submissions()) {
    tallies[submission.exercise].Add(submission);
    all.Add(submission);
  }
  const std::string style = Style();
  const std::string_view script = kBatchPageScript;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      << HashSource(style) << "; script-src " << HashSource(script) << "\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << fmt::format("<title>grader batch: {} students, {} exercises</title>\n",
                     results.students().size(), results.exercises().size())
      << "<style>" << style << "</style></head>\n<body>\n<h1>Batch report</h1>\n"
      << "<p><a href=\"#summary\">summary</a> &middot; <a href=\"#histograms\">verdicts per "
         "exercise</a> &middot; <a href=\"#students\">students</a> &middot; "
         "<a href=\"#submissions\">submissions</a></p>\n";
  out << SummaryHtml(results, tallies, all) << HistogramsHtml(results, tallies)
      << GradesTableHtml(results, tallies);
  out << "<h2 id=\"submissions\">Submissions</h2>\n";
  for (std::size_t i = 0; i < results.students().size(); ++i) {
    out << StudentSectionHtml(results, i);
  }
  out << "<script>" << script << "</script>\n</body></html>\n";
}

}  // namespace grader
