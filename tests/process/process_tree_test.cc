// Reading live process trees and disk usage: MeasureProcessTree, StoppedCopiesOfRoot,
// DiskUsage. Trees are real children observed from RunSubprocess's watchdog while they run.
#include "process/process_tree.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "process/subprocess.h"
#include "process_test_util.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

constexpr std::uint64_t kMiB = 1 << 20;

// The state letter of /proc/<pid>/stat ('R', 'S', 'T', ...); '?' once the process is gone.
char StateOf(int pid) {
  char state = '?';
  int ppid = 0;
  testing::ReadStat("/proc/" + std::to_string(pid), &state, &ppid);
  return state;
}

class ProcessTreeTest : public ::testing::Test {
 protected:
  void TearDown() override {
    EXPECT_TRUE(testing::ZombieChildren().empty());
    EXPECT_TRUE(testing::HasNoChildren());
  }

  static SubprocessOptions Shell(const std::string& script) {
    SubprocessOptions options;
    options.argv = {"sh", "-c", script};
    options.wall_timeout = milliseconds(20'000);
    return options;
  }

  testing::TempDir temp_;
};

TEST_F(ProcessTreeTest, MeasuresEveryProcessOfTheTree) {
  SubprocessOptions options = Shell("sleep 100 & sleep 100 & wait");
  TreeUsage usage;
  options.watchdog = [&usage](int pid) -> std::string {
    if (ProcessTreePids(pid).size() < 3) return "";
    usage = MeasureProcessTree(pid);
    return "measured";
  };
  const SubprocessResult result = RunSubprocess(options);
  ASSERT_EQ(result.watchdog_reason, "measured");
  EXPECT_GE(usage.processes, 3);
  EXPECT_GE(usage.tasks, 3);
  EXPECT_GT(usage.resident_bytes, 0u);
}

TEST_F(ProcessTreeTest, CountsTheResidentMemoryOfTheTree) {
  // The shell keeps 50 MB of command substitution resident while it sleeps.
  SubprocessOptions options =
      Shell("x=$(head -c 50000000 /dev/zero | tr '\\0' a); sleep 100; echo ${#x}");
  std::uint64_t resident = 0;
  options.watchdog = [&resident](int pid) -> std::string {
    resident = MeasureProcessTree(pid).resident_bytes;
    return resident >= 45 * 1000 * 1000 ? "big" : "";
  };
  const SubprocessResult result = RunSubprocess(options);
  EXPECT_EQ(result.watchdog_reason, "big") << "resident at the end: " << resident;
  EXPECT_LT(resident, 500 * kMiB);
}

TEST_F(ProcessTreeTest, CountsThreadsAsTasks) {
  std::atomic<bool> stop{false};
  std::thread worker([&stop] {
    while (!stop) std::this_thread::sleep_for(milliseconds(1));
  });
  const TreeUsage usage = MeasureProcessTree(getpid());
  stop = true;
  worker.join();
  EXPECT_GE(usage.processes, 1);
  EXPECT_GE(usage.tasks, usage.processes + 1);
  EXPECT_GT(usage.resident_bytes, 0u);
}

TEST_F(ProcessTreeTest, TreeOfAnExitedProcessIsEmpty) {
  const pid_t pid = fork();
  if (pid == 0) _exit(0);
  ASSERT_GT(pid, 0);
  ASSERT_EQ(waitpid(pid, nullptr, 0), pid);
  const TreeUsage usage = MeasureProcessTree(pid);
  EXPECT_EQ(usage.processes, 0);
  EXPECT_EQ(usage.tasks, 0);
  EXPECT_EQ(usage.resident_bytes, 0u);
}

TEST_F(ProcessTreeTest, ReportsAStoppedCopyOfTheRootButNotARunningOne) {
  // Four children of the root shell: a stopped shell, a stopped bash (another program), and
  // a sleeping shell with its sleep. Each stops itself once it runs its own program.
  SubprocessOptions options = Shell(
      "sh -c 'kill -STOP $$; true' & "
      "bash -c 'kill -STOP $$; true' & "
      "sh -c 'sleep 100; true' & "
      "wait");
  std::vector<int> stopped;
  std::string stopped_cmdline;
  int tree_size = 0;
  options.watchdog = [&](int pid) -> std::string {
    const std::vector<int> tree = ProcessTreePids(pid);
    const auto is_stopped = [](int member) { return StateOf(member) == 'T'; };
    if (tree.size() < 5 || std::count_if(tree.begin(), tree.end(), is_stopped) < 2) return "";
    tree_size = static_cast<int>(tree.size());
    stopped = StoppedCopiesOfRoot(pid);
    if (!stopped.empty()) {
      stopped_cmdline = testing::ReadFile("/proc/" + std::to_string(stopped[0]) + "/cmdline");
    }
    return "observed";
  };
  const SubprocessResult result = RunSubprocess(options);
  ASSERT_EQ(result.watchdog_reason, "observed");
  EXPECT_EQ(tree_size, 5);
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_NE(stopped_cmdline.find("sh"), std::string::npos) << stopped_cmdline;
  EXPECT_EQ(stopped_cmdline.find("bash"), std::string::npos) << stopped_cmdline;
}

TEST_F(ProcessTreeTest, RunningTreeHasNoStoppedCopies) {
  SubprocessOptions options = Shell("sh -c 'sleep 100; true' & sleep 100 & wait");
  std::vector<int> stopped;
  int observations = 0;
  options.watchdog = [&](int pid) -> std::string {
    if (ProcessTreePids(pid).size() < 4) return "";
    const std::vector<int> now = StoppedCopiesOfRoot(pid);
    stopped.insert(stopped.end(), now.begin(), now.end());
    return ++observations == 5 ? "observed" : "";
  };
  const SubprocessResult result = RunSubprocess(options);
  ASSERT_EQ(result.watchdog_reason, "observed");
  EXPECT_TRUE(stopped.empty());
}

TEST_F(ProcessTreeTest, RootThatStoppedItselfIsReported) {
  SubprocessOptions options = Shell("kill -STOP $$; echo resumed");
  std::vector<int> stopped;
  int root = 0;
  options.watchdog = [&](int pid) -> std::string {
    root = pid;
    stopped = StoppedCopiesOfRoot(pid);
    return stopped.empty() ? "" : "found";
  };
  const SubprocessResult result = RunSubprocess(options);
  ASSERT_EQ(result.watchdog_reason, "found");
  EXPECT_EQ(stopped, std::vector<int>{root});
}

TEST_F(ProcessTreeTest, DiskUsageCountsWrittenFilesInEveryFolder) {
  testing::WriteFile(temp_.path() / "a", std::string(kMiB, 'a'));
  fs::create_directories(temp_.path() / "sub" / "deeper");
  testing::WriteFile(temp_.path() / "sub" / "deeper" / "b", std::string(2 * kMiB, 'b'));
  const std::uint64_t usage = DiskUsage(temp_.path());
  EXPECT_GE(usage, 3 * kMiB);
  EXPECT_LT(usage, 4 * kMiB);
}

TEST_F(ProcessTreeTest, DiskUsageOfAnEmptyOrMissingFolderIsZero) {
  EXPECT_EQ(DiskUsage(temp_.path()), 0u);
  EXPECT_EQ(DiskUsage(temp_.path() / "missing"), 0u);
}

TEST_F(ProcessTreeTest, SparseFileCountsOnlyItsAllocatedBlocks) {
  const fs::path sparse = temp_.path() / "sparse";
  testing::WriteFile(sparse, "");
  fs::resize_file(sparse, 1ull << 30);
  ASSERT_EQ(fs::file_size(sparse), 1ull << 30);
  EXPECT_LT(DiskUsage(temp_.path()), kMiB);
}

TEST_F(ProcessTreeTest, DiskUsageDoesNotFollowSymlinks) {
  testing::TempDir other;
  testing::WriteFile(other.path() / "big", std::string(2 * kMiB, 'x'));
  fs::create_symlink(other.path() / "big", temp_.path() / "link-to-file");
  fs::create_directory_symlink(other.path(), temp_.path() / "link-to-folder");
  EXPECT_LT(DiskUsage(temp_.path()), kMiB);
}

// Too many entries to count is more than any limit: a flood of empty files cannot hide
// large ones behind it.
TEST_F(ProcessTreeTest, DiskUsageOfTooManyEntriesIsMoreThanAnyLimit) {
  constexpr int kFiles = 50;
  for (int i = 0; i < kFiles; ++i) {
    testing::WriteFile(temp_.path() / ("file" + std::to_string(i)), std::string(64 * 1024, 'f'));
  }
  const std::uint64_t all = DiskUsage(temp_.path());
  EXPECT_GE(all, kFiles * 64 * 1024u);
  EXPECT_LT(all, UINT64_MAX);
  EXPECT_EQ(DiskUsage(temp_.path(), kFiles), all);
  EXPECT_EQ(DiskUsage(temp_.path(), 10), UINT64_MAX);
  EXPECT_EQ(DiskUsage(temp_.path(), 0), UINT64_MAX);
}

}  // namespace
}  // namespace grader
