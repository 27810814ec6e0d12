#include "report/terminal_report.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/color.h>
#include <fmt/format.h>

#include "report/summary.h"

namespace grader {
namespace {

constexpr std::size_t kColumns = 100;
constexpr std::string_view kIndent = "      ";
constexpr std::size_t kVerdictWidth = 14;  // "internal-error", the longest verdict name
constexpr std::size_t kMaxNameWidth = 28;  // longer names overflow their column, not others'

// A submission's output reaches messages and details unfiltered; printed raw, its escape
// sequences could recolour, retitle or clear the reader's terminal.
std::string Printable(std::string_view text) {
  std::string printable;
  printable.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7f) {
      fmt::format_to(std::back_inserter(printable), "\\x{:02x}", byte);
    } else {
      printable += c;
    }
  }
  return printable;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::string RunsText(int runs) { return fmt::format("{} {}", runs, runs == 1 ? "run" : "runs"); }

std::string ScoreText(const TestResult& test) {
  // An internal error is not counted: a 0 there would read as points lost.
  const std::string score =
      test.verdict == Verdict::kInternalError ? "-" : FormatScore(test.score);
  return fmt::format("{}/{}", score, FormatScore(test.max_score));
}

class TerminalWriter {
 public:
  TerminalWriter(const GradeResult& result, const TerminalOptions& options)
      : result_(result), options_(options) {
    for (const TestResult& test : result.tests) {
      name_width_ = std::max(name_width_, std::min(test.name.size(), kMaxNameWidth));
      score_width_ = std::max(score_width_, ScoreText(test).size());
      runs_width_ = std::max(runs_width_, RunsText(test.runs).size());
    }
  }

  std::vector<std::string> Lines() {
    lines_.push_back(Paint(fmt::emphasis::bold,
                           fmt::format("exercise {}, submission {}: {}/{} (seed {})",
                                       result_.exercise, Printable(result_.submission),
                                       FormatScore(result_.score),
                                       FormatScore(result_.max_score), result_.seed)));
    for (const std::string& warning : ReportWarnings(result_)) {
      lines_.push_back(Paint(fmt::fg(fmt::terminal_color::yellow) | fmt::emphasis::bold,
                             "warning: ") +
                       Printable(warning));
    }
    lines_.emplace_back();
    for (const TestResult& test : result_.tests) AddTest(test);
    if (!lines_.back().empty()) lines_.emplace_back();
    const bool passed = result_.FullScore() && !result_.HasInternalError();
    lines_.push_back(Paint(fmt::fg(passed ? fmt::terminal_color::green
                                          : fmt::terminal_color::red) |
                               fmt::emphasis::bold,
                           ScoreSummary(result_)));
    if (result_.HasInternalError()) {
      lines_.push_back(Paint(kInternalErrorStyle, InternalErrorSummary(result_)));
    }
    return std::move(lines_);
  }

 private:
  static constexpr fmt::text_style kInternalErrorStyle =
      fmt::fg(fmt::terminal_color::yellow) | fmt::emphasis::bold;

  std::string Paint(fmt::text_style style, std::string_view text) const {
    return options_.color ? fmt::format(style, "{}", text) : std::string(text);
  }

  fmt::text_style VerdictStyle(Verdict verdict) const {
    switch (verdict) {
      case Verdict::kOk:
        return fmt::fg(fmt::terminal_color::green);
      case Verdict::kInternalError:
        return kInternalErrorStyle;
      default:
        return fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold;
    }
  }

  void AddTest(const TestResult& test) {
    // Padding is applied before painting so that escape sequences never count as width.
    const std::string verdict = fmt::format("{:<{}}", VerdictName(test.verdict), kVerdictWidth);
    const std::string columns =
        fmt::format("{:<{}}  {:>{}}  {:>{}}", test.name, name_width_, ScoreText(test),
                    score_width_, RunsText(test.runs), runs_width_);
    std::string line = "  " + Paint(VerdictStyle(test.verdict), verdict) + "  " + columns;
    const std::string message = Printable(test.message);
    const std::size_t width = 2 + kVerdictWidth + 2 + columns.size();
    std::vector<std::string> under;
    if (!message.empty() && width + 2 + message.size() <= kColumns) {
      line += "  " + message;
    } else if (!message.empty()) {
      under.push_back(std::string(kIndent) + message);
    }
    lines_.push_back(std::move(line));

    if (test.verdict == Verdict::kInternalError) {
      under.push_back(std::string(kIndent) +
                      Paint(kInternalErrorStyle, std::string(kInternalErrorNotice)));
    }
    if (test.verdict != Verdict::kOk) AddEvidence(test, under);
    if (under.empty()) return;
    lines_.insert(lines_.end(), under.begin(), under.end());
    lines_.emplace_back();  // a block of evidence ends before the next test's line
  }

  void AddEvidence(const TestResult& test, std::vector<std::string>& under) {
    if (!ShowsDetails(test, options_.show_hidden_details)) {
      if (!test.details.empty() || !test.reproduce.empty()) {
        under.push_back(std::string(kIndent) +
                        "(hidden test: its input and expected output are not shown)");
      }
      return;
    }
    if (!test.details.empty() && test.details == shown_details_) {
      // A compile error fails every test with the same compiler output: print it once.
      under.push_back(fmt::format("{}(the same as for {} above)", kIndent, shown_by_));
    } else if (!test.details.empty()) {
      for (std::string_view detail : SplitLines(test.details)) {
        under.push_back(detail.empty() ? std::string()
                                       : std::string(kIndent) + Printable(detail));
      }
      shown_details_ = test.details;
      shown_by_ = test.name;
    }
    if (!test.reproduce.empty()) {
      under.push_back(fmt::format("{}reproduce: {}", kIndent, Printable(test.reproduce)));
    }
  }

  const GradeResult& result_;
  const TerminalOptions& options_;
  std::size_t name_width_ = 0;
  std::size_t score_width_ = 0;
  std::size_t runs_width_ = 0;
  std::string shown_details_;  // the last details printed, and the test they belong to
  std::string shown_by_;
  std::vector<std::string> lines_;
};

}  // namespace

void WriteTerminalReport(const GradeResult& result, const TerminalOptions& options,
                         std::ostream& out) {
  for (const std::string& line : TerminalWriter(result, options).Lines()) out << line << '\n';
}

}  // namespace grader
