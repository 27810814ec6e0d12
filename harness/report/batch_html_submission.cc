// The batch page's section about one student (batch_html_report.h).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/xml_text.h"
#include "report/batch_html_report.h"
#include "report/speedup_redraw.h"
#include "report/summary.h"

namespace grader {
namespace {

// Evidence beyond this many bytes of pretty JSON is cut in the page (a recorded history can
// be megabytes); the stored result JSON, linked beside it, holds all of it.
constexpr std::size_t kEvidenceShown = 100'000;

std::string Tag(std::string_view word) {
  return fmt::format("<span class=\"tag v-{0}\">{0}</span>", word);
}

// The evidence as pretty JSON, without the stored plot (the page draws its own).
std::string EvidenceText(const nlohmann::json& evidence) {
  nlohmann::json shown = evidence;
  if (shown.contains("speed") && shown["speed"].is_object() && shown["speed"].contains("svg")) {
    shown["speed"]["svg"] = "(the plot above)";
  }
  std::string text = shown.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > kEvidenceShown) {
    text = fmt::format("{}\n... ({} more bytes in the result JSON)", text.substr(0, kEvidenceShown),
                       text.size() - kEvidenceShown);
  }
  return text;
}

std::string TestHtml(const TestResult& test, const std::string& id) {
  std::string html = fmt::format("<div class=\"test\" id=\"{}\"><h4>{} {}</h4>\n", id,
                                 Tag(VerdictName(test.verdict)), XmlEscaped(test.name));
  if (!test.message.empty()) html += "<p>" + XmlEscaped(test.message) + "</p>\n";
  if (test.verdict == Verdict::kInternalError) {
    html += fmt::format("<p class=\"internal\">{}</p>\n", XmlEscaped(kInternalErrorNotice));
  }
  const auto speed = test.evidence.find("speed");
  if (speed != test.evidence.end() && speed->is_object() && !speed->value("svg", "").empty()) {
    html += "<div class=\"plot\">" + SpeedupSvgFromEvidence(*speed, test.name) + "</div>\n";
  }
  if (!test.details.empty()) html += "<pre>" + XmlEscaped(test.details) + "</pre>\n";
  if (!test.reproduce.empty()) {
    html += "<p>reproduce: <code>" + XmlEscaped(test.reproduce) + "</code></p>\n";
  }
  if (!test.evidence.empty()) {
    html += "<details class=\"evidence\"><summary>evidence (JSON)</summary><pre>" +
            XmlEscaped(EvidenceText(test.evidence)) + "</pre></details>\n";
  }
  return html + "</div>\n";
}

std::string SubmissionHtml(const BatchSubmission& submission, const std::string& id) {
  const GradeResult& result = submission.result;
  std::string html = fmt::format(
      "<details class=\"submission\" id=\"{}\"><summary>{} {}: {}/{}</summary>\n", id,
      Tag(SummaryVerdict(submission)), XmlEscaped(submission.exercise),
      FormatScore(result.score), FormatScore(result.max_score));
  html += fmt::format(
      "<p>submission <code>{}</code>, seed {}, sandbox {}; the stored result: "
      "<a href=\"{}/{}.json\">{}/{}.json</a></p>\n",
      XmlEscaped(result.submission), result.seed, XmlEscaped(result.sandbox),
      PercentEncoded(submission.student), PercentEncoded(submission.exercise),
      XmlEscaped(submission.student), XmlEscaped(submission.exercise));
  if (submission.not_graded != NotGraded::kNo) {
    html += fmt::format("<p class=\"{}\">not graded: {}</p>\n",
                        submission.not_graded == NotGraded::kUnusable ? "warning" : "internal",
                        XmlEscaped(submission.not_graded_reason));
  }
  for (const std::string& warning : ReportWarnings(result)) {
    html += "<p class=\"warning\">warning: " + XmlEscaped(warning) + "</p>\n";
  }
  if (result.tests.empty()) return html + "</details>\n";
  html +=
      "<table class=\"tests\"><thead><tr><th>verdict</th><th>test</th>"
      "<th class=\"num\">points</th><th class=\"num\">runs</th><th>message</th></tr></thead>"
      "<tbody>\n";
  for (std::size_t k = 0; k < result.tests.size(); ++k) {
    const TestResult& test = result.tests[k];
    const std::string score =
        test.verdict == Verdict::kInternalError ? "-" : FormatScore(test.score);
    html += fmt::format(
        "<tr><td>{}</td><td><a href=\"#{}-{}\">{}</a></td><td class=\"num\">{}/{}</td>"
        "<td class=\"num\">{}</td><td>{}</td></tr>\n",
        Tag(VerdictName(test.verdict)), id, k, XmlEscaped(test.name), score,
        FormatScore(test.max_score), test.runs, XmlEscaped(test.message));
  }
  html += "</tbody></table>\n<p>" + XmlEscaped(ScoreSummary(result)) + "</p>\n";
  for (std::size_t k = 0; k < result.tests.size(); ++k) {
    html += TestHtml(result.tests[k], fmt::format("{}-{}", id, k));
  }
  return html + "</details>\n";
}

}  // namespace

std::string PercentEncoded(std::string_view text) {
  std::string encoded;
  for (const char c : text) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
        (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' ||
        byte == '~') {
      encoded += c;
    } else {
      encoded += fmt::format("%{:02X}", byte);
    }
  }
  return encoded;
}

std::string StudentSectionHtml(const BatchResults& results, std::size_t index) {
  const std::string& student = results.students().at(index);
  double score = 0;
  std::string submissions;
  std::vector<std::string> missing;
  for (std::size_t j = 0; j < results.exercises().size(); ++j) {
    const BatchSubmission* submission = results.Find(student, results.exercises()[j]);
    if (submission == nullptr) {
      missing.push_back(XmlEscaped(results.exercises()[j]));
      continue;
    }
    score += submission->result.score;
    submissions += SubmissionHtml(*submission, fmt::format("sub-{}-{}", index, j));
  }
  std::string html = fmt::format(
      "<section class=\"student\" id=\"student-{}\"><h3>{}: {} point{}</h3>\n", index,
      XmlEscaped(student), FormatScore(score), FormatScore(score) == "1" ? "" : "s");
  html += submissions;
  if (!missing.empty()) {
    html += fmt::format("<p>nothing stored for {}</p>\n", fmt::join(missing, ", "));
  }
  return html + "</section>\n";
}

}  // namespace grader
