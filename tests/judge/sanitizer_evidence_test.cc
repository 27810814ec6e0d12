// JudgeSanitizerFindings and its parts on the recorded reports of every kind (data/*.txt,
// made by data/generate.sh from data/sources/, which stands in for the workspace here).
#include "judge/sanitizer_evidence.h"
#include "judge/shared_identifiers.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "judge_test_util.h"

namespace grader {
namespace {

using testing::Contains;
using testing::DataPath;
using testing::LacksText;
using testing::ReadData;

class SanitizerEvidenceTest : public ::testing::Test {
 protected:
  SanitizerEvidenceTest() {
    context_.spec = &spec_;
    context_.test = &test_;
    for (const auto& entry : std::filesystem::directory_iterator(DataPath("sources"))) {
      context_.student_files.push_back(entry.path().filename().string());
    }
    context_.workspace_root = DataPath("sources");
    context_.workspace_inside = "/submission";
  }

  RunJudgement Judge(const std::string& fixture) {
    const auto findings = ParseSanitizerLog(ReadData(fixture));
    EXPECT_FALSE(findings.empty()) << fixture;
    if (findings.empty()) return {};
    return JudgeSanitizerFindings(findings, context_);
  }

  ExerciseSpec spec_;
  TestSpec test_;
  JudgeContext context_;
};

TEST_F(SanitizerEvidenceTest, DataRaceMessageNamesVariableLinesThreadsAndLocks) {
  const RunJudgement judgement = Judge("data_race.txt");
  EXPECT_EQ(judgement.verdict, Verdict::kDataRace);
  EXPECT_EQ(judgement.message,
            "data race on value_: thread T2 reads it at counter.hpp:7 in Counter::Increment "
            "(holding no lock); thread T1 writes it at counter.hpp:7 in Counter::Increment "
            "(holding no lock)");
  EXPECT_TRUE(Contains(judgement.details, "data race on value_ (the global 'counter' (8 bytes))"));
  EXPECT_TRUE(Contains(judgement.details, "read of 8 bytes by thread T2, holding no lock:\n"
                                          "  counter.hpp:7 in Counter::Increment\n"));
  EXPECT_TRUE(Contains(judgement.details, ">    7 |     value_ = value_ + 1;"));
  // Student frames first, every one of them; then the rest in one line.
  EXPECT_TRUE(Contains(judgement.details, "  data_race.cpp:9 in Work\n  called from 6 library "
                                          "frames\n"));
  EXPECT_TRUE(Contains(judgement.details, "Thread T2 created by main thread at data_race.cpp:14 in main"));
  EXPECT_TRUE(LacksText(judgement.details, "/submission"));
  EXPECT_TRUE(LacksText(judgement.details, "invoke.h"));
  EXPECT_TRUE(judgement.details_public);
}

TEST_F(SanitizerEvidenceTest, DataRaceJsonIsStructured) {
  const RunJudgement judgement = Judge("tsan_atomic_race.txt");
  ASSERT_EQ(judgement.evidence["findings"].size(), 1u);
  const auto& finding = judgement.evidence["findings"][0];
  EXPECT_EQ(finding["kind"], "data-race");
  EXPECT_EQ(finding["tool_kind"], "data race");
  EXPECT_EQ(finding["variable"], "value_");
  EXPECT_EQ(finding["count"], 1);
  EXPECT_EQ(finding["complete"], true);
  const auto& write = finding["sections"][0];
  EXPECT_EQ(write["access"], "atomic write");
  EXPECT_EQ(write["size"], 8);
  EXPECT_EQ(write["thread"], "T2");
  EXPECT_EQ(write["previous"], false);
  EXPECT_EQ(write["student_frame"]["file"], "atomic_counter.hpp");
  EXPECT_EQ(write["student_frame"]["line"], 6);
  EXPECT_EQ(write["frames"][0]["origin"], "student");
  EXPECT_EQ(write["frames"][2]["origin"], "library");
  EXPECT_EQ(finding["sections"][1]["previous"], true);
  EXPECT_EQ(finding["location"]["what"], "heap block");
  EXPECT_EQ(finding["location"]["frames"][1]["file"], "atomic_race.cpp");
  EXPECT_TRUE(Contains(judgement.message, "thread T2 writes it atomically at atomic_counter.hpp:6"));
  EXPECT_TRUE(Contains(judgement.details, "offset 0 of a heap block of 8 bytes allocated by the "
                                          "main thread at atomic_race.cpp:11 in main"));
}

TEST_F(SanitizerEvidenceTest, LockOrderInversionIsADeadlockNamingEachThreadsLocks) {
  const RunJudgement judgement = Judge("lock_order.txt");
  EXPECT_EQ(judgement.verdict, Verdict::kDeadlock);
  EXPECT_EQ(judgement.message,
            "lock-order inversion (a potential deadlock): thread T1 takes M10 while holding M9 "
            "at lock_order.cpp:10; thread T2 takes M9 while holding M10 at lock_order.cpp:15");
  EXPECT_TRUE(Contains(judgement.details, "Mutex M9 previously acquired by the same thread:\n"
                                          "  lock_order.cpp:9 in Forward\n"));
  const RunJudgement three = Judge("tsan_lock_order_three.txt");
  EXPECT_TRUE(Contains(three.message, "thread T3 takes M9 while holding M11 at bank.hpp:13"));
}

TEST_F(SanitizerEvidenceTest, ThreadLeakIsARuntimeErrorWithWhereTheThreadsStarted) {
  const RunJudgement judgement = Judge("tsan_thread_leak.txt");
  EXPECT_EQ(judgement.verdict, Verdict::kRuntimeError);
  EXPECT_EQ(judgement.message,
            "thread leak: 4 threads created at worker_pool.hpp:9 were never joined or detached");
  EXPECT_TRUE(Contains(judgement.details, "and 3 more like it"));
  EXPECT_EQ(judgement.evidence["findings"][0]["more_similar"], 3);
}

TEST_F(SanitizerEvidenceTest, HeapUseAfterFreeSaysWhoReadAndWhereItWasFreed) {
  const RunJudgement judgement = Judge("tsan_heap_use_after_free.txt");
  EXPECT_EQ(judgement.verdict, Verdict::kRuntimeError);
  EXPECT_EQ(judgement.message, "heap-use-after-free: thread T1 reads memory at "
                               "heap_use_after_free.cpp:17 in Consume after it was freed");
  EXPECT_TRUE(Contains(judgement.details, "previous write of 8 bytes by thread T2, holding lock "
                                          "M10:\n  job_queue.hpp:26 in JobQueue::DropFront"));
}

TEST_F(SanitizerEvidenceTest, MutexMisuse) {
  const RunJudgement unlock = Judge("tsan_unlock_unlocked.txt");
  EXPECT_EQ(unlock.verdict, Verdict::kRuntimeError);
  EXPECT_EQ(unlock.message, "ThreadSanitizer: unlock of an unlocked mutex (or by a wrong thread) "
                            "at limited_counter.hpp:16");
  EXPECT_EQ(unlock.evidence["findings"][0]["kind"], "mutex-misuse");
  const RunJudgement destroy = Judge("tsan_destroy_locked.txt");
  EXPECT_EQ(destroy.verdict, Verdict::kRuntimeError);
  EXPECT_TRUE(Contains(destroy.message, "destroy of a locked mutex at account.hpp:9 and account.hpp:12"));
  EXPECT_TRUE(Contains(destroy.details, "Mutex M9 created at account.hpp:8 in Account::Account"));
  const RunJudgement twice = Judge("tsan_double_lock.txt");
  EXPECT_EQ(twice.verdict, Verdict::kDeadlock);  // the second lock would wait forever
  EXPECT_TRUE(Contains(twice.message, "double lock of a mutex at stats.hpp:15"));
}

TEST_F(SanitizerEvidenceTest, SignalUnsafeCall) {
  const RunJudgement judgement = Judge("tsan_signal_unsafe.txt");
  EXPECT_EQ(judgement.verdict, Verdict::kRuntimeError);
  EXPECT_EQ(judgement.message,
            "ThreadSanitizer: signal-unsafe call inside of a signal at signal_unsafe.cpp:16");
  EXPECT_EQ(judgement.evidence["findings"][0]["kind"], "signal-unsafe-call");
}

TEST_F(SanitizerEvidenceTest, TruncatedReportSaysItWasCutOff) {
  const RunJudgement judgement = Judge("tsan_lock_order_truncated.txt");
  EXPECT_EQ(judgement.verdict, Verdict::kDeadlock);
  EXPECT_TRUE(Contains(judgement.message, "thread T1 takes M10 while holding M9 at lock_order.cpp:10"));
  EXPECT_TRUE(Contains(judgement.details, "the report was cut off"));
  EXPECT_EQ(judgement.evidence["findings"][0]["complete"], false);
  const RunJudgement race = Judge("data_race_truncated.txt");
  EXPECT_EQ(race.verdict, Verdict::kDataRace);
  EXPECT_TRUE(Contains(race.message, "counter.hpp:7"));
}

TEST_F(SanitizerEvidenceTest, ChaosWrappersAreLeftOut) {
  const auto findings = ParseSanitizerLog(
      "WARNING: ThreadSanitizer: data race (pid=9)\n"
      "  Write of size 8 at 0x10 by thread T1:\n"
      "    #0 Counter::Add() /submission/counter.hpp:7 (t+0x1)\n"
      "  As if synchronized via sleep:\n"
      "    #0 nanosleep ../../../../src/libsanitizer/tsan/tsan_interceptors_posix.cpp:358 (l+0x1)\n"
      "    #1 Perturb /root/.cache/grader/src/chaos_runtime-0a.cpp:98 (t+0x2)\n"
      "    #2 __wrap_pthread_mutex_lock /root/.cache/grader/src/chaos_runtime-0a.cpp:149 (t+0x3)\n"
      "    #3 Counter::Add() /submission/counter.hpp:6 (t+0x4)\n");
  const RunJudgement judgement = JudgeSanitizerFindings(findings, context_);
  EXPECT_TRUE(LacksText(judgement.evidence.dump(), "chaos_runtime"));
  EXPECT_TRUE(LacksText(judgement.details, "chaos"));
  EXPECT_EQ(judgement.evidence["findings"][0]["sections"][1]["frames"].size(), 2u);
}

TEST(FrameOriginTest, StudentDriverLibraryHarness) {
  const std::vector<std::string> own = {"counter.hpp"};
  EXPECT_EQ(OriginOf({"f", "/submission/counter.hpp", 1}, own, "/submission"),
            FrameOrigin::kStudent);
  EXPECT_EQ(OriginOf({"f", "/submission/./counter.hpp", 1}, own, "/submission"),
            FrameOrigin::kStudent);
  EXPECT_EQ(OriginOf({"g", "/submission/.grader/glue/counter_glue.cpp", 1}, own, "/submission"),
            FrameOrigin::kDriver);
  EXPECT_EQ(OriginOf({"h", "/grader/specs/counter/driver/counter_test.cpp", 1}, own, "/submission"),
            FrameOrigin::kDriver);
  EXPECT_EQ(OriginOf({"std::mutex::lock()", "/usr/include/c++/12/bits/std_mutex.h", 1}, own,
                     "/submission"),
            FrameOrigin::kLibrary);
  EXPECT_EQ(OriginOf({"#7 <null> <null> (libstdc++.so.6+0xd44a2)", "", 0}, own, "/submission"),
            FrameOrigin::kLibrary);
  EXPECT_EQ(OriginOf({"__wrap_pthread_mutex_lock", "/x/chaos_runtime-1.cpp", 1}, own,
                     "/submission"),
            FrameOrigin::kHarness);
  // A file of the student's name elsewhere is not theirs.
  EXPECT_EQ(OriginOf({"f", "/usr/include/counter.hpp", 1}, own, "/submission"),
            FrameOrigin::kLibrary);
}

TEST(SharedIdentifiersTest, FindsTheVariableTwoLinesShare) {
  EXPECT_EQ(SharedIdentifiers("    count_ += by;", "  long long value() const { return count_; }"),
            std::vector<std::string>{"count_"});
  EXPECT_EQ(SharedIdentifiers("  x_ = x; y_ = y;", "  return {x_, y_};"),
            (std::vector<std::string>{"x_", "y_"}));
  // Calls, keywords, attributes, scopes and comments are not variables.
  EXPECT_EQ(SharedIdentifiers("[[gnu::noinline]] void f() { std::lock_guard g(m); n++; } // n",
                              "[[gnu::noinline]] int h() { return n; }"),
            std::vector<std::string>{"n"});
  EXPECT_TRUE(SharedIdentifiers("a = 1;", "b = 2;").empty());
  // Parameters and locals are declared, not shared.
  EXPECT_EQ(SharedIdentifiers("  void increment(long long by = 1) { count_ += by; }",
                              "  void increment(long long by = 1) { count_ += by; }"),
            std::vector<std::string>{"count_"});
  EXPECT_EQ(SharedIdentifiers("for (int i = 0; i < n; ++i) total += i;", "return total;"),
            std::vector<std::string>{"total"});
}

TEST(MergeFindingsTest, SameKeyCountsOnce) {
  nlohmann::json into = nlohmann::json::array();
  const nlohmann::json race = {{"key", "data-race counter.hpp:12 counter.hpp:22"}, {"count", 1}};
  const nlohmann::json other = {{"key", "data-race counter.hpp:30"}, {"count", 1}};
  MergeFindings(into, nlohmann::json::array({race}));
  MergeFindings(into, nlohmann::json::array({race, other}));
  MergeFindings(into, nlohmann::json::array({race}));
  ASSERT_EQ(into.size(), 2u);
  EXPECT_EQ(into[0]["count"], 3);
  EXPECT_EQ(into[1]["count"], 1);
}

TEST_F(SanitizerEvidenceTest, KeyIgnoresAddressesThreadNumbersAndAccessOrder) {
  auto findings = ParseSanitizerLog(ReadData("data_race.txt"));
  const std::string key = FindingKey(findings.at(0), context_);
  EXPECT_EQ(key, "data-race counter.hpp:7 data_race.cpp:13 data_race.cpp:14");
  std::string swapped = ReadData("tsan_global_race.txt");
  auto global = ParseSanitizerLog(swapped).at(0);
  EXPECT_NE(FindingKey(global, context_), key);
  // The same race seen with its accesses the other way round and other thread numbers.
  SanitizerFinding again = findings.at(0);
  std::swap(again.sections[0], again.sections[1]);
  again.sections[0].thread = "T7";
  EXPECT_EQ(FindingKey(again, context_), key);
}

}  // namespace
}  // namespace grader
