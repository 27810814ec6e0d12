// JudgeRun on hand-made observations: each verdict, its precedence, and what its message,
// details and evidence reveal.
#include "judge/run_judge.h"

#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "judge_test_util.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using testing::Contains;
using testing::DataPath;
using testing::LacksText;
using testing::ReadData;

class RunJudgeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string name = (fs::temp_directory_path() / "grader-judge-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(name.data()), nullptr);
    workspace_ = name;
    for (const char* file : {"counter.hpp", "data_race.cpp", "lock_order.cpp"}) {
      fs::copy_file(DataPath("sources") / file, workspace_ / file);
    }

    spec_.name = "counter";
    spec_.kind = ExerciseKind::kApi;
    test_.name = "exact-total";
    test_.gtest_filter = "CounterStress.*";
    context_.spec = &spec_;
    context_.test = &test_;
    context_.student_files = {"counter.hpp"};
    context_.workspace_root = workspace_;
    context_.workspace_inside = "/submission";

    request_.limits.wall_time = milliseconds(2000);
    request_.limits.cpu_time = milliseconds(4000);
    request_.limits.memory = 512 * kMiB;
    request_.limits.output = 1 * kMiB;
    request_.seed = 1234;
    request_.threads = 4;

    observation_.process.wall_time = milliseconds(150);
    observation_.process.cpu_time = milliseconds(120);
    observation_.process.peak_rss = 20 * kMiB;
  }

  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(workspace_, ignored);
  }

  // A program exercise whose hidden test feeds "3 4" and expects "7".
  void MakeProgramExercise() {
    spec_.kind = ExerciseKind::kProgram;
    test_.input = "3 4\n";
    test_.expected_output = "7\n";
    request_.stdin_data = test_.input;
  }

  void TimeOut(milliseconds cpu) {
    observation_.process.timed_out = true;
    observation_.process.status = {.signaled = true, .code = 0, .signal = SIGKILL};
    observation_.process.wall_time = milliseconds(2005);
    observation_.cpu_at_deadline = cpu;
  }

  RunJudgement Judge() const { return JudgeRun(observation_, request_, context_); }

  fs::path workspace_;
  ExerciseSpec spec_;
  TestSpec test_;
  JudgeContext context_;
  RunRequest request_;
  RunObservation observation_;
};

TEST_F(RunJudgeTest, TimedOutWithLittleCpuIsDeadlock) {
  TimeOut(milliseconds(40));
  const RunJudgement judgement = Judge();
  EXPECT_EQ(judgement.verdict, Verdict::kDeadlock);
  EXPECT_TRUE(Contains(judgement.message, "no result after 2000 ms"));
  EXPECT_TRUE(Contains(judgement.message, "only 40 ms of CPU"));
  EXPECT_EQ(judgement.evidence["cpu_ms"], 40);
}

TEST_F(RunJudgeTest, TimedOutWithMuchCpuIsTimeLimit) {
  TimeOut(milliseconds(1900));
  const RunJudgement judgement = Judge();
  EXPECT_EQ(judgement.verdict, Verdict::kTimeLimit);
  EXPECT_TRUE(Contains(judgement.message, "no result after 2000 ms while computing"));
  EXPECT_TRUE(Contains(judgement.message, "1900 ms of CPU"));
}

TEST_F(RunJudgeTest, DeadlockShareIsMeasuredAgainstWallTime) {
  TimeOut(milliseconds(2005 * 29 / 100));  // just under kDeadlockCpuShare
  EXPECT_EQ(Judge().verdict, Verdict::kDeadlock);
  TimeOut(milliseconds(2005 * 31 / 100));  // just over
  EXPECT_EQ(Judge().verdict, Verdict::kTimeLimit);
  TimeOut(milliseconds(6000));  // several busy threads
  EXPECT_EQ(Judge().verdict, Verdict::kTimeLimit);
}

TEST_F(RunJudgeTest, DeadlineTakesPrecedenceOverSanitizerReport) {
  TimeOut(milliseconds(10));
  observation_.sanitizer_logs = {ReadData("data_race.txt")};
  EXPECT_EQ(Judge().verdict, Verdict::kDeadlock);
}

