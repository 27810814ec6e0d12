#include "report/junit_report.h"

#include <optional>
#include <vector>

#include <fmt/format.h>

#include "common/xml_text.h"
#include "report/summary.h"

namespace grader {
namespace {

// One <testcase>, whatever it stands for.
struct JunitCase {
  enum class Outcome { kPassed, kFailure, kError };
  std::string name;
  Outcome outcome = Outcome::kPassed;
  std::string type;     // the failure's or error's type: a verdict, or "unusable"
  std::string message;  // one line
  std::string text;     // the failure's or error's text; for a passed test its output
};

// One <testsuite>: a grading, or a batch submission that was not graded.
struct JunitSuite {
  std::string name;       // "<exercise>" or "<student>/<exercise>"
  std::string classname;  // "<exercise>" or "<student>.<exercise>"
  std::optional<double> seconds;
  std::vector<std::pair<std::string, std::string>> properties;
  std::vector<JunitCase> cases;
};

struct Counts {
  std::size_t tests = 0, failures = 0, errors = 0;
  void Add(const Counts& other) {
    tests += other.tests;
    failures += other.failures;
    errors += other.errors;
  }
};

Counts CountsOf(const JunitSuite& suite) {
  Counts counts;
  for (const JunitCase& test : suite.cases) {
    ++counts.tests;
    if (test.outcome == JunitCase::Outcome::kFailure) ++counts.failures;
    if (test.outcome == JunitCase::Outcome::kError) ++counts.errors;
  }
  return counts;
}

std::string CountAttributes(const Counts& counts) {
  return fmt::format("tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\"", counts.tests,
                     counts.failures, counts.errors);
}

std::string Attribute(std::string_view name, std::string_view value) {
  return fmt::format(" {}=\"{}\"", name, XmlAttributeEscaped(value));
}

JunitCase CaseOf(const TestResult& test, bool show_hidden_details) {
  JunitCase junit;
  junit.name = test.name;
  junit.message = test.message;
  if (test.verdict == Verdict::kOk) {
    junit.text = test.message;  // a speed test's speedup, a note
    return junit;
  }
  const bool internal = test.verdict == Verdict::kInternalError;
  junit.outcome = internal ? JunitCase::Outcome::kError : JunitCase::Outcome::kFailure;
  junit.type = VerdictName(test.verdict);
  std::vector<std::string> paragraphs;
  if (internal) {
    paragraphs.emplace_back(kInternalErrorNotice);
  } else {
    paragraphs.push_back(fmt::format("{}/{} points, {} run{}", FormatScore(test.score),
                                     FormatScore(test.max_score), test.runs,
                                     test.runs == 1 ? "" : "s"));
  }
  if (ShowsDetails(test, show_hidden_details)) {
    if (!test.details.empty()) paragraphs.push_back(test.details);
    if (!test.reproduce.empty()) paragraphs.push_back("reproduce: " + test.reproduce);
  } else if (!test.details.empty() || !test.reproduce.empty()) {
    paragraphs.emplace_back("(hidden test: its input and expected output are not shown)");
  }
  for (std::string& paragraph : paragraphs) {
    while (!paragraph.empty() && paragraph.back() == '\n') paragraph.pop_back();
    junit.text += paragraph + "\n";
  }
  return junit;
}

JunitSuite SuiteOf(const GradeResult& result, const std::string& student,
                   bool show_hidden_details) {
  JunitSuite suite;
  suite.name = student.empty() ? result.exercise : student + "/" + result.exercise;
  suite.classname = student.empty() ? result.exercise : student + "." + result.exercise;
  suite.properties = {{"seed", std::to_string(result.seed)},
                      {"score", FormatScore(result.score)},
                      {"max_score", FormatScore(result.max_score)}};
  for (const std::string& warning : ReportWarnings(result)) {
    suite.properties.emplace_back("warning", warning);
  }
  for (const TestResult& test : result.tests) {
    suite.cases.push_back(CaseOf(test, show_hidden_details));
  }
  return suite;
}

JunitSuite SuiteOf(const BatchSubmission& submission) {
  JunitSuite suite = SuiteOf(submission.result, submission.student, /*show_hidden=*/true);
  if (submission.not_graded == NotGraded::kNo) return suite;
  JunitCase junit;
  junit.name = "submission";
  junit.message = submission.not_graded_reason;
  if (submission.not_graded == NotGraded::kUnusable) {
    junit.outcome = JunitCase::Outcome::kFailure;
    junit.type = "unusable";
    junit.text = fmt::format("not graded, 0/{} points: {}\n",
                             FormatScore(submission.result.max_score),
                             submission.not_graded_reason);
  } else {
    junit.outcome = JunitCase::Outcome::kError;
    junit.type = VerdictName(Verdict::kInternalError);
    junit.text = fmt::format("{}\n{}\n", kInternalErrorNotice, submission.not_graded_reason);
  }
  suite.cases.insert(suite.cases.begin(), std::move(junit));
  return suite;
}

void WriteCase(const JunitCase& test, const std::string& classname, std::ostream& out) {
  out << "    <testcase" << Attribute("classname", classname) << Attribute("name", test.name);
  if (test.outcome == JunitCase::Outcome::kPassed) {
    if (test.text.empty()) {
      out << "/>\n";
    } else {
      out << ">\n      <system-out>" << XmlEscaped(test.text) << "</system-out>\n"
          << "    </testcase>\n";
    }
    return;
  }
  const char* element = test.outcome == JunitCase::Outcome::kError ? "error" : "failure";
  out << ">\n      <" << element << Attribute("type", test.type)
      << Attribute("message", test.message) << ">" << XmlEscaped(test.text) << "</"
      << element << ">\n    </testcase>\n";
}

void WriteSuite(const JunitSuite& suite, std::ostream& out) {
  out << "  <testsuite" << Attribute("name", suite.name) << " "
      << CountAttributes(CountsOf(suite));
  if (suite.seconds) out << fmt::format(" time=\"{:.3f}\"", *suite.seconds);
  out << ">\n    <properties>\n";
  for (const auto& [name, value] : suite.properties) {
    out << "      <property" << Attribute("name", name) << Attribute("value", value) << "/>\n";
  }
  out << "    </properties>\n";
  for (const JunitCase& test : suite.cases) WriteCase(test, suite.classname, out);
  out << "  </testsuite>\n";
}

void WriteSuites(const std::vector<JunitSuite>& suites, std::ostream& out) {
  Counts total;
  std::optional<double> seconds = 0.0;
  for (const JunitSuite& suite : suites) {
    total.Add(CountsOf(suite));
    seconds = suite.seconds && seconds ? std::optional(*seconds + *suite.seconds) : std::nullopt;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"grader\" "
      << CountAttributes(total);
  if (seconds && !suites.empty()) out << fmt::format(" time=\"{:.3f}\"", *seconds);
  out << ">\n";
  for (const JunitSuite& suite : suites) WriteSuite(suite, out);
  out << "</testsuites>\n";
}

}  // namespace

void WriteJunitReport(const GradeResult& result, std::ostream& out) {
  JunitSuite suite = SuiteOf(result, /*student=*/"", /*show_hidden_details=*/false);
  suite.seconds = result.seconds;
  WriteSuites({suite}, out);
}

void WriteBatchJunit(const BatchResults& results, std::ostream& out) {
  std::vector<JunitSuite> suites;
  for (const BatchSubmission& submission : results.submissions()) {
    suites.push_back(SuiteOf(submission));
  }
  WriteSuites(suites, out);
}

}  // namespace grader
