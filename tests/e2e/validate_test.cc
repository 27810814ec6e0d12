// `grader validate` over the course material, as CI proves it: one test per exercise found
// in specs/, so an exercise added there (`grader new`) is validated without touching this
// file, and fails here until its expected rows are listed below. The rows are kept here as
// well as in each known-bad folder's expected.yaml on purpose: a known-bad folder that is
// deleted or renamed must fail CI, not silently stop being checked.
#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "e2e_util.h"

namespace grader::e2e {
namespace {

struct ExpectedValidation {
  std::vector<std::string> rows;   // "<case> <expected>", in the order validate prints them
  std::vector<std::string> cases;  // --case arguments; empty: every case
};

// Cases left out of CI are named with the reason.
const std::map<std::string, ExpectedValidation>& Expected() {
  static const std::map<std::string, ExpectedValidation> expected = {
      {"sum",
       {{"reference full marks", "bad-sum compile-error", "infinite-loop time-limit",
         "int-overflow wrong-answer"}}},
      {"counter",
       {{"reference full marks", "atomic-check-then-add wrong-answer",
         "atomic-load-store wrong-answer", "check-then-act wrong-answer",
         "lock-around-write-only wrong-answer", "plain-long-long data-race",
         "read-sleep-write data-race", "unlocked-read data-race"}}},
      {"colored_point",
       {{"reference full marks", "observer-outside-lock wrong-answer", "plain-mutex deadlock",
         "torn-snapshot wrong-answer", "unlocked-reads data-race"}}},
      {"blocking_queue",
       {{"reference full marks", "busy-wait wrong-answer", "if-instead-of-while runtime-error",
         "join-returns-when-empty wrong-answer", "lifo wrong-answer", "lost-wakeup deadlock",
         "notify-one-in-task-done deadlock", "notify-one-on-shutdown deadlock",
         "producer-lanes wrong-answer", "put-if-instead-of-while wrong-answer",
         "single-condition-variable deadlock", "timed-get-without-loop wrong-answer",
         "unlocked-qsize data-race"}}},
      {"process_pool",
       {{"reference full marks", "completion-order wrong-answer", "crash-hangs deadlock",
         "leak-on-error wrong-answer", "no-cloexec wrong-answer", "one-at-a-time wrong-answer",
         "threads-not-processes wrong-answer", "unread-pipe deadlock",
         "vague-error wrong-answer", "zombies wrong-answer"}}},
      {"subprocess",
       {{"reference full marks", "chdir-in-parent wrong-answer",
         "exit-127-on-missing wrong-answer", "kills-only-child wrong-answer",
         "leaks-descriptors wrong-answer", "no-timeout-kill wrong-answer",
         "no-waitpid wrong-answer", "parent-leaks-pipes wrong-answer",
         "signal-as-128-plus wrong-answer", "sigpipe-kills-parent wrong-answer",
         "static-read-buffer data-race", "stdout-then-stderr deadlock",
         "waitpid-any wrong-answer", "write-input-then-read deadlock",
         "zombie-on-exec-failure wrong-answer"}}},
      // atomic-per-element and mutex-per-element are left out: each is stopped at its speed
      // test's time limit, a minute apiece. SpeedTest.MutexPerElement* covers that path.
      {"parallel_sum",
       {{"reference full marks", "tbb full on 5 tests", "ceil-chunk-overrun runtime-error",
         "false-sharing too-slow", "int-accumulator wrong-answer", "lost-tail-chunk wrong-answer",
         "racy-total data-race", "serial-in-disguise too-slow"},
        {"reference", "tbb", "ceil-chunk-overrun", "false-sharing", "int-accumulator",
         "lost-tail-chunk", "racy-total", "serial-in-disguise"}}},
      {"thread_pool",
       {{"reference full marks", "detached-workers wrong-answer",
         "exception-swallowed wrong-answer", "fewer-workers-than-max deadlock",
         "lost-wakeup deadlock", "map-in-completion-order wrong-answer", "map-inline too-slow",
         "map-returns-early wrong-answer", "notify-one-on-shutdown deadlock",
         "serial-in-disguise deadlock", "shutdown-drops-queue wrong-answer",
         "shutdown-without-join runtime-error", "unbounded-workers wrong-answer",
         "unlocked-shutdown-flag data-race"}}},
      {"wiki_search",
       {{"reference full marks", "chunk-local-line-numbers wrong-answer",
         "completion-order wrong-answer", "empty-query-loops time-limit",
         "line-per-occurrence wrong-answer", "match-across-newline wrong-answer",
         "mid-line-chunks wrong-answer", "plain-work-index data-race",
         "serial-in-disguise too-slow", "skips-line-at-cut wrong-answer",
         "thread-per-query wrong-answer", "trailing-newline-line wrong-answer",
         "unlocked-push-back data-race"}}},
  };
  return expected;
}

// Every folder of specs/ that holds a spec.yaml.
std::vector<std::string> ExercisesInSpecs() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(ProjectRoot() / "specs")) {
    if (std::filesystem::exists(entry.path() / "spec.yaml")) {
      names.push_back(entry.path().filename().string());
    }
  }
  // The exercises with the most cases first (they take longest): CTest runs them in this
  // order, two at a time, and the short ones at the end even out the two slots.
  auto cases = [](const std::string& name) {
    const auto expected = Expected().find(name);
    return expected == Expected().end() ? 0 : expected->second.rows.size();
  };
  std::sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
    return cases(a) != cases(b) ? cases(a) > cases(b) : a < b;
  });
  return names;
}

