// ParseGdbBacktraces and the reading of threads, on real gdb output saved by
// data/gdb_generate.sh, and on output cut short or garbled.
#include "judge/thread_stacks.h"

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace grader {
namespace {

using namespace std::string_view_literals;

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(GRADER_TEST_DATA) + "/data/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const ThreadStack& Thread(const std::vector<ThreadStack>& threads, int number) {
  for (const ThreadStack& thread : threads) {
    if (thread.number == number) return thread;
  }
  throw std::out_of_range("no thread " + std::to_string(number));
}

ThreadActivity Activity(const ThreadStack& thread, const std::string& student_file) {
  const auto own = StudentFrameIndices(thread, {student_file}, "/submission");
  return ActivityOf(thread, own.empty() ? thread.frames.size() : own.front());
}

TEST(ThreadStacksTest, ReadsEveryThreadWithItsFramesInNumberOrder) {
  const auto threads = ParseGdbBacktraces(Fixture("gdb_two_mutexes.txt"));
  ASSERT_EQ(threads.size(), 3u);
  EXPECT_EQ(threads[0].number, 1);
  EXPECT_EQ(threads[2].number, 3);
  const ThreadStack& worker = Thread(threads, 2);
  EXPECT_GT(worker.lwp, 0);
  EXPECT_EQ(worker.name, "worker-a");
  ASSERT_EQ(worker.frames.size(), 16u);
  EXPECT_EQ(worker.frames[0].function, "futex_wait");
  EXPECT_EQ(worker.frames[0].file, "../sysdeps/nptl/futex-internal.h");
  EXPECT_EQ(worker.frames[0].line, 146);
  EXPECT_EQ(worker.frames[7].function, "(anonymous namespace)::LockFirstThenSecond");
  EXPECT_EQ(worker.frames[7].file, "gdb_hangs.cpp");
  EXPECT_EQ(worker.frames[7].line, 25);
  EXPECT_EQ(worker.frames[12].function,
            "std::thread::_State_impl<std::thread::_Invoker<std::tuple<void (*)()> > >::_M_run");
  EXPECT_EQ(worker.frames[13].function, "??");
  EXPECT_EQ(worker.frames[13].file, "");
  EXPECT_EQ(Thread(threads, 1).frames[4].function, "std::thread::join()");
  EXPECT_EQ(Thread(threads, 3).name, "worker-b");
}

TEST(ThreadStacksTest, NamesTheLockAThreadWaitsForAndTheStandardCallThatTookIt) {
  const auto threads = ParseGdbBacktraces(Fixture("gdb_two_mutexes.txt"));
  const ThreadActivity worker = Activity(Thread(threads, 3), "gdb_hangs.cpp");
  EXPECT_TRUE(worker.blocked);
  EXPECT_EQ(worker.function, "pthread_mutex_lock");
  EXPECT_EQ(worker.via, "std::lock_guard<std::mutex>::lock_guard");
  const ThreadActivity main = Activity(Thread(threads, 1), "gdb_hangs.cpp");
  EXPECT_TRUE(main.blocked);
  EXPECT_EQ(main.function, "pthread_join");
  EXPECT_EQ(main.via, "std::thread::join");
}

TEST(ThreadStacksTest, FindsTheStudentsFramesAndLeavesOutThreadSanitizersThread) {
  const auto threads = ParseGdbBacktraces(Fixture("gdb_tsan_self_lock.txt"));
  ASSERT_EQ(threads.size(), 6u);
  EXPECT_TRUE(IsRuntimeThread(Thread(threads, 2)));
  for (int number : {1, 3, 4, 5, 6}) EXPECT_FALSE(IsRuntimeThread(Thread(threads, number)));
  const ThreadStack& nested = Thread(threads, 3);
  EXPECT_EQ(StudentFrameIndices(nested, {"gdb_hangs.cpp"}, "/submission"),
            (std::vector<std::size_t>{8, 9, 10}));
  EXPECT_EQ(nested.frames[8].function, "(anonymous namespace)::Counter::add");
  EXPECT_EQ(nested.frames[9].line, 39);
  EXPECT_TRUE(StudentFrameIndices(nested, {"other.hpp"}, "/submission").empty());
  // Through ThreadSanitizer's interceptor, still the same call.
  const ThreadActivity activity = Activity(nested, "gdb_hangs.cpp");
  EXPECT_EQ(activity.function, "pthread_mutex_lock");
  EXPECT_EQ(activity.via, "std::lock_guard<std::mutex>::lock_guard");
  EXPECT_EQ(Activity(Thread(threads, 1), "gdb_hangs.cpp").function, "pthread_join");
}

TEST(ThreadStacksTest, ReadsTheGradersOwnRunWithTheChaosRuntimesWrapper) {
  const auto threads = ParseGdbBacktraces(Fixture("gdb_grader_asan_self_lock.txt"));
  ASSERT_EQ(threads.size(), 1u);
  const ThreadStack& thread = threads[0];
  EXPECT_EQ(thread.name, "test");
  // "./counter.hpp" is the student's; the driver's absolute path outside is not.
  const auto own = StudentFrameIndices(thread, {"counter.hpp"}, "/submission");
  ASSERT_EQ(own, (std::vector<std::size_t>{8, 9}));
  EXPECT_EQ(thread.frames[8].line, 27);
  EXPECT_EQ(thread.frames[9].function, "Counter::increment");
  const ThreadActivity activity = ActivityOf(thread, own[0]);
  EXPECT_TRUE(activity.blocked);
  EXPECT_EQ(activity.function, "pthread_mutex_lock");  // __wrap_pthread_mutex_lock
  EXPECT_EQ(activity.via, "std::lock_guard<std::mutex>::lock_guard");
}

TEST(ThreadStacksTest, ACondvarWaitAndABusyLoop) {
  const auto waiting = ParseGdbBacktraces(Fixture("gdb_lost_wakeup.txt"));
  const ThreadActivity consumer = Activity(Thread(waiting, 2), "gdb_hangs.cpp");
  EXPECT_TRUE(consumer.blocked);
  EXPECT_EQ(consumer.function, "pthread_cond_wait");
  EXPECT_EQ(consumer.via, "");

  const auto spinning = ParseGdbBacktraces(Fixture("gdb_asan_busy_loop.txt"));
  const ThreadActivity spinner = Activity(Thread(spinning, 2), "gdb_hangs.cpp");
  EXPECT_FALSE(spinner.blocked);
  EXPECT_EQ(spinner.function, "std::__atomic_base<long long>::load");
  EXPECT_EQ(spinner.frame, 0u);
}

TEST(ThreadStacksTest, ABusyLoopUnderThreadSanitizerIsNotNamedByItsChecks) {
  const auto threads = ParseGdbBacktraces(Fixture("gdb_tsan_busy_loop.txt"));
  const ThreadStack& spinner = Thread(threads, 3);
  EXPECT_EQ(spinner.frames[0].function, "__tsan::MemoryAccess");
  const ThreadActivity activity = Activity(spinner, "gdb_hangs.cpp");
  EXPECT_FALSE(activity.blocked);
  EXPECT_EQ(activity.function, "std::__atomic_base<long long>::load");
  EXPECT_EQ(activity.frame, 4u);
  // With only instrumentation above the student's frame, the loop is the student's own.
  ThreadStack inlined = spinner;
  inlined.frames.erase(inlined.frames.begin() + 4);
  const ThreadActivity own = ActivityOf(inlined, 4);
  EXPECT_EQ(own.frame, 4u);
  EXPECT_EQ(own.function, "(anonymous namespace)::Spin");
}

TEST(ThreadStacksTest, WithoutDebugInformationTheExportedNamesStillTell) {
  const auto threads = ParseGdbBacktraces(Fixture("gdb_no_debug_info.txt"));
  ASSERT_EQ(threads.size(), 3u);
  const ThreadStack& worker = Thread(threads, 2);
  EXPECT_EQ(worker.frames[1].function, "pthread_mutex_lock");
  EXPECT_EQ(worker.frames[1].file, "");
  EXPECT_EQ(worker.frames[1].line, 0);
  EXPECT_EQ(Activity(worker, "gdb_hangs.cpp").function, "pthread_mutex_lock");
  const ThreadActivity main = Activity(Thread(threads, 1), "gdb_hangs.cpp");
  EXPECT_TRUE(main.blocked);
  EXPECT_EQ(main.function, "std::thread::join");
}

TEST(ThreadStacksTest, ReadsFramesWithAddressesAndLibraries) {
  const auto threads = ParseGdbBacktraces(
      "Thread 2 (LWP 17180 \"deadlock\"):\n"
      "#1  __GI___lll_lock_wait (futex=..., private=...) at ./nptl/lowlevellock.c:49\n"
      "#2  0x00007f5721aaa482 in lll_mutex_lock_optimized (mutex=...) at "
      "./nptl/pthread_mutex_lock.c:48\n"
      "#7  0x0000556b4a7072e4 in LockSecondThenFirst () at deadlock.cpp:17\n"
      "#13 0x00007f5721cd44a3 in ?? () from /lib/x86_64-linux-gnu/libstdc++.so.6\n"
      "#14 0x00007f5721cd4517 in std::thread::join() () from /lib/libstdc++.so.6\n"
      "#15 <signal handler called>\n"
      "Backtrace stopped: previous frame inner to this frame (corrupt stack?)\n"
      "Thread 1 (process 17179):\n"
      "#0  main () at my file.cpp:3\n");
  ASSERT_EQ(threads.size(), 2u);
  EXPECT_EQ(threads[0].lwp, 17179);
  EXPECT_EQ(threads[0].frames.at(0).file, "my file.cpp");
  const ThreadStack& thread = threads[1];
  EXPECT_EQ(thread.lwp, 17180);
  EXPECT_EQ(thread.name, "deadlock");
  ASSERT_EQ(thread.frames.size(), 6u);
  EXPECT_EQ(thread.frames[1].function, "lll_mutex_lock_optimized");
  EXPECT_EQ(thread.frames[2].function, "LockSecondThenFirst");
  EXPECT_EQ(thread.frames[2].file, "deadlock.cpp");
  EXPECT_EQ(thread.frames[2].line, 17);
  EXPECT_EQ(thread.frames[3].function, "??");
  EXPECT_EQ(thread.frames[4].function, "std::thread::join()");
  EXPECT_EQ(thread.frames[4].file, "");
  EXPECT_EQ(thread.frames[5].function, "<signal handler called>");
}

TEST(ThreadStacksTest, OutputCutAnywhereKeepsWhatCameBefore) {
  const std::string text = Fixture("gdb_tsan_self_lock.txt");
  const std::size_t full = ParseGdbBacktraces(text).size();
  std::size_t last_threads = 0;
  for (std::size_t length = 0; length <= text.size(); length += 7) {
    const auto threads = ParseGdbBacktraces(text.substr(0, length));
    EXPECT_GE(threads.size(), last_threads) << length;
    last_threads = threads.size();
    for (const ThreadStack& thread : threads) {
      for (const StackFrame& frame : thread.frames) EXPECT_FALSE(frame.function.empty());
    }
  }
  EXPECT_EQ(last_threads, full);
  // A frame line cut in the middle is dropped, not read as a shorter name.
  const std::size_t cut = text.find("Counter::add") + 8;
  const auto threads = ParseGdbBacktraces(text.substr(0, cut));
  EXPECT_EQ(Thread(threads, 3).frames.size(), 8u);
}

TEST(ThreadStacksTest, GarbageYieldsNothingAndNeverThrows) {
  EXPECT_TRUE(ParseGdbBacktraces("").empty());
  EXPECT_TRUE(ParseGdbBacktraces("ptrace: Operation not permitted.\n").empty());
  const auto odd = ParseGdbBacktraces(
      "Thread x (Thread 1):\nThread 1 ():\n#\n#12\n# 0x in\n#1  0x12\n#2  0x1 in \n"
      "#3  (((((\n#4  )))))) at :\n#5  f (x at y.cpp:notanumber\n#99999999999999 f ()\n"
      "Thread 2 (LWP 99999999999999999 \"):\n\xff\xfe\x00garbage\n"sv);
  ASSERT_EQ(odd.size(), 2u);
  EXPECT_EQ(odd[0].number, 1);
  EXPECT_EQ(odd[1].lwp, 0);
  for (const ThreadStack& thread : odd) {
    for (const StackFrame& frame : thread.frames) EXPECT_FALSE(frame.function.empty());
    EXPECT_FALSE(IsRuntimeThread(thread));
    ActivityOf(thread, thread.frames.size());
  }
  EXPECT_EQ(ActivityOf(ThreadStack{}, 0).function, "");
}

TEST(ThreadStacksTest, ShortFunctionNamesDropParametersAndQualifiers) {
  EXPECT_EQ(ShortFunctionName("std::condition_variable::wait(std::unique_lock<std::mutex>&)"),
            "std::condition_variable::wait");
  EXPECT_EQ(ShortFunctionName("Counter::value() const"), "Counter::value");
  EXPECT_EQ(ShortFunctionName("Counter::increment"), "Counter::increment");
  EXPECT_EQ(ShortFunctionName("operator()"), "operator()");
  EXPECT_EQ(ShortFunctionName("Task::operator()(int) const"), "Task::operator()");
  EXPECT_EQ(ShortFunctionName("std::thread::_Invoker<std::tuple<void (*)()> >::_M_run"),
            "std::thread::_Invoker<std::tuple<void (*)()> >::_M_run");
  EXPECT_EQ(ShortFunctionName("f(("), "f((");
}

}  // namespace
}  // namespace grader
