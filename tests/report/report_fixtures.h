// GradeResults the report tests render: one per kind of outcome a report must show well.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "judge/grade_result.h"

namespace grader::fixtures {

inline TestResult MakeTest(std::string name, Visibility visibility, Verdict verdict,
                           double score, double max_score, int runs, std::string message) {
  TestResult test;
  test.name = std::move(name);
  test.visibility = visibility;
  test.verdict = verdict;
  test.score = score;
  test.max_score = max_score;
  test.runs = runs;
  test.message = std::move(message);
  return test;
}

inline GradeResult MakeResult(std::string exercise, std::string submission,
                              std::vector<TestResult> tests) {
  GradeResult result;
  result.exercise = std::move(exercise);
  result.submission = std::move(submission);
  result.seed = 12345;
  result.sandbox = "bwrap";
  result.tests = std::move(tests);
  for (const TestResult& test : result.tests) {
    if (test.verdict == Verdict::kInternalError) continue;
    result.score += test.score;
    result.max_score += test.max_score;
  }
  return result;
}

constexpr Visibility kVisible = Visibility::kVisible;
constexpr Visibility kHidden = Visibility::kHidden;

inline GradeResult AllOk() {
  return MakeResult("sum", "submissions/alice/sum",
                    {MakeTest("sample", kVisible, Verdict::kOk, 10, 10, 1, "output matches"),
                     MakeTest("negative-numbers", kHidden, Verdict::kOk, 20, 20, 1, ""),
                     MakeTest("large-values", kHidden, Verdict::kOk, 20, 20, 3, "")});
}

inline GradeResult CompileError() {
  const std::string compiler_output =
      "sum.cpp: In function 'int main()':\n"
      "sum.cpp:5:10: error: 'cin' is not a member of 'std'\n"
      "    5 |     std::cin >> a >> b;\n"
      "      |          ^~~\n"
      "sum.cpp:1:1: note: 'std::cin' is defined in header '<iostream>'\n"
      "sum.cpp:6:10: error: 'cout' is not a member of 'std'\n"
      "    6 |     std::cout << a + b << '\\n';\n"
      "      |          ^~~~\n";
  const nlohmann::json evidence = {
      {"compiler", "g++"},
      {"exit_status", 1},
      {"diagnostics",
       {{{"file", "sum.cpp"}, {"line", 5}, {"column", 10}, {"severity", "error"},
         {"message", "'cin' is not a member of 'std'"}},
        {{"file", "sum.cpp"}, {"line", 6}, {"column", 10}, {"severity", "error"},
         {"message", "'cout' is not a member of 'std'"}}}}};
  const std::string message = "sum.cpp:5:10: 'cin' is not a member of 'std' (and 1 more error)";
  GradeResult result = MakeResult(
      "sum", "submissions/dave/sum",
      {MakeTest("sample", kVisible, Verdict::kCompileError, 0, 10, 0, message),
       MakeTest("negative-numbers", kHidden, Verdict::kCompileError, 0, 20, 0, message),
       MakeTest("large-values", kHidden, Verdict::kCompileError, 0, 20, 0, message)});
  for (TestResult& test : result.tests) {
    test.details = compiler_output;
    test.evidence = evidence;
  }
  return result;
}

inline GradeResult Mixed() {
  TestResult basics = MakeTest("basics", kVisible, Verdict::kRuntimeError, 0, 10, 1,
                               "heap-use-after-free in Counter::value() at counter.hpp:18");
  basics.details =
      "ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010\n"
      "READ of size 8 at 0x602000000010 thread T0\n"
      "    #0 Counter::value() const counter.hpp:18\n"
      "freed by thread T0 here:\n"
      "    #0 Counter::reset() counter.hpp:24\n";
  basics.evidence = {{"sanitizer", "address"},
                     {"kind", "heap-use-after-free"},
                     {"frames", {{{"function", "Counter::value() const"},
                                  {"file", "counter.hpp"},
                                  {"line", 18}}}}};
  basics.reproduce = "grader check counter submissions/bob/counter --seed 12345";

  TestResult exact = MakeTest("exact-total", kHidden, Verdict::kWrongAnswer, 0, 40, 3,
                              "expected a total of 80000 (8 threads x 10000), got 79412");
  exact.details = "threads: 8\nincrements per thread: 10000\nexpected: 80000\nactual:   79412\n";
  exact.evidence = {{"threads", 8}, {"expected", 80000}, {"actual", 79412}};
  exact.reproduce = "grader check counter submissions/bob/counter --seed 12345 --repeat 3";

  TestResult below = MakeTest(
      "increment-if-below", kHidden, Verdict::kDeadlock, 0, 30, 2,
      "no progress for 20s with 0.01s of CPU: every thread waits for a lock another one holds");
  below.details =
      "thread 1: std::mutex::lock() <- Counter::increment_if_below(long long) counter.hpp:31\n"
      "thread 2: std::mutex::lock() <- Counter::value() const counter.hpp:18\n";
  below.evidence = {{"wall_ms", 20000}, {"cpu_ms", 10}, {"threads", 2}};

  return MakeResult("counter", "submissions/bob/counter",
                    {std::move(basics), std::move(exact), std::move(below),
                     MakeTest("release-stress", kHidden, Verdict::kOk, 20, 20, 6, "")});
}

inline GradeResult DataRace() {
  TestResult race = MakeTest("exact-total", kVisible, Verdict::kDataRace, 0, 40, 3,
                             "data race on Counter::value_ at counter.hpp:12");
  race.details =
      "WARNING: ThreadSanitizer: data race\n"
      "  Write of size 8 by thread T2:\n"
      "    #0 Counter::increment(long long) counter.hpp:12\n"
      "  Previous read of size 8 by thread T1:\n"
      "    #0 Counter::increment(long long) counter.hpp:12\n"
      "\n"
      "counter.hpp:\n"
      "   11 |   void increment(long long by = 1) {\n"
      ">  12 |     value_ = value_ + by;\n"
      "   13 |   }\n";
  const nlohmann::json access_frames = {
      {{"function", "Counter::increment(long long)"}, {"file", "counter.hpp"}, {"line", 12}}};
  race.evidence = {
      {"findings",
       {{{"kind", "data-race"},
         {"accesses",
          {{{"op", "write"}, {"size", 8}, {"thread", "T2"}, {"frames", access_frames}},
           {{"op", "read"}, {"size", 8}, {"thread", "T1"}, {"frames", access_frames}}}}}}},
      {"run", {{"threads", 4}, {"repetition", 1}}}};
  race.reproduce = "grader check counter submissions/erin/counter --seed 12345";
  return MakeResult(
      "counter", "submissions/erin/counter",
      {MakeTest("basics", kVisible, Verdict::kOk, 10, 10, 1, ""), std::move(race),
       MakeTest("increment-if-below", kHidden, Verdict::kOk, 30, 30, 4, ""),
       MakeTest("release-stress", kHidden, Verdict::kOk, 20, 20, 6, "")});
}

inline GradeResult InternalErrorResult() {
  TestResult broken = MakeTest("exact-total", kHidden, Verdict::kInternalError, 0, 40, 0,
                               "bwrap: setting up uid map: Permission denied");
  broken.details = "the sandbox exited with status 1 before the test started\n";
  broken.evidence = {{"stage", "sandbox"}, {"exit_status", 1}};
  return MakeResult("counter", "submissions/frank/counter",
                    {MakeTest("basics", kVisible, Verdict::kOk, 10, 10, 1, ""),
                     std::move(broken),
                     MakeTest("increment-if-below", kHidden, Verdict::kOk, 30, 30, 4, ""),
                     MakeTest("release-stress", kHidden, Verdict::kOk, 20, 20, 6, "")});
}

// The secret of the hidden test, which the student-facing reports must never show.
inline constexpr const char* kHiddenInput = "-9223372036854775807 -1";

inline GradeResult HiddenAndVisible() {
  TestResult sample = MakeTest("sample", kVisible, Verdict::kWrongAnswer, 0, 2.5, 1,
                               "wrong output on the sample input");
  sample.details = "input:    2 3\nexpected: 5\nactual:   6\n";
  sample.evidence = {{"input", "2 3\n"}, {"expected", "5\n"}, {"actual", "6\n"}};
  sample.reproduce = "grader check sum submissions/carol/sum --seed 12345";

  TestResult edge = MakeTest("most-negative", kHidden, Verdict::kWrongAnswer, 0, 5, 1,
                             "wrong output for two negative numbers");
  edge.details = std::string("input:    ") + kHiddenInput +
                 "\nexpected: -9223372036854775808\nactual:   9223372036854775807\n";
  edge.evidence = {{"mismatch_token", 0}};
  edge.reproduce = "grader check sum submissions/carol/sum --seed 12345 --repeat 1";
  return MakeResult("sum", "submissions/carol/sum",
                    {std::move(sample), std::move(edge),
                     MakeTest("zeros", kHidden, Verdict::kOk, 2.5, 2.5, 1, "")});
}

inline GradeResult NotIsolated() {
  TestResult slow = MakeTest("large-values", kHidden, Verdict::kTimeLimit, 0, 20, 1,
                             "killed after 10s of wall time, 9.8s of CPU: it never finished");
  slow.details = "wall time: 10.00s (limit 10s)\ncpu time:  9.80s\n";
  slow.evidence = {{"wall_ms", 10000}, {"cpu_ms", 9800}, {"limit_ms", 10000}};
  GradeResult result = MakeResult(
      "sum", "submissions/grace/sum",
      {MakeTest("sample", kVisible, Verdict::kOk, 10, 10, 1, "output matches"),
       std::move(slow)});
  result.sandbox = "none";
  result.isolated = false;
  result.warnings = {"CPU frequency governor is 'powersave': timings may be noisy"};
  return result;
}

struct NamedFixture {
  const char* name;  // also the golden files' stem
  GradeResult (*make)();
};

inline const std::vector<NamedFixture>& AllFixtures() {
  static const std::vector<NamedFixture> fixtures = {
      {"all_ok", AllOk},
      {"compile_error", CompileError},
      {"mixed", Mixed},
      {"data_race", DataRace},
      {"internal_error", InternalErrorResult},
      {"hidden_visible", HiddenAndVisible},
      {"not_isolated", NotIsolated},
  };
  return fixtures;
}

}  // namespace grader::fixtures
