// ParseSanitizerLog on real reports (data/*.txt, see data/generate.sh), FirstStudentFrame and
// WorkspaceRelative.
#include "judge/sanitizer_report.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "judge_test_util.h"

namespace grader {
namespace {

using testing::Contains;
using testing::ReadData;

bool StartsWith(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void ExpectFrame(const StackFrame& frame, const std::string& function, const std::string& file,
                 int line) {
  EXPECT_EQ(frame.function, function);
  EXPECT_EQ(frame.file, file);
  EXPECT_EQ(frame.line, line);
}

// The first frame of any section that names `file`, or nullptr.
const StackFrame* FindFrameIn(const SanitizerFinding& finding, const std::string& file,
                              int line) {
  for (const auto& section : finding.sections) {
    for (const auto& frame : section.frames) {
      if (frame.file == file && frame.line == line) return &frame;
    }
  }
  return nullptr;
}

TEST(SanitizerReportTest, TsanDataRaceHasKindSectionsAndFrames) {
  const auto findings = ParseSanitizerLog(ReadData("data_race.txt"));
  ASSERT_EQ(findings.size(), 1u);
  const SanitizerFinding& race = findings[0];
  EXPECT_EQ(race.tool, "ThreadSanitizer");
  EXPECT_EQ(race.kind, "data race");
  EXPECT_EQ(race.summary,
            "ThreadSanitizer: data race /submission/counter.hpp:7 in Counter::Increment()");
  EXPECT_TRUE(StartsWith(race.location.text, "Location is global 'counter' of size 8 at "))
      << race.location.text;

  ASSERT_EQ(race.sections.size(), 4u);
  EXPECT_TRUE(StartsWith(race.sections[0].title, "Read of size 8 at ")) << race.sections[0].title;
  EXPECT_TRUE(EndsWith(race.sections[0].title, " by thread T2:")) << race.sections[0].title;
  EXPECT_TRUE(StartsWith(race.sections[1].title, "Previous write of size 8 at "));
  EXPECT_TRUE(EndsWith(race.sections[1].title, " by thread T1:"));
  EXPECT_TRUE(StartsWith(race.sections[2].title, "Thread T2 (tid="));
  EXPECT_TRUE(EndsWith(race.sections[2].title, "created by main thread at:"));
  EXPECT_TRUE(StartsWith(race.sections[3].title, "Thread T1 (tid="));

  const auto& read = race.sections[0].frames;
  ASSERT_EQ(read.size(), 8u);
  ExpectFrame(read[0], "Counter::Increment()", "/submission/counter.hpp", 7);
  ExpectFrame(read[1], "Work()", "/submission/data_race.cpp", 9);
  ExpectFrame(read[2],
              "void std::__invoke_impl<void, void (*)()>(std::__invoke_other, void (*&&)())",
              "/usr/include/c++/12/bits/invoke.h", 61);
  EXPECT_EQ(read[7].file, "");  // "<null> <null> (libstdc++.so.6+0xd44a2)"
  EXPECT_EQ(read[7].line, 0);
  ASSERT_EQ(race.sections[1].frames.size(), 8u);
  ExpectFrame(race.sections[1].frames[0], "Counter::Increment()", "/submission/counter.hpp", 7);

  const auto& created = race.sections[2].frames;
  ASSERT_EQ(created.size(), 3u);
  ExpectFrame(created[0], "pthread_create",
              "../../../../src/libsanitizer/tsan/tsan_interceptors_posix.cpp", 1001);
  ExpectFrame(created[2], "main", "/submission/data_race.cpp", 14);
}

TEST(SanitizerReportTest, TsanLockOrderInversionHasMutexSections) {
  const auto findings = ParseSanitizerLog(ReadData("lock_order.txt"));
  ASSERT_EQ(findings.size(), 1u);
  const SanitizerFinding& inversion = findings[0];
  EXPECT_EQ(inversion.tool, "ThreadSanitizer");
  EXPECT_EQ(inversion.kind, "lock-order-inversion (potential deadlock)");
  EXPECT_TRUE(StartsWith(inversion.summary,
                         "ThreadSanitizer: lock-order-inversion (potential deadlock) "));
  EXPECT_EQ(inversion.location.text, "");

  ASSERT_EQ(inversion.sections.size(), 6u);
  EXPECT_TRUE(StartsWith(inversion.sections[0].title, "Mutex M"));
  EXPECT_TRUE(Contains(inversion.sections[0].title, " acquired here while holding mutex M"));
  EXPECT_TRUE(EndsWith(inversion.sections[0].title, " in thread T1:"));
  EXPECT_TRUE(Contains(inversion.sections[1].title, "previously acquired by the same thread"));
  EXPECT_TRUE(EndsWith(inversion.sections[2].title, " in thread T2:"));

  ASSERT_EQ(inversion.sections[0].frames.size(), 11u);
  ExpectFrame(inversion.sections[0].frames[4], "Forward()", "/submission/lock_order.cpp", 10);
  ExpectFrame(inversion.sections[1].frames[4], "Forward()", "/submission/lock_order.cpp", 9);
  ExpectFrame(inversion.sections[2].frames[4], "Backward()", "/submission/lock_order.cpp", 15);
  ExpectFrame(inversion.sections[3].frames[4], "Backward()", "/submission/lock_order.cpp", 14);
}

TEST(SanitizerReportTest, AsanHeapUseAfterFreeHasToolAndKind) {
  const auto findings = ParseSanitizerLog(ReadData("use_after_free.txt"));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].tool, "AddressSanitizer");
  EXPECT_EQ(findings[0].kind, "heap-use-after-free");
}

// ASan's access line and its "freed by"/"previously allocated by" titles start in column 0
// ("READ of size 4 at ... thread T0"), where the parser sees the end of a report.
TEST(SanitizerReportTest, AsanHeapUseAfterFreeHasStacksAndSummary) {
  const auto findings = ParseSanitizerLog(ReadData("use_after_free.txt"));
  ASSERT_EQ(findings.size(), 1u);
  const SanitizerFinding& uaf = findings[0];
  EXPECT_EQ(uaf.summary,
            "AddressSanitizer: heap-use-after-free /submission/use_after_free.cpp:4 in "
            "Read(int const*)");
  const StackFrame* read = FindFrameIn(uaf, "/submission/use_after_free.cpp", 4);
  ASSERT_NE(read, nullptr);
  EXPECT_EQ(read->function, "Read(int const*)");
  EXPECT_NE(FindFrameIn(uaf, "/submission/use_after_free.cpp", 8), nullptr);  // delete p
  EXPECT_NE(FindFrameIn(uaf, "/submission/use_after_free.cpp", 7), nullptr);  // new int
  ASSERT_FALSE(uaf.sections.empty());
  const StackFrame* own =
      FirstStudentFrame(uaf.sections[0], {"use_after_free.cpp"}, "/submission");
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->line, 4);
}