TEST_F(RunJudgeTest, DataRaceNamesStudentLineAndQuotesIt) {
  observation_.sanitizer_logs = {ReadData("data_race.txt")};
  observation_.process.status = {.signaled = false, .code = 66, .signal = 0};

  const RunJudgement judgement = Judge();

  EXPECT_EQ(judgement.verdict, Verdict::kDataRace);
  EXPECT_TRUE(Contains(judgement.message, "data race on value_: thread T2 reads it at counter.hpp:7"));
  EXPECT_TRUE(LacksText(judgement.message, "/submission"));
  EXPECT_TRUE(Contains(judgement.details, "counter.hpp:7 in Counter::Increment\n"));
  EXPECT_TRUE(Contains(judgement.details, ">    7 |     value_ = value_ + 1;"));
  EXPECT_TRUE(Contains(judgement.details, "    6 |   [[gnu::noinline]] void Increment() {"));
  EXPECT_TRUE(Contains(judgement.details, "the global 'counter'"));
  EXPECT_TRUE(judgement.details_public);
  const auto& finding = judgement.evidence["findings"][0];
  EXPECT_EQ(finding["kind"], "data-race");
  EXPECT_EQ(finding["sections"][0]["student_frame"]["file"], "counter.hpp");
  EXPECT_EQ(finding["sections"][0]["student_frame"]["line"], 7);
  EXPECT_EQ(finding["sections"][0]["frames"][1]["file"], "data_race.cpp");
}

TEST_F(RunJudgeTest, DataRaceOutsideStudentFilesSaysSo) {
  observation_.sanitizer_logs = {ReadData("data_race.txt")};
  context_.student_files = {"other.hpp"};
  const RunJudgement judgement = Judge();
  EXPECT_EQ(judgement.verdict, Verdict::kDataRace);
  EXPECT_TRUE(Contains(judgement.message, "no frame in your files"));
}

TEST_F(RunJudgeTest, LockOrderInversionIsDeadlockAtStudentLine) {
  observation_.sanitizer_logs = {ReadData("lock_order.txt")};
  context_.student_files = {"lock_order.cpp"};
  const RunJudgement judgement = Judge();
  EXPECT_EQ(judgement.verdict, Verdict::kDeadlock);
  EXPECT_TRUE(Contains(judgement.message, "lock-order inversion"));
  EXPECT_TRUE(Contains(judgement.message, "lock_order.cpp:10"));
  EXPECT_TRUE(Contains(judgement.details, "std::lock_guard b(second);"));
}

TEST_F(RunJudgeTest, DoubleLockIsDeadlock) {
  observation_.sanitizer_logs = {
      "WARNING: ThreadSanitizer: double lock of a mutex (pid=42)\n"
      "    #0 pthread_mutex_lock ../../../../src/libsanitizer/x.inc:4324 (libtsan.so.2+0x1)\n"
      "    #1 Counter::Increment() /submission/counter.hpp:7 (test+0x2)\n"};
  const RunJudgement judgement = Judge();
  EXPECT_EQ(judgement.verdict, Verdict::kDeadlock);
  EXPECT_TRUE(Contains(judgement.message, "counter.hpp:7"));
}

TEST_F(RunJudgeTest, HeapUseAfterFreeIsRuntimeError) {
  observation_.sanitizer_logs = {ReadData("use_after_free.txt")};
  context_.student_files = {"use_after_free.cpp"};
  const RunJudgement judgement = Judge();
  EXPECT_EQ(judgement.verdict, Verdict::kRuntimeError);
  EXPECT_TRUE(Contains(judgement.message, "heap-use-after-free: thread T0 reads memory"));
}

TEST_F(RunJudgeTest, HeapUseAfterFreeNamesStudentLine) {
  observation_.sanitizer_logs = {ReadData("use_after_free.txt")};
  context_.student_files = {"use_after_free.cpp"};
  const RunJudgement judgement = Judge();
  EXPECT_TRUE(Contains(judgement.message, "use_after_free.cpp:4"));
}

TEST_F(RunJudgeTest, UnreadableSanitizerReportIsRuntimeError) {
  observation_.sanitizer_logs = {ReadData("garbage.txt")};
  observation_.gtest_json = ReadData("gtest_passing.json");
  EXPECT_EQ(Judge().verdict, Verdict::kRuntimeError);
}

TEST_F(RunJudgeTest, SanitizerReportTakesPrecedenceOverLimits) {
  observation_.sanitizer_logs = {ReadData("data_race.txt")};
  observation_.process.output_overflow = true;
  observation_.process.peak_rss = 2 * kGiB;
  EXPECT_EQ(Judge().verdict, Verdict::kDataRace);
}

TEST_F(RunJudgeTest, OutputOverflowIsOutputLimit) {
  observation_.process.output_overflow = true;
  observation_.process.status = {.signaled = true, .code = 0, .signal = SIGKILL};
  observation_.process.peak_rss = 2 * kGiB;
  const RunJudgement judgement = Judge();
  EXPECT_EQ(judgement.verdict, Verdict::kOutputLimit);
  EXPECT_TRUE(Contains(judgement.message, "more than 1048576 bytes"));
}

