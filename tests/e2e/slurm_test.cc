// deploy/slurm on a real Slurm cluster: a single-node cluster on this machine
// (tests/e2e/slurm/single_node_cluster.sh: its own munged, slurmctld and slurmd, nothing of
// the machine's configuration touched), deploy/slurm/submit.sh grading a class of the sum
// exercise as a job array of 2 shards and a merge job that waits for it, and the merged OUT
// compared with a batch of the same class and seed graded on one machine
// (bench/compare_batch_outputs.py). The cluster is torn down whatever happens.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "e2e_util.h"

extern char** environ;

namespace grader::e2e {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The value of `key=` in scontrol's one-line output ("JobState=COMPLETED Reason=None").
std::string Field(const std::string& line, const std::string& key) {
  const std::size_t at = line.find(" " + key + "=");
  if (at == std::string::npos) return "";
  const std::size_t start = at + key.size() + 2;
  return line.substr(start, line.find_first_of(" \n", start) - start);
}

// Whether a job in `state` has yet to end: waiting, starting, running, or done with its
// script but still being cleaned up (COMPLETING); a job that ended reads COMPLETED, FAILED,
// CANCELLED, TIMEOUT and so on.
bool StillGoing(const std::string& state) {
  return state == "PENDING" || state == "CONFIGURING" || state == "RUNNING" ||
         state == "COMPLETING" || state == "SUSPENDED";
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(" " + line);  // so that every field follows a space
  }
  return lines;
}

fs::path ClusterScript() {
  return ProjectRoot() / "tests" / "e2e" / "slurm" / "single_node_cluster.sh";
}

class SlurmTest : public testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "a Slurm node (slurmd) needs root";
    root_ = dir_.path() / "class";
    const fs::path sum = ProjectRoot() / "reference" / "sum";
    Submit("alice", sum);
    Submit("bob", sum / "bad" / "bad-sum");
    Submit("carol", sum / "bad" / "infinite-loop");
    Submit("dave", sum / "bad" / "int-overflow");
    fs::create_directories(root_ / "erin");  // submitted nothing

    const SubprocessResult started =
        Run({"bash", ClusterScript().string(), "start", "--owner", std::to_string(getpid())},
            std::chrono::minutes(1));
    for (const std::string& line : Lines(started.out)) {
      if (line.starts_with(" cluster: ")) cluster_ = line.substr(10);
    }
    ASSERT_EQ(started.status.code, 0) << started.out << started.err;
    ASSERT_FALSE(cluster_.empty()) << started.out;
  }
  void TearDown() override {
    if (cluster_.empty()) return;
    const SubprocessResult stopped =
        Run({"bash", ClusterScript().string(), "stop", cluster_.string()},
            std::chrono::minutes(1));
    EXPECT_EQ(stopped.status.code, 0) << stopped.out << stopped.err;
    EXPECT_FALSE(fs::exists(cluster_)) << cluster_;
  }
  void Submit(const std::string& student, const fs::path& folder) {
    fs::create_directories(root_ / student / "sum");
    fs::copy_file(folder / "sum.cpp", root_ / student / "sum" / "sum.cpp");
  }

  // Runs a command with SLURM_CONF naming the test's cluster and GRADER the built grader.
  SubprocessResult Run(std::vector<std::string> argv, std::chrono::milliseconds timeout) {
    SubprocessOptions options;
    options.argv = std::move(argv);
    std::vector<std::string> env;
    for (char** entry = environ; *entry != nullptr; ++entry) {
      const std::string text = *entry;
      if (!text.starts_with("SLURM_CONF=") && !text.starts_with("GRADER=")) env.push_back(text);
    }
    if (!cluster_.empty()) env.push_back("SLURM_CONF=" + (cluster_ / "slurm.conf").string());
    env.push_back(std::string("GRADER=") + GRADER_BINARY);
    options.env = env;
    options.cwd = dir_.path();
    options.wall_timeout = timeout;
    options.stdout_cap = 8 << 20;
    return RunSubprocess(options);
  }

  // scontrol's one-line records of `job` (one per task of an array).
  std::vector<std::string> Jobs(const std::string& job) {
    return Lines(Run({"scontrol", "-o", "show", "job", job}, std::chrono::seconds(30)).out);
  }

  // Every log of the batch, for a failure message.
  std::string Logs(const fs::path& out) {
    std::string text;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(out / "logs", error)) {
      text += "--- " + entry.path().string() + "\n" + Read(entry.path());
    }
    return text;
  }

  TempDir dir_;
  fs::path root_;
  fs::path cluster_;  // the cluster's folder, while it runs
};