TEST(SanitizerReportTest, UbsanSignedOverflowHasRuntimeErrorSectionWithStack) {
  const auto findings = ParseSanitizerLog(ReadData("overflow.txt"));
  ASSERT_EQ(findings.size(), 1u);
  const SanitizerFinding& overflow = findings[0];
  EXPECT_EQ(overflow.tool, "UndefinedBehaviorSanitizer");
  EXPECT_EQ(overflow.kind,
            "signed integer overflow: 2147483647 + 1 cannot be represented in type 'int'");
  EXPECT_TRUE(StartsWith(overflow.summary, "overflow.cpp:6:54: runtime error: signed integer"));
  ASSERT_EQ(overflow.sections.size(), 1u);
  EXPECT_EQ(overflow.sections[0].title, "runtime error");
  const auto& frames = overflow.sections[0].frames;
  ASSERT_EQ(frames.size(), 6u);
  ExpectFrame(frames[0], "", "overflow.cpp", 6);  // the error line itself
  ExpectFrame(frames[1], "Add(int, int)", "/submission/overflow.cpp", 6);
  ExpectFrame(frames[2], "main", "/submission/overflow.cpp", 9);
  ExpectFrame(frames[3], "__libc_start_call_main", "../sysdeps/nptl/libc_start_call_main.h", 58);
  EXPECT_EQ(frames[5].file, "");  // "_start (/submission/overflow+0x10c0)": no line
}

