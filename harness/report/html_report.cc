#include "report/html_report.h"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

#include "common/markup_escape.h"
#include "report/summary.h"

namespace grader {
namespace {

constexpr std::string_view kStyle = R"(
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 70em; color: #222; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
table { border-collapse: collapse; } td, th { padding: .25em .7em; text-align: left; }
tr:nth-child(even) { background: #f4f4f4; } th { border-bottom: 1px solid #999; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.ok { color: #1a7f37; } .bad { color: #c00; font-weight: bold; } .internal { color: #a60; }
.warning { color: #a60; } pre { background: #f6f6f6; padding: .6em; overflow-x: auto; }
img.plot { max-width: 100%; border: 1px solid #ddd; }
)";

const char* VerdictClass(Verdict verdict) {
  switch (verdict) {
    case Verdict::kOk: return "ok";
    case Verdict::kInternalError: return "internal";
    default: return "bad";
  }
}

// A number of the curve with `format`, scaled by `scale`; "-" when it is missing.
std::string Number(const nlohmann::json& point, const char* key, const char* format,
                   double scale = 1) {
  const auto value = point.find(key);
  if (value == point.end() || !value->is_number()) return "-";
  return fmt::format(fmt::runtime(format), value->get<double>() * scale);
}

// The speed evidence of a test (docs/speed.md): the plot and the curve as a table.
std::string SpeedSection(const nlohmann::json& speed) {
  std::string html;
  if (const std::string svg = speed.value("svg", ""); !svg.empty()) {
    html += fmt::format("<p><img class=\"plot\" alt=\"speedup against threads\" "
                        "src=\"data:image/svg+xml;base64,{}\"></p>\n",
                        Base64(svg));
  }
  const auto curve = speed.find("curve");
  if (curve == speed.end() || !curve->is_array() || curve->empty()) return html;
  html +=
      "<table><tr><th class=num>threads</th><th class=num>reference</th>"
      "<th class=num>speedup</th><th class=num>cores busy</th><th class=num>submission</th>"
      "<th class=num>speedup</th><th class=num>cores busy</th></tr>\n";
  for (const nlohmann::json& point : *curve) {
    html += fmt::format(
        "<tr><td class=num>{}</td><td class=num>{} ms</td><td class=num>{}x</td>"
        "<td class=num>{}</td><td class=num>{} ms</td><td class=num>{}x</td>"
        "<td class=num>{}</td></tr>\n",
        Number(point, "threads", "{:.0f}"), Number(point, "reference_seconds", "{:.1f}", 1e3),
        Number(point, "reference_speedup", "{:.2f}"),
        Number(point, "reference_cpu_per_wall", "{:.1f}"),
        Number(point, "student_seconds", "{:.1f}", 1e3),
        Number(point, "student_speedup", "{:.2f}"),
        Number(point, "student_cpu_per_wall", "{:.1f}"));
  }
  return html + "</table>\n";
}

}  // namespace

std::string Base64(std::string_view bytes) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string encoded;
  encoded.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      group = group << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    }
    for (std::size_t k = 0; k < 4; ++k) {
      encoded += k <= n ? kDigits[(group >> (18 - 6 * k)) & 63] : '=';
    }
  }
  return encoded;
}

void WriteHtmlReport(const GradeResult& result, const HtmlOptions& options, std::ostream& out) {
  const std::string title = fmt::format("{}: {}", result.exercise, result.submission);
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>"
      << MarkupEscaped(title) << "</title>\n<style>" << kStyle << "</style></head><body>\n";
  out << fmt::format("<h1>exercise {}, submission {}: {}/{}</h1>\n<p>seed {}, sandbox {}, "
                     "{:.1f} s</p>\n",
                     MarkupEscaped(result.exercise), MarkupEscaped(result.submission),
                     FormatScore(result.score), FormatScore(result.max_score), result.seed,
                     MarkupEscaped(result.sandbox), result.seconds);
  for (const std::string& warning : ReportWarnings(result)) {
    out << "<p class=\"warning\">warning: " << MarkupEscaped(warning) << "</p>\n";
  }
  out << "<table><tr><th>verdict</th><th>test</th><th class=num>points</th>"
         "<th class=num>runs</th><th>message</th></tr>\n";
  for (const TestResult& test : result.tests) {
    const std::string score =
        test.verdict == Verdict::kInternalError ? "-" : FormatScore(test.score);
    out << fmt::format(
        "<tr><td class=\"{}\">{}</td><td><a href=\"#test-{}\">{}</a></td>"
        "<td class=num>{}/{}</td><td class=num>{}</td><td>{}</td></tr>\n",
        VerdictClass(test.verdict), VerdictName(test.verdict), MarkupEscaped(test.name),
        MarkupEscaped(test.name), score, FormatScore(test.max_score), test.runs,
        MarkupEscaped(test.message));
  }
  out << "</table>\n<p><b>" << MarkupEscaped(ScoreSummary(result)) << "</b></p>\n";
  if (result.HasInternalError()) {
    out << "<p class=\"internal\">" << MarkupEscaped(InternalErrorSummary(result)) << "</p>\n";
  }

  for (const TestResult& test : result.tests) {
    const auto speed = test.evidence.find("speed");
    const bool has_speed = speed != test.evidence.end() && speed->is_object();
    if (test.verdict == Verdict::kOk && !has_speed) continue;
    out << fmt::format("<h2 id=\"test-{}\"><span class=\"{}\">{}</span> {}</h2>\n",
                       MarkupEscaped(test.name), VerdictClass(test.verdict),
                       VerdictName(test.verdict), MarkupEscaped(test.name));
    if (!test.message.empty()) out << "<p>" << MarkupEscaped(test.message) << "</p>\n";
    if (test.verdict == Verdict::kInternalError) {
      out << "<p class=\"internal\">" << MarkupEscaped(kInternalErrorNotice) << "</p>\n";
    }
    if (has_speed) out << SpeedSection(*speed);
    if (test.verdict == Verdict::kOk) continue;
    if (!ShowsDetails(test, options.show_hidden_details)) {
      if (!test.details.empty() || !test.reproduce.empty()) {
        out << "<p>(hidden test: its input and expected output are not shown)</p>\n";
      }
      continue;
    }
    if (!test.details.empty()) out << "<pre>" << MarkupEscaped(test.details) << "</pre>\n";
    if (!test.reproduce.empty()) {
      out << "<p>reproduce: <code>" << MarkupEscaped(test.reproduce) << "</code></p>\n";
    }
  }
  out << "</body></html>\n";
}

}  // namespace grader
