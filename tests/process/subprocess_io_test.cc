// RunSubprocess: stdin, stdout and stderr pipes, output caps, inherited descriptors and
// signal state.
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "process/subprocess.h"
#include "process_test_util.h"

namespace grader {
namespace {

using std::chrono::milliseconds;

class SubprocessIoTest : public ::testing::Test {
 protected:
  void TearDown() override {
    EXPECT_TRUE(testing::ZombieChildren().empty());
    EXPECT_TRUE(testing::HasNoChildren());
  }
};

std::string Pattern(std::size_t size) {
  std::string data(size, '\0');
  for (std::size_t i = 0; i < size; ++i) data[i] = static_cast<char>('a' + (i * 7 + i / 997) % 26);
  return data;
}

TEST_F(SubprocessIoTest, SeparatesStdoutAndStderr) {
  SubprocessOptions options;
  options.argv = {"sh", "-c", "echo out; echo err >&2; echo out2"};
  SubprocessResult result = RunSubprocess(options);
  EXPECT_EQ(result.out, "out\nout2\n");
  EXPECT_EQ(result.err, "err\n");
  EXPECT_EQ(result.out_total, 9u);
  EXPECT_EQ(result.err_total, 4u);
  EXPECT_FALSE(result.output_overflow);
}

TEST_F(SubprocessIoTest, FeedsStdinThenClosesIt) {
  SubprocessOptions options;
  options.argv = {"sh", "-c", "cat; echo end"};
  options.stdin_data = "hello\n";
  EXPECT_EQ(RunSubprocess(options).out, "hello\nend\n");
}

TEST_F(SubprocessIoTest, EmptyStdinIsClosedAtOnce) {
  SubprocessOptions options;
  options.argv = {"wc", "-c"};
  options.wall_timeout = milliseconds(5000);
  SubprocessResult result = RunSubprocess(options);
  EXPECT_FALSE(result.timed_out);
  EXPECT_EQ(result.out, "0\n");
}

TEST_F(SubprocessIoTest, LargeStdinAndStdoutAtOnceDoNotDeadlock) {
  const std::string data = Pattern(8 << 20);
  SubprocessOptions options;
  options.argv = {"cat"};
  options.stdin_data = data;
  options.stdout_cap = 16 << 20;
  options.wall_timeout = milliseconds(30'000);
  SubprocessResult result = RunSubprocess(options);
  EXPECT_FALSE(result.timed_out);
  EXPECT_TRUE(result.status.Success());
  EXPECT_EQ(result.out_total, data.size());
  EXPECT_TRUE(result.out == data);
}

TEST_F(SubprocessIoTest, ChildThatNeverReadsStdinDoesNotBlockTheHarness) {
  SubprocessOptions options;
  options.argv = {"sleep", "0.2"};
  options.stdin_data = Pattern(8 << 20);
  options.wall_timeout = milliseconds(10'000);
  SubprocessResult result = RunSubprocess(options);
  EXPECT_FALSE(result.timed_out);
  EXPECT_TRUE(result.status.Success());
  EXPECT_LT(result.wall_time, milliseconds(2000));
}

TEST_F(SubprocessIoTest, BrokenStdinPipeRaisesNoSignalInTheHarness) {
  SubprocessOptions options;
  options.argv = {"sh", "-c", "exec 0<&-; sleep 0.1"};
  options.stdin_data = Pattern(4 << 20);
  SubprocessResult result = RunSubprocess(options);
  EXPECT_TRUE(result.status.Success());
  sigset_t pending;
  sigemptyset(&pending);
  sigpending(&pending);
  EXPECT_EQ(sigismember(&pending, SIGPIPE), 0);
  sigset_t mask;
  pthread_sigmask(SIG_SETMASK, nullptr, &mask);
  EXPECT_EQ(sigismember(&mask, SIGPIPE), 0) << "the thread's mask was not restored";
}

TEST_F(SubprocessIoTest, KeepsCapBytesAndCountsTheRest) {
  SubprocessOptions options;
  options.argv = {"head", "-c", "10M", "/dev/zero"};
  options.stdout_cap = 1 << 20;
  SubprocessResult result = RunSubprocess(options);
  EXPECT_TRUE(result.status.Success());
  EXPECT_EQ(result.out.size(), 1u << 20);
  EXPECT_EQ(result.out_total, 10u << 20);
  EXPECT_TRUE(result.output_overflow);
}

TEST_F(SubprocessIoTest, CapsStderrIndependently) {
  SubprocessOptions options;
  options.argv = {"sh", "-c", "echo small; head -c 5000 /dev/zero >&2"};
  options.stderr_cap = 100;
  SubprocessResult result = RunSubprocess(options);
  EXPECT_EQ(result.out, "small\n");
  EXPECT_EQ(result.err.size(), 100u);
  EXPECT_EQ(result.err_total, 5000u);
  EXPECT_TRUE(result.output_overflow);
}

TEST_F(SubprocessIoTest, KillsOnOutputOverflowWhenAsked) {
  SubprocessOptions options;
  options.argv = {"yes"};
  options.stdout_cap = 64 << 10;
  options.kill_on_output_overflow = true;
  options.wall_timeout = milliseconds(10'000);
  SubprocessResult result = RunSubprocess(options);
  EXPECT_TRUE(result.output_overflow);
  EXPECT_FALSE(result.timed_out);
  EXPECT_TRUE(result.status.signaled);
  EXPECT_EQ(result.status.signal, SIGKILL);
  EXPECT_EQ(result.out.size(), 64u << 10);
  EXPECT_GT(result.out_total, 64u << 10);
  EXPECT_LT(result.wall_time, milliseconds(2000));
}

// The descriptors of the child, observed from outside while it sleeps.
std::set<std::string> DescriptorsOf(int pid) {
  std::set<std::string> fds;
  for (const auto& entry :
       std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) {
    fds.insert(entry.path().filename().string());
  }
  return fds;
}

TEST_F(SubprocessIoTest, ChildInheritsOnlyStdio) {
  // Descriptors the harness opened without close-on-exec must not reach the child either.
  int leaky = open("/dev/null", O_RDONLY);
  int leaky_pipe[2];
  ASSERT_EQ(pipe(leaky_pipe), 0);
  std::set<std::string> seen;
  SubprocessOptions options;
  options.argv = {"sleep", "10"};
  options.wall_timeout = milliseconds(300);
  options.before_deadline_kill = [&seen](int pid) { seen = DescriptorsOf(pid); };
  RunSubprocess(options);
  close(leaky);
  close(leaky_pipe[0]);
  close(leaky_pipe[1]);
  EXPECT_EQ(seen, (std::set<std::string>{"0", "1", "2"}));
}

TEST_F(SubprocessIoTest, ChildStartsWithDefaultSignalStateAndNoMask) {
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  struct sigaction saved_action {};
  sigaction(SIGINT, &ignore, &saved_action);
  sigset_t block, saved_mask;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &block, &saved_mask);

  SubprocessOptions options;
  options.argv = {"grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"};
  SubprocessResult result = RunSubprocess(options);

  pthread_sigmask(SIG_SETMASK, &saved_mask, nullptr);
  sigaction(SIGINT, &saved_action, nullptr);
  EXPECT_EQ(result.out, "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n");
}

TEST_F(SubprocessIoTest, ConcurrentRunsKeepTheirPipesApart) {
  // A pipe end leaking into a sibling's child would hold back cat's end of input or mix
  // outputs; either shows as a timeout or a wrong echo.
  constexpr int kThreads = 6;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &failures] {
      for (int round = 0; round < 5; ++round) {
        SubprocessOptions options;
        options.argv = {"cat"};
        options.stdin_data = std::to_string(t) + Pattern(50'000 * (t + 1));
        options.wall_timeout = milliseconds(20'000);
        SubprocessResult result = RunSubprocess(options);
        if (result.timed_out || result.out != options.stdin_data) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace grader