TEST(SanitizerReportTest, DataRaceAccessesHaveOperationSizeThreadAndLocks) {
  const SanitizerFinding race = ParseSanitizerLog(ReadData("data_race.txt")).at(0);
  EXPECT_EQ(race.category, FindingKind::kDataRace);
  EXPECT_TRUE(race.complete);
  const ReportSection& read = race.sections.at(0);
  EXPECT_EQ(read.access, "read");
  EXPECT_EQ(read.size, 8);
  EXPECT_EQ(read.thread, "T2");
  EXPECT_FALSE(read.previous);
  EXPECT_TRUE(read.mutexes.empty());
  const ReportSection& write = race.sections.at(1);
  EXPECT_EQ(write.access, "write");
  EXPECT_TRUE(write.previous);
  EXPECT_EQ(write.thread, "T1");
  EXPECT_FALSE(race.sections.at(2).IsAccess());  // "Thread T2 (tid=...) created by ..."
  EXPECT_EQ(race.location.what, "global");
  EXPECT_EQ(race.location.name, "counter");
  EXPECT_EQ(race.location.size, 8u);
  EXPECT_EQ(race.location.address, race.access_address);
}

TEST(SanitizerReportTest, AtomicRaceWithHeapBlockAndItsAllocationStack) {
  const SanitizerFinding race = ParseSanitizerLog(ReadData("tsan_atomic_race.txt")).at(0);
  EXPECT_EQ(race.category, FindingKind::kDataRace);
  EXPECT_EQ(race.sections.at(0).access, "atomic write");
  EXPECT_EQ(race.sections.at(0).thread, "T2");
  EXPECT_EQ(race.sections.at(1).access, "read");
  EXPECT_TRUE(race.sections.at(1).previous);
  EXPECT_EQ(race.location.what, "heap block");
  EXPECT_EQ(race.location.size, 8u);
  EXPECT_EQ(race.location.thread, "main thread");
  ASSERT_EQ(race.location.frames.size(), 2u);  // operator new, main: not a section
  ExpectFrame(race.location.frames[1], "main", "/submission/atomic_race.cpp", 11);
  for (const auto& section : race.sections) {
    EXPECT_FALSE(StartsWith(section.title, "Location")) << section.title;
  }
}

TEST(SanitizerReportTest, GlobalRace) {
  const SanitizerFinding race = ParseSanitizerLog(ReadData("tsan_global_race.txt")).at(0);
  EXPECT_EQ(race.location.name, "pushed");
  ExpectFrame(race.sections.at(0).frames.at(0), "Produce(long)", "/submission/global_race.cpp",
              11);
}

TEST(SanitizerReportTest, ThreadLeakCountsTheSimilarOnes) {
  const auto findings = ParseSanitizerLog(ReadData("tsan_thread_leak.txt"));
  ASSERT_EQ(findings.size(), 1u);
  const SanitizerFinding& leak = findings[0];
  EXPECT_EQ(leak.kind, "thread leak");
  EXPECT_EQ(leak.category, FindingKind::kThreadLeak);
  EXPECT_EQ(leak.more_similar, 3);
  ASSERT_EQ(leak.sections.size(), 1u);
  EXPECT_TRUE(StartsWith(leak.sections[0].title, "Thread T1 (tid="));
  EXPECT_NE(FindFrameIn(leak, "/submission/worker_pool.hpp", 9), nullptr);
}