TEST_F(RunJudgeTest, PeakRssOverLimitIsMemoryLimit) {
  observation_.process.peak_rss = 600 * kMiB;
  observation_.process.status = {.signaled = true, .code = 0, .signal = SIGKILL};
  const RunJudgement judgement = Judge();
  EXPECT_EQ(judgement.verdict, Verdict::kMemoryLimit);
  EXPECT_EQ(judgement.message, "used 600 MiB of memory; the limit is 512 MiB");
  EXPECT_EQ(judgement.evidence["peak_rss_bytes"], 600 * kMiB);
}

TEST_F(RunJudgeTest, PeakRssAtLimitIsNotMemoryLimit) {
  observation_.process.peak_rss = 512 * kMiB;
  observation_.gtest_json = ReadData("gtest_passing.json");
  EXPECT_EQ(Judge().verdict, Verdict::kOk);
}

TEST_F(RunJudgeTest, KilledForCpuLimitIsTimeLimit) {
  observation_.process.status = {.signaled = true, .code = 0, .signal = SIGXCPU};
  const RunJudgement judgement = Judge();
  EXPECT_EQ(judgement.verdict, Verdict::kTimeLimit);
  EXPECT_TRUE(Contains(judgement.message, "more than 4000 ms of CPU"));
}

TEST_F(RunJudgeTest, ApiDriverFailuresAreWrongAnswerWithDriverMessage) {
  observation_.gtest_json = ReadData("gtest_failing.json");
  observation_.process.status = {.signaled = false, .code = 1, .signal = 0};

  const RunJudgement judgement = Judge();

  EXPECT_EQ(judgement.verdict, Verdict::kWrongAnswer);
  EXPECT_EQ(judgement.message, "the total was 1999, expected 2000");
  // The first failure is the message; the details hold the others.
  EXPECT_TRUE(LacksText(judgement.details, "the total was 1999"));
  EXPECT_TRUE(Contains(judgement.details, "Failing.ExpectEq:\nExpected equality"));
  EXPECT_TRUE(LacksText(judgement.details, "gtest_cases.cpp"));
  EXPECT_TRUE(judgement.details_public);
  ASSERT_EQ(judgement.evidence["failures"].size(), 2u);
  EXPECT_EQ(judgement.evidence["failures"][1]["test"], "Failing.ExpectEq");
}

TEST_F(RunJudgeTest, ApiMultiLineFailureGivesFirstLineAsMessage) {
  // Only the EXPECT_EQ failure: drop the ADD_FAILURE test from the real result.
  nlohmann::json json = nlohmann::json::parse(ReadData("gtest_failing.json"));
  auto& cases = json["testsuites"][0]["testsuite"];
  ASSERT_EQ(cases[0]["name"], "AddFailure");
  cases.erase(0);
  observation_.gtest_json = json.dump();
  const RunJudgement judgement = Judge();
  EXPECT_EQ(judgement.verdict, Verdict::kWrongAnswer);
  EXPECT_EQ(judgement.message, "Expected equality of these values:");
}

TEST_F(RunJudgeTest, ApiPassingRunIsOk) {
  observation_.gtest_json = ReadData("gtest_passing.json");
  const RunJudgement judgement = Judge();
  EXPECT_EQ(judgement.verdict, Verdict::kOk);
  EXPECT_EQ(judgement.message, "");
}

TEST_F(RunJudgeTest, ApiWithoutGtestJsonAfterSignalIsRuntimeError) {
  observation_.process.status = {.signaled = true, .code = 0, .signal = SIGSEGV};
  observation_.process.err = "line 1\nline 2\nSegmentation fault\n";
  const RunJudgement judgement = Judge();
  EXPECT_EQ(judgement.verdict, Verdict::kRuntimeError);
  EXPECT_TRUE(Contains(judgement.message, "the test program ended (killed by SIGSEGV (signal "
                                          "11)) before the tests finished and reported"));
  EXPECT_TRUE(Contains(judgement.message, "SIGSEGV"));
  EXPECT_TRUE(Contains(judgement.details, "Segmentation fault"));
  EXPECT_FALSE(judgement.details_public);
}

TEST_F(RunJudgeTest, ApiWithTruncatedGtestJsonIsRuntimeError) {
  const std::string json = ReadData("gtest_passing.json");
  observation_.gtest_json = json.substr(0, json.size() / 2);
  observation_.process.status = {.signaled = true, .code = 0, .signal = SIGABRT};
  EXPECT_EQ(Judge().verdict, Verdict::kRuntimeError);
}