class ValidateTest : public testing::TestWithParam<std::string> {};

TEST_P(ValidateTest, ReferencesFullAndEveryKnownBadCaught) {
  const std::string& exercise = GetParam();
  const auto expected = Expected().find(exercise);
  ASSERT_NE(expected, Expected().end())
      << "specs/" << exercise << " has no expected validation rows: list its cases in "
      << __FILE__;
  // Two cases at once, as an instructor on two cores would run it: builds and correctness
  // runs overlap, speed tests still measure alone.
  std::vector<std::string> args = {"validate", exercise, "-j", "2"};
  for (const std::string& a_case : expected->second.cases) {
    args.push_back("--case");
    args.push_back(a_case);
  }
  const SubprocessResult result = RunGrader(args);
  EXPECT_EQ(result.status.code, 0) << result.out << result.err;
  // Each row: the exercise, the case, the expected verdict, the actual one, the outcome;
  // in order, so a case graded twice or dropped shows.
  std::size_t from = 0;
  for (const std::string& row : expected->second.rows) {
    const std::string name = row.substr(0, row.find(' '));
    const std::string verdict = row.substr(row.find(' ') + 1);
    std::smatch match;
    const std::string rest = result.out.substr(from);
    const std::regex line("(^|\n)" + exercise + " +" + name + " +" +
                          std::regex_replace(verdict, std::regex(" "), " +") +
                          " +\\S.* as expected\n");
    ASSERT_TRUE(std::regex_search(rest, match, line))
        << "no row '" << exercise << " " << row << " ... as expected' (in order) in:\n"
        << result.out;
    from += match.position(0) + match.length(0) - 1;
  }
  EXPECT_NE(result.out.find("0 not as expected, 0 internal errors"), std::string::npos)
      << result.out;
}

INSTANTIATE_TEST_SUITE_P(Exercises, ValidateTest, testing::ValuesIn(ExercisesInSpecs()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

TEST(ValidateCommandTest, UnknownCaseExitsTwo) {
  const SubprocessResult process = RunGrader({"validate", "counter", "--case", "no-such-case"});
  EXPECT_EQ(process.status.code, 2);
  EXPECT_NE(process.err.find("--case no-such-case"), std::string::npos) << process.err;
}

TEST(ValidateCommandTest, EveryExpectedExerciseIsInSpecs) {
  // The other direction: an exercise removed from specs/ leaves no stale rows here.
  const std::vector<std::string> in_specs = ExercisesInSpecs();
  for (const auto& [exercise, rows] : Expected()) {
    EXPECT_NE(std::find(in_specs.begin(), in_specs.end(), exercise), in_specs.end())
        << exercise << " has expected rows but no specs/" << exercise << "/spec.yaml";
  }
}

}  // namespace
}  // namespace grader::e2e