TEST(SanitizerReportTest, TsanHeapUseAfterFree) {
  const SanitizerFinding uaf =
      ParseSanitizerLog(ReadData("tsan_heap_use_after_free.txt")).at(0);
  EXPECT_EQ(uaf.tool, "ThreadSanitizer");
  EXPECT_EQ(uaf.category, FindingKind::kHeapUseAfterFree);
  ASSERT_GE(uaf.sections.size(), 2u);
  EXPECT_EQ(uaf.sections[0].access, "read");
  EXPECT_EQ(uaf.sections[0].thread, "T1");
  EXPECT_EQ(uaf.sections[1].access, "write");  // the free
  EXPECT_EQ(uaf.sections[1].mutexes, std::vector<std::string>{"write M10"});
  EXPECT_NE(FindFrameIn(uaf, "/submission/job_queue.hpp", 26), nullptr);
}

TEST(SanitizerReportTest, MutexMisuseKinds) {
  struct Case {
    const char* fixture;
    const char* kind;
  };
  for (const Case& c : {Case{"tsan_unlock_unlocked.txt",
                             "unlock of an unlocked mutex (or by a wrong thread)"},
                        Case{"tsan_destroy_locked.txt", "destroy of a locked mutex"},
                        Case{"tsan_double_lock.txt", "double lock of a mutex"}}) {
    const auto findings = ParseSanitizerLog(ReadData(c.fixture));
    ASSERT_EQ(findings.size(), 1u) << c.fixture;
    EXPECT_EQ(findings[0].kind, c.kind);
    EXPECT_EQ(findings[0].category, FindingKind::kMutexMisuse) << c.fixture;
    // The stack right after the header has no title of its own.
    ASSERT_FALSE(findings[0].sections.empty());
    EXPECT_EQ(findings[0].sections[0].title, "stack") << c.fixture;
  }
  const SanitizerFinding destroy = ParseSanitizerLog(ReadData("tsan_destroy_locked.txt")).at(0);
  EXPECT_EQ(destroy.sections.at(1).title, "and:");
  EXPECT_EQ(destroy.location.what, "heap block");
  EXPECT_EQ(destroy.location.size, 48u);
  EXPECT_TRUE(StartsWith(destroy.sections.back().title, "Mutex M9 ("));
  const SanitizerFinding unlock = ParseSanitizerLog(ReadData("tsan_unlock_unlocked.txt")).at(0);
  EXPECT_EQ(unlock.location.name, "counter");
}

TEST(SanitizerReportTest, SignalUnsafeCall) {
  const SanitizerFinding call = ParseSanitizerLog(ReadData("tsan_signal_unsafe.txt")).at(0);
  EXPECT_EQ(call.kind, "signal-unsafe call inside of a signal");
  EXPECT_EQ(call.category, FindingKind::kSignalUnsafeCall);
  EXPECT_NE(FindFrameIn(call, "/submission/signal_unsafe.cpp", 16), nullptr);
}

TEST(SanitizerReportTest, ThreeWayLockOrderInversion) {
  const SanitizerFinding cycle = ParseSanitizerLog(ReadData("tsan_lock_order_three.txt")).at(0);
  EXPECT_EQ(cycle.category, FindingKind::kLockOrderInversion);
  ASSERT_EQ(cycle.sections.size(), 9u);  // 3 x (acquired, previously acquired), 3 threads
  EXPECT_TRUE(EndsWith(cycle.sections[4].title, " in thread T3:"));
}

TEST(SanitizerReportTest, TruncatedLockOrderInversionKeepsItsKindAndStacks) {
  const auto findings = ParseSanitizerLog(ReadData("tsan_lock_order_truncated.txt"));
  ASSERT_EQ(findings.size(), 1u);
  const SanitizerFinding& cut = findings[0];
  EXPECT_EQ(cut.category, FindingKind::kLockOrderInversion);
  EXPECT_FALSE(cut.complete);
  ASSERT_EQ(cut.sections.size(), 2u);
  EXPECT_EQ(cut.sections[0].frames.size(), 11u);
  EXPECT_EQ(cut.sections[1].frames.back().file, "");  // "#4 Forward() /submission/lock_or"
}

