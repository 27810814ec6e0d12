// AddThreadStacks: what a student reads of a hung run, from real gdb output (data/gdb_*.txt)
// of programs whose sources are next to it (data/gdb_hangs.cpp, data/gdb_self_lock/).
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "judge/hang_evidence.h"

namespace grader {
namespace {

const std::string kData = std::string(GRADER_TEST_DATA) + "/data";

std::string Fixture(const std::string& name) {
  std::ifstream in(kData + "/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

::testing::AssertionResult Contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << part << "' is not in:\n" << text;
}

StackDump DumpOf(const std::string& fixture) {
  StackDump dump;
  dump.attempted = true;
  dump.processes.push_back({4242, "/submission/test", Fixture(fixture), true});
  dump.elapsed = std::chrono::milliseconds(420);
  return dump;
}

// A judgement as JudgeRun makes it for a run killed at its deadline.
RunJudgement Hung(Verdict verdict) {
  RunJudgement judgement;
  judgement.verdict = verdict;
  judgement.message = "no result after 20000 ms";
  return judgement;
}

JudgeContext Context(const std::string& folder, const std::string& student_file) {
  JudgeContext context;
  context.student_files = {student_file};
  context.workspace_root = folder;
  context.workspace_inside = "/submission";
  return context;
}

TEST(ThreadStacksEvidenceTest, SelfDeadlockNamesTheLineAndTheCallerHoldingTheLock) {
  RunJudgement judgement = Hung(Verdict::kDeadlock);
  AddThreadStacks(DumpOf("gdb_grader_asan_self_lock.txt"),
                  Context(kData + "/gdb_self_lock", "counter.hpp"), judgement);
  EXPECT_EQ(judgement.message,
            "no result after 20000 ms; thread 1 waits in pthread_mutex_lock at counter.hpp:27 in "
            "Counter::add, called from counter.hpp:10 in Counter::increment");
  EXPECT_TRUE(judgement.details_public);
  const std::string& details = judgement.details;
  EXPECT_TRUE(Contains(details, "thread 1: waits in pthread_mutex_lock (via "
                                "std::lock_guard<std::mutex>::lock_guard)\n"
                                "  in Counter::add at counter.hpp:27\n"));
  EXPECT_TRUE(Contains(details, "  >   27 |     std::lock_guard<std::mutex> again(mutex_);"));
  EXPECT_TRUE(Contains(details, "  called from Counter::increment at counter.hpp:10\n"
                                "  >   10 |     add(by);\n"));
  // The hidden driver's frames are in the JSON evidence only.
  EXPECT_EQ(details.find("counter_test.cpp"), std::string::npos);

  const nlohmann::json& threads = judgement.evidence.at("thread_stacks");
  ASSERT_EQ(threads.size(), 1u);
  EXPECT_EQ(threads[0]["thread"], 1);
  EXPECT_EQ(threads[0]["waiting_in"], "pthread_mutex_lock");
  EXPECT_EQ(threads[0]["blocked"], true);
  EXPECT_EQ(threads[0]["student_frame"],
            (nlohmann::json{{"function", "Counter::add"}, {"file", "counter.hpp"}, {"line", 27}}));
  EXPECT_EQ(threads[0]["frames"].size(), 25u);
  EXPECT_EQ(judgement.evidence["stack_dump"]["available"], true);
  EXPECT_EQ(judgement.evidence["stack_dump"]["ms"], 420);
}

TEST(ThreadStacksEvidenceTest, ThreadsInTheSamePlaceShareOneEntry) {
  RunJudgement judgement = Hung(Verdict::kDeadlock);
  AddThreadStacks(DumpOf("gdb_tsan_self_lock.txt"), Context(kData, "gdb_hangs.cpp"),
                  judgement);
  const std::string& details = judgement.details;
  EXPECT_TRUE(Contains(details, "thread 1: waits in pthread_join (via std::thread::join)\n"
                                "  in main at gdb_hangs.cpp:92\n"));
  EXPECT_TRUE(Contains(details, "thread 3: waits in pthread_mutex_lock"));
  EXPECT_TRUE(Contains(details, "  in (anonymous namespace)::Counter::add at gdb_hangs.cpp:44\n"
                                "      43 |   void add(long long by) {\n"
                                "  >   44 |     std::lock_guard<std::mutex> again(mutex_);\n"));
  EXPECT_TRUE(Contains(details, "threads 4, 5, 6: wait in pthread_mutex_lock (via "
                                "std::lock_guard<std::mutex>::lock_guard)\n"
                                "  in (anonymous namespace)::Counter::increment at "
                                "gdb_hangs.cpp:38\n"));
  EXPECT_TRUE(Contains(judgement.message, "; thread 3 waits in pthread_mutex_lock at "
                                          "gdb_hangs.cpp:44 in (anonymous namespace)::Counter::add, "
                                          "called from gdb_hangs.cpp:39"));
  // ThreadSanitizer's background thread (2) is nobody's code.
  EXPECT_EQ(details.find("thread 2"), std::string::npos);
  EXPECT_EQ(judgement.evidence["thread_stacks"].size(), 5u);
}

TEST(ThreadStacksEvidenceTest, ATimeLimitNamesTheFunctionThatComputes) {
  RunJudgement judgement = Hung(Verdict::kTimeLimit);
  AddThreadStacks(DumpOf("gdb_asan_busy_loop.txt"), Context(kData, "gdb_hangs.cpp"),
                  judgement);
  EXPECT_EQ(judgement.message,
            "no result after 20000 ms; thread 2 runs (anonymous namespace)::Spin at "
            "gdb_hangs.cpp:64");
  EXPECT_TRUE(Contains(judgement.details,
                       "thread 2: runs std::__atomic_base<long long>::load\n"
                       "  in (anonymous namespace)::Spin at gdb_hangs.cpp:64\n"));
  EXPECT_EQ(judgement.evidence["thread_stacks"][1]["blocked"], false);
}

TEST(ThreadStacksEvidenceTest, MissingStacksKeepTheVerdictAndSayWhy) {
  StackDump dump;
  dump.attempted = true;
  dump.problem = "gdb is not installed (scripts/setup installs gdb)";
  RunJudgement judgement = Hung(Verdict::kDeadlock);
  AddThreadStacks(dump, Context(kData, "gdb_hangs.cpp"), judgement);
  EXPECT_EQ(judgement.verdict, Verdict::kDeadlock);
  EXPECT_EQ(judgement.message, "no result after 20000 ms");
  EXPECT_EQ(judgement.details,
            "Thread stacks are not available: gdb is not installed (scripts/setup installs "
            "gdb).\n");
  EXPECT_EQ(judgement.evidence["stack_dump"]["available"], false);
  EXPECT_FALSE(judgement.evidence.contains("thread_stacks"));
}

TEST(ThreadStacksEvidenceTest, NoDumpAttemptedAddsNothing) {
  RunJudgement judgement = Hung(Verdict::kTimeLimit);
  AddThreadStacks(StackDump{}, Context(kData, "gdb_hangs.cpp"), judgement);
  EXPECT_EQ(judgement.message, "no result after 20000 ms");
  EXPECT_EQ(judgement.details, "");
  EXPECT_FALSE(judgement.details_public);
  EXPECT_EQ(judgement.evidence, nlohmann::json::object());
}

TEST(ThreadStacksEvidenceTest, GarbledOutputStillGivesAJudgement) {
  StackDump dump;
  dump.attempted = true;
  dump.processes.push_back({1, "/submission/test", "Thread 1 (LWP 1):\n#0  ?? ()\n#1  f (", false});
  dump.problem = "the stacks of process 1 are cut short (too much output)";
  RunJudgement judgement = Hung(Verdict::kDeadlock);
  AddThreadStacks(dump, Context(kData, "gdb_hangs.cpp"), judgement);
  EXPECT_EQ(judgement.message, "no result after 20000 ms");
  EXPECT_TRUE(Contains(judgement.details, "thread 1: runs ??, not in your code\n"));
  EXPECT_TRUE(Contains(judgement.details, "(the stacks of process 1 are cut short"));
}

}  // namespace
}  // namespace grader