TEST_F(SlurmTest, AJobArrayOfShardsMergedEqualsOneMachinesBatch) {
  const Clock::time_point start = Clock::now();
  const fs::path out = dir_.path() / "out";
  // The shards share one cache, as the tasks of one node do; the single machine has its
  // own, so it grades everything again instead of reusing the shards' results.
  const SubprocessResult submitted =
      Run({"bash", (ProjectRoot() / "deploy" / "slurm" / "submit.sh").string(),
           root_.string(), out.string(), "2", "sum", "--quick", "--seed", "7", "--cache-dir",
           (dir_.path() / "cache-shards").string()},
          std::chrono::minutes(1));
  ASSERT_EQ(submitted.status.code, 0) << submitted.out << submitted.err;
  std::string array;
  std::string merge;
  for (const std::string& line : Lines(submitted.out)) {
    if (line.starts_with(" array job: ")) array = line.substr(12);
    if (line.starts_with(" merge job: ")) merge = line.substr(12);
  }
  ASSERT_FALSE(array.empty() || merge.empty()) << submitted.out;

  // The merge job waits for both tasks (afterok); it ends when everything ran.
  std::string state;
  std::string reason;
  const Clock::time_point deadline = Clock::now() + std::chrono::minutes(3);
  while (Clock::now() < deadline) {
    const std::vector<std::string> records = Jobs(merge);
    ASSERT_EQ(records.size(), 1u) << "scontrol does not know job " << merge;
    state = Field(records[0], "JobState");
    reason = Field(records[0], "Reason");
    if (!StillGoing(state)) break;
    ASSERT_NE(reason, "DependencyNeverSatisfied") << "a shard failed:\n" << Logs(out);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  ASSERT_EQ(state, "COMPLETED") << "merge job " << merge << " (" << reason << ")\n"
                                << Logs(out);
  // The tasks ended before the merge job started, but Slurm may still be cleaning one up
  // (COMPLETING: its epilog and the release of its node) when the merge job is done.
  std::vector<std::string> tasks = Jobs(array);
  while (Clock::now() < deadline &&
         std::any_of(tasks.begin(), tasks.end(),
                     [](const std::string& task) { return StillGoing(Field(task, "JobState")); })) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    tasks = Jobs(array);
  }
  ASSERT_EQ(tasks.size(), 2u) << "the array has not 2 tasks";
  for (const std::string& task : tasks) {
    EXPECT_EQ(Field(task, "JobState"), "COMPLETED") << task;
    EXPECT_EQ(Field(task, "ExitCode"), "0:0") << task;
    const std::string index = Field(task, "ArrayTaskId");
    // Task i graded shard i+1 of 2, as grader batch's first line says.
    const std::string log = Read(out / "logs" / ("shard-" + index + ".log"));
    EXPECT_NE(log.find(", shard " + std::to_string(std::stoi(index) + 1) + "/2\n"),
              std::string::npos)
        << log;
  }
  const auto slurm_seconds = std::chrono::duration<double>(Clock::now() - start).count();

  const fs::path single = dir_.path() / "single";
  const SubprocessResult graded =
      Run({GRADER_BINARY, "--no-color", "--cache-dir", (dir_.path() / "cache-single").string(),
           "batch", root_.string(), "sum", "-o", single.string(), "--quick", "--seed", "7",
           "-j", "2"},
          std::chrono::minutes(5));
  ASSERT_EQ(graded.status.code, 1) << graded.out << graded.err;  // bob, carol below full
  const SubprocessResult same =
      Run({"python3", (ProjectRoot() / "bench" / "compare_batch_outputs.py").string(),
           single.string(), (out / "merged").string()},
          std::chrono::minutes(1));
  EXPECT_EQ(same.status.code, 0) << same.out << same.err;
  EXPECT_NE(same.out.find("same: 12 files"), std::string::npos) << same.out;
  EXPECT_EQ(Read(out / "merged" / "gradebook.csv"), Read(single / "gradebook.csv"));
  EXPECT_EQ(Read(out / "merged" / "gradebook.csv"),
            "student,sum,total\nalice,40,40\nbob,0,0\ncarol,0,0\ndave,40,40\nerin,,0\n");
  std::cout << "slurm: submitted, graded in 2 shards and merged in " << slurm_seconds << " s\n";
}

}  // namespace
}  // namespace grader::e2e