TEST(SanitizerReportTest, GarbledNumbersDoNotThrow) {
  const auto findings = ParseSanitizerLog(
      "WARNING: ThreadSanitizer: data race (pid=1)\n"
      "  Write of size 99999999999999999999 at 0xffffffffffffffffffffff by thread T1:\n"
      "    #0 f() /submission/a.hpp:99999999999999999 (x+0x1)\n"
      "  Location is heap block of size 99999999999999999999999 at 0x1 allocated by main "
      "thread:\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].category, FindingKind::kDataRace);
}

TEST(SanitizerReportTest, EveryKindHasAName) {
  EXPECT_EQ(FindingKindName(ClassifyFinding("ThreadSanitizer", "data race on vptr (ctor/dtor vs virtual call)")),
            "data-race");
  EXPECT_EQ(FindingKindName(ClassifyFinding("ThreadSanitizer", "signal handler spoils errno")),
            "signal-unsafe-call");
  EXPECT_EQ(FindingKindName(ClassifyFinding("ThreadSanitizer",
                                            "use of an invalid mutex (e.g. uninitialized or destroyed)")),
            "mutex-misuse");
  EXPECT_EQ(FindingKindName(ClassifyFinding("AddressSanitizer", "heap-buffer-overflow")),
            "memory-error");
  EXPECT_EQ(FindingKindName(ClassifyFinding("LeakSanitizer", "detected")), "memory-leak");
  EXPECT_EQ(FindingKindName(ClassifyFinding("ThreadSanitizer", "something new")), "other");
}

TEST(SanitizerReportTest, TruncatedReportKeepsWhatWasRecognised) {
  const auto findings = ParseSanitizerLog(ReadData("data_race_truncated.txt"));
  ASSERT_EQ(findings.size(), 1u);
  const SanitizerFinding& race = findings[0];
  EXPECT_EQ(race.kind, "data race");
  EXPECT_TRUE(StartsWith(race.summary, "WARNING: ThreadSanitizer: data race"));  // no SUMMARY
  ASSERT_EQ(race.sections.size(), 2u);
  EXPECT_EQ(race.sections[0].frames.size(), 8u);
  const auto& cut = race.sections[1].frames;
  ASSERT_EQ(cut.size(), 3u);
  ExpectFrame(cut[0], "Counter::Increment()", "/submission/counter.hpp", 7);
  ExpectFrame(cut[1], "Work()", "/submission/data_race.cpp", 9);
  EXPECT_EQ(cut[2].file, "");  // the half line
  EXPECT_EQ(cut[2].line, 0);
}

// Symbolizers that know columns write file:line:column; the column is not part of the file.
TEST(SanitizerReportTest, FramesWithColumnKeepFileAndLine) {
  const auto findings = ParseSanitizerLog(
      "WARNING: ThreadSanitizer: data race (pid=9)\n"
      "  Write of size 4 at 0x1 by thread T1:\n"
      "    #0 Counter::Add(int) /submission/counter.hpp:12:5 (test+0x10)\n"
      "  Previous read of size 4 at 0x1 by main thread:\n"
      "    #0 0x55d0 in Counter::Get() /submission/counter.hpp:20:12\n");
  ASSERT_EQ(findings.size(), 1u);
  ASSERT_EQ(findings[0].sections.size(), 2u);
  ASSERT_EQ(findings[0].sections[0].frames.size(), 1u);
  ExpectFrame(findings[0].sections[0].frames[0], "Counter::Add(int)", "/submission/counter.hpp",
              12);
  ASSERT_EQ(findings[0].sections[1].frames.size(), 1u);
  ExpectFrame(findings[0].sections[1].frames[0], "Counter::Get()", "/submission/counter.hpp", 20);
}

TEST(SanitizerReportTest, GarbageHasNoFindings) {
  EXPECT_TRUE(ParseSanitizerLog(ReadData("garbage.txt")).empty());
  EXPECT_TRUE(ParseSanitizerLog("").empty());
  EXPECT_TRUE(ParseSanitizerLog("\n\n\n").empty());
}

TEST(SanitizerReportTest, HeaderAloneIsStillAFinding) {
  const auto findings = ParseSanitizerLog("WARNING: ThreadSanitizer: data race (pid=7)");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, "data race");
  EXPECT_TRUE(findings[0].sections.empty());
}

