// ResourceGroup on the machine's real cgroups: membership, the memory and task limits, and
// killing members that left the process group. Skipped where no cgroup hierarchy is writable.
#include "process/resource_group.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "process/process_tree.h"
#include "process/subprocess.h"
#include "process_test_util.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

constexpr std::uint64_t kMiB = 1 << 20;

bool MembersGoneWithin(const ResourceGroup& group, milliseconds patience) {
  const auto end = std::chrono::steady_clock::now() + patience;
  while (!group.Members().empty()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return true;
}

std::vector<int> Sorted(std::vector<int> pids) {
  std::sort(pids.begin(), pids.end());
  return pids;
}

class ResourceGroupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (ResourceGroup::Available() == CgroupVersion::kNone) {
      GTEST_SKIP() << "no writable cgroup hierarchy with the memory and pids controllers";
    }
  }

  void TearDown() override {
    // The escaped shell leads its own process group, its sleep included.
    const std::string escaped = testing::ReadFile(pid_file_);
    if (!escaped.empty()) kill(-std::stoi(escaped), SIGKILL);
    testing::KillProcessesWithMarker(marker_);
    EXPECT_TRUE(testing::ZombieChildren().empty());
  }

  // `script` run by sh with the marker as $0, a member of `group` from its start.
  SubprocessOptions Shell(const std::string& script, const ResourceGroup& group) const {
    SubprocessOptions options;
    options.argv = {"sh", "-c", script, marker_};
    options.wall_timeout = milliseconds(30'000);
    options.join_cgroups = group.ProcsFiles();
    return options;
  }

  // A script that starts a process in a session of its own (beyond any group kill), with
  // the marker in its command line, and returns once that process has written its pid.
  std::string EscapeScript() const {
    return "setsid sh -c 'echo $$ > \"$1\"; sleep 60; true' \"$0\" " + pid_file_.string() +
           " >/dev/null 2>&1 &\n"
           "while [ ! -s " + pid_file_.string() + " ]; do sleep 0.02; done";
  }

  int EscapedPid() const { return std::stoi(testing::ReadFile(pid_file_)); }

  const std::string marker_ = testing::UniqueMarker();
  testing::TempDir temp_;
  const fs::path pid_file_ = temp_.path() / "escaped.pid";
};

TEST(ResourceGroupVersionTest, NamesEachVersion) {
  EXPECT_EQ(ResourceGroup::VersionName(CgroupVersion::kV2), "cgroup v2");
  EXPECT_EQ(ResourceGroup::VersionName(CgroupVersion::kV1), "cgroup v1");
  EXPECT_EQ(ResourceGroup::VersionName(CgroupVersion::kNone), "none");
}

TEST_F(ResourceGroupTest, NewGroupIsEmptyAndHasHitNoLimit) {
  ResourceGroup group(GroupLimits{64 * kMiB, 10});
  EXPECT_TRUE(group.Members().empty());
  EXPECT_FALSE(group.MemoryLimitHit());
  EXPECT_EQ(group.TaskLimitHits(), 0);
  for (const fs::path& file : group.ProcsFiles()) {
    EXPECT_EQ(file.filename(), "cgroup.procs");
    EXPECT_TRUE(fs::exists(file)) << file;
  }
}

TEST_F(ResourceGroupTest, EachGroupHasItsOwnFolders) {
  ResourceGroup first(GroupLimits{});
  ResourceGroup second(GroupLimits{});
  const std::vector<fs::path> first_files = first.ProcsFiles();
  for (const fs::path& file : second.ProcsFiles()) {
    EXPECT_EQ(std::find(first_files.begin(), first_files.end(), file), first_files.end())
        << file << " is shared";
  }
}

TEST_F(ResourceGroupTest, JoinedChildAndEverythingItStartsAreMembersWhileTheyRun) {
  ResourceGroup group(GroupLimits{256 * kMiB, 50});
  SubprocessOptions options = Shell("sleep 100 & sleep 100 & wait", group);
  int child = 0;
  std::vector<int> members;
  std::vector<int> tree;
  options.watchdog = [&](int pid) -> std::string {
    child = pid;
    members = group.Members();
    if (members.size() < 3) return "";
    tree = ProcessTreePids(pid);
    return "all three started";
  };
  const SubprocessResult result = RunSubprocess(options);

  ASSERT_EQ(result.watchdog_reason, "all three started") << "members: " << members.size();
  EXPECT_NE(std::find(members.begin(), members.end(), child), members.end());
  EXPECT_EQ(Sorted(members), Sorted(tree));
  EXPECT_TRUE(MembersGoneWithin(group, milliseconds(2000)));
}

TEST_F(ResourceGroupTest, QuietRunHitsNoLimit) {
  ResourceGroup group(GroupLimits{64 * kMiB, 10});
  const SubprocessResult result = RunSubprocess(Shell("echo quiet", group));
  EXPECT_TRUE(result.status.Success()) << DescribeExit(result.status);
  EXPECT_EQ(result.out, "quiet\n");
  EXPECT_FALSE(group.MemoryLimitHit());
  EXPECT_EQ(group.TaskLimitHits(), 0);
  EXPECT_GT(group.MemoryPeak(), 0u);
  EXPECT_LT(group.MemoryPeak(), 64 * kMiB);
}