TEST_F(RunJudgeTest, ApiCrashAfterPassingChecksIsRuntimeError) {
  observation_.gtest_json = ReadData("gtest_passing.json");
  observation_.process.status = {.signaled = true, .code = 0, .signal = SIGSEGV};
  const RunJudgement judgement = Judge();
  EXPECT_EQ(judgement.verdict, Verdict::kRuntimeError);
  EXPECT_TRUE(Contains(judgement.message, "every check passed"));
}

// A result file with no test in it may have been written by the submission: it must not
// become an internal error, which would take the test out of the score.
TEST_F(RunJudgeTest, ApiGtestJsonWithZeroTestsIsRuntimeErrorNotInternal) {
  observation_.gtest_json = ReadData("gtest_no_tests.json");
  const RunJudgement judgement = Judge();
  EXPECT_EQ(judgement.verdict, Verdict::kRuntimeError);
  EXPECT_TRUE(Contains(judgement.message, "'CounterStress.*'"));
}

TEST_F(RunJudgeTest, ProgramWrongOutputOnHiddenTestRevealsNoInput) {
  MakeProgramExercise();
  observation_.process.out = "8\n";

  const RunJudgement judgement = Judge();

  EXPECT_EQ(judgement.verdict, Verdict::kWrongAnswer);
  EXPECT_EQ(judgement.message, "wrong output on a hidden input");
  EXPECT_TRUE(LacksText(judgement.details, "3 4"));
  EXPECT_TRUE(LacksText(judgement.details, "7"));
  EXPECT_FALSE(judgement.details_public);
  const std::string evidence = judgement.evidence.dump();
  EXPECT_FALSE(judgement.evidence.contains("input"));
  EXPECT_FALSE(judgement.evidence.contains("expected"));
  EXPECT_FALSE(judgement.evidence.contains("actual"));
  EXPECT_TRUE(LacksText(evidence, "3 4"));
}

TEST_F(RunJudgeTest, ProgramWrongOutputOnVisibleTestShowsInputExpectedActual) {
  MakeProgramExercise();
  context_.reveal_io = true;
  observation_.process.out = "8\n";

  const RunJudgement judgement = Judge();

  EXPECT_EQ(judgement.verdict, Verdict::kWrongAnswer);
  EXPECT_EQ(judgement.message, "wrong output: token 1: expected '7', got '8'");
  EXPECT_TRUE(Contains(judgement.details, "input:\n3 4\n"));
  EXPECT_TRUE(Contains(judgement.details, "expected output:\n7\n"));
  EXPECT_TRUE(Contains(judgement.details, "your output:\n8\n"));
  EXPECT_EQ(judgement.evidence["input"], "3 4\n");
  EXPECT_EQ(judgement.evidence["expected"], "7\n");
  EXPECT_EQ(judgement.evidence["actual"], "8\n");
}

TEST_F(RunJudgeTest, ProgramRightOutputIsOk) {
  MakeProgramExercise();
  test_.compare = CompareMode::kLines;
  observation_.process.out = "7   \n\n";
  EXPECT_EQ(Judge().verdict, Verdict::kOk);
}

TEST_F(RunJudgeTest, ProgramNonZeroExitIsRuntimeErrorWithStderrTail) {
  MakeProgramExercise();
  observation_.process.out = "7\n";
  observation_.process.status = {.signaled = false, .code = 3, .signal = 0};
  for (int i = 1; i <= 30; ++i) observation_.process.err += "err " + std::to_string(i) + "\n";

  const RunJudgement judgement = Judge();

  EXPECT_EQ(judgement.verdict, Verdict::kRuntimeError);
  EXPECT_EQ(judgement.message, "the program ended with exit 3");
  EXPECT_TRUE(Contains(judgement.details, "err 30"));
  EXPECT_TRUE(Contains(judgement.details, "err 11\n"));
  EXPECT_TRUE(LacksText(judgement.details, "err 9\n"));
}

TEST_F(RunJudgeTest, EvidenceRecordsRunFacts) {
  observation_.gtest_json = ReadData("gtest_passing.json");
  const RunJudgement judgement = Judge();
  EXPECT_EQ(judgement.evidence["exit"], "exit 0");
  EXPECT_EQ(judgement.evidence["wall_ms"], 150);
  EXPECT_EQ(judgement.evidence["cpu_ms"], 120);
  EXPECT_EQ(judgement.evidence["peak_rss_bytes"], 20 * kMiB);
  EXPECT_EQ(judgement.evidence["seed"], 1234);
  EXPECT_EQ(judgement.evidence["threads"], 4);

  request_.threads = 0;
  EXPECT_FALSE(Judge().evidence.contains("threads"));
}

}  // namespace
}  // namespace grader