TEST(SanitizerReportTest, LogWithSeveralReportsYieldsEachInOrder) {
  const auto findings = ParseSanitizerLog(ReadData("data_race.txt") + ReadData("overflow.txt") +
                                          ReadData("lock_order.txt"));
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].kind, "data race");
  EXPECT_EQ(findings[0].sections.size(), 4u);
  EXPECT_EQ(findings[1].tool, "UndefinedBehaviorSanitizer");
  EXPECT_EQ(findings[2].kind, "lock-order-inversion (potential deadlock)");
  EXPECT_EQ(findings[2].sections.size(), 6u);
}

TEST(SanitizerReportTest, FirstStudentFramePicksStudentFile) {
  const auto race = ParseSanitizerLog(ReadData("data_race.txt")).at(0);
  const ReportSection& read = race.sections.at(0);

  const StackFrame* own = FirstStudentFrame(read, {"counter.hpp"}, "/submission");
  ASSERT_NE(own, nullptr);
  ExpectFrame(*own, "Counter::Increment()", "/submission/counter.hpp", 7);

  own = FirstStudentFrame(read, {"data_race.cpp"}, "/submission");
  ASSERT_NE(own, nullptr);
  ExpectFrame(*own, "Work()", "/submission/data_race.cpp", 9);

  EXPECT_EQ(FirstStudentFrame(read, {}, "/submission"), nullptr);
  EXPECT_EQ(FirstStudentFrame(read, {"counter.hpp"}, "/elsewhere"), nullptr);
}

TEST(SanitizerReportTest, FirstStudentFrameSkipsSameNamedFileOutsideWorkspace) {
  const auto race = ParseSanitizerLog(ReadData("data_race.txt")).at(0);
  // /usr/include/c++/12/bits/std_thread.h and invoke.h are in the stack; a student file of
  // the same name is not them.
  EXPECT_EQ(FirstStudentFrame(race.sections.at(0), {"std_thread.h", "invoke.h"}, "/submission"),
            nullptr);
}

TEST(SanitizerReportTest, FirstStudentFrameAcceptsRelativeFrameFile) {
  const auto overflow = ParseSanitizerLog(ReadData("overflow.txt")).at(0);
  const StackFrame* own =
      FirstStudentFrame(overflow.sections.at(0), {"overflow.cpp"}, "/submission");
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->file, "overflow.cpp");
  EXPECT_EQ(own->line, 6);
}

TEST(SanitizerReportTest, FirstStudentFrameMatchesDotSlashPath) {
  const ReportSection section{"Write of size 4 at 0x1 by thread T1:",
                              {{"std::mutex::lock()", "/usr/include/c++/12/bits/std_mutex.h", 100},
                               {"Counter::Add()", "/submission/./counter.hpp", 12}}};
  const StackFrame* own = FirstStudentFrame(section, {"counter.hpp"}, "/submission");
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->line, 12);
}

TEST(WorkspaceRelativeTest, StripsWorkspaceAndDotSlash) {
  EXPECT_EQ(WorkspaceRelative("/submission/./counter.hpp", "/submission"), "counter.hpp");
  EXPECT_EQ(WorkspaceRelative("/submission/counter.hpp", "/submission"), "counter.hpp");
  EXPECT_EQ(WorkspaceRelative("./counter.hpp", "/submission"), "counter.hpp");
  EXPECT_EQ(WorkspaceRelative("/submission/.grader/glue/g.cpp", "/submission"),
            ".grader/glue/g.cpp");
}

TEST(WorkspaceRelativeTest, LeavesOtherPathsAlone) {
  EXPECT_EQ(WorkspaceRelative("/usr/include/c++/12/mutex", "/submission"),
            "/usr/include/c++/12/mutex");
  EXPECT_EQ(WorkspaceRelative("/submission2/counter.hpp", "/submission"),
            "/submission2/counter.hpp");
  EXPECT_EQ(WorkspaceRelative("counter.hpp", "/submission"), "counter.hpp");
  EXPECT_EQ(WorkspaceRelative("", "/submission"), "");
}

}  // namespace
}  // namespace grader