TEST_F(ResourceGroupTest, MemoryHogIsKilledAtTheLimit) {
  constexpr std::uint64_t kLimit = 64 * kMiB;
  ResourceGroup group(GroupLimits{kLimit, 0});
  // The shell holds the whole 200 MB of the command substitution in its own memory.
  const SubprocessResult result = RunSubprocess(
      Shell("x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo done ${#x}", group));

  EXPECT_FALSE(result.timed_out);
  EXPECT_TRUE(result.status.signaled) << DescribeExit(result.status) << "\n" << result.out;
  EXPECT_EQ(result.status.signal, SIGKILL);
  EXPECT_EQ(result.out, "");
  EXPECT_TRUE(group.MemoryLimitHit());
  EXPECT_GE(group.MemoryPeak(), kLimit * 3 / 4);
  EXPECT_LE(group.MemoryPeak(), kLimit + kMiB);
}

TEST_F(ResourceGroupTest, ForkLoopStopsAtTheTaskLimit) {
  ResourceGroup group(GroupLimits{0, 10});
  SubprocessOptions options = Shell(
      "i=0; while [ $i -lt 100 ]; do sleep 5 & i=$((i+1)); done; wait", group);
  options.kill_escaped = [&group] { group.KillAll(); };
  const SubprocessResult result = RunSubprocess(options);

  EXPECT_FALSE(result.status.Success()) << "all 100 forks succeeded";
  EXPECT_GT(group.TaskLimitHits(), 0) << result.err;
  EXPECT_TRUE(MembersGoneWithin(group, milliseconds(2000)));
}

// xargs waits for a child to end and tries again when fork fails, so the tree keeps running
// at the limit, where it can be watched.
TEST_F(ResourceGroupTest, TreeNeverHoldsMoreTasksThanTheLimit) {
  constexpr int kTasks = 10;
  ResourceGroup group(GroupLimits{0, kTasks});
  SubprocessOptions options =
      Shell("yes 0.2 | head -n 60 | xargs -P 60 -n 1 sleep; echo finished", group);
  std::size_t most_members = 0;
  options.watchdog = [&](int) -> std::string {
    most_members = std::max(most_members, group.Members().size());
    return "";
  };
  const SubprocessResult result = RunSubprocess(options);

  EXPECT_EQ(result.out, "finished\n") << result.err;
  EXPECT_GT(group.TaskLimitHits(), 0) << result.err;
  EXPECT_LE(most_members, static_cast<std::size_t>(kTasks));
  EXPECT_GT(most_members, static_cast<std::size_t>(kTasks / 2));
}

TEST_F(ResourceGroupTest, KillAllEndsMembersThatLeftTheProcessGroup) {
  ResourceGroup group(GroupLimits{});
  const SubprocessResult result = RunSubprocess(Shell(EscapeScript(), group));
  ASSERT_TRUE(result.status.Success()) << DescribeExit(result.status) << "\n" << result.err;

  // The run's group kill missed it: it is still alive and still a member.
  const int escaped = EscapedPid();
  ASSERT_EQ(kill(escaped, 0), 0);
  EXPECT_NE(getsid(escaped), getsid(0));
  const std::vector<int> before = group.Members();
  EXPECT_NE(std::find(before.begin(), before.end(), escaped), before.end());

  group.KillAll();
  EXPECT_TRUE(group.Members().empty());
  EXPECT_TRUE(testing::NoProcessWithMarkerWithin(marker_, milliseconds(2000)));
}

TEST_F(ResourceGroupTest, KillAllOnAnEmptyGroupReturnsAtOnce) {
  ResourceGroup group(GroupLimits{});
  const auto start = std::chrono::steady_clock::now();
  group.KillAll();
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(900));
}

TEST_F(ResourceGroupTest, DestructorKillsMembersAndRemovesTheFolders) {
  std::vector<fs::path> folders;
  {
    ResourceGroup group(GroupLimits{64 * kMiB, 10});
    for (const fs::path& file : group.ProcsFiles()) folders.push_back(file.parent_path());
    const SubprocessResult result = RunSubprocess(Shell(EscapeScript(), group));
    ASSERT_TRUE(result.status.Success()) << DescribeExit(result.status) << "\n" << result.err;
    ASSERT_FALSE(group.Members().empty());
    for (const fs::path& folder : folders) ASSERT_TRUE(fs::is_directory(folder)) << folder;
  }
  ASSERT_FALSE(folders.empty());
  for (const fs::path& folder : folders) EXPECT_FALSE(fs::exists(folder)) << folder;
  EXPECT_TRUE(testing::NoProcessWithMarkerWithin(marker_, milliseconds(2000)));
}

}  // namespace
}  // namespace grader
