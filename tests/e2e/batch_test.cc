// `grader batch` as an instructor runs it: a small class graded, killed with SIGKILL half-way,
// resumed without losing or re-grading what was finished, and re-run for free.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e_util.h"
#include "timing/available_cores.h"

extern char** environ;

namespace grader::e2e {
namespace {

namespace fs = std::filesystem;

// The result JSON files under `out`: OUT/<student>/<exercise>.json.
std::vector<fs::path> Results(const fs::path& out) {
  std::vector<fs::path> files;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(out, error);
       it != fs::recursive_directory_iterator(); it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (it.depth() == 1 && name.ends_with(".json") && !name.ends_with(".gradescope.json") &&
        name[0] != '.') {
      files.push_back(it->path());
    }
  }
  return files;
}

// Processes whose command line mentions `marker` (a folder only this batch uses).
std::vector<std::string> ProcessesMentioning(const std::string& marker) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string pid = entry.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string cmdline = Read(entry.path() / "cmdline");
    for (char& c : cmdline) c = c == '\0' ? ' ' : c;
    if (cmdline.find(marker) != std::string::npos) found.push_back(pid + ": " + cmdline);
  }
  return found;
}

class BatchTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ = dir_.path() / "class";
    work_ = dir_.path() / "work";
    fs::create_directories(work_);
    const fs::path reference = ProjectRoot() / "reference" / "counter";
    // --quick grades the visible tests only: fast, and enough to tell these apart.
    Submit("alice", reference / "counter.hpp");
    fs::create_directories(root_ / "bob" / "counter");
    std::ofstream(root_ / "bob" / "counter" / "counter.hpp") << "class Counter {  // unfinished\n";
    fs::create_directories(root_ / "carol" / "counter");  // nothing in it
    Submit("dave", reference / "counter.hpp");
    fs::create_directories(root_ / "erin");  // submitted no exercise at all
    // A seed of its own: no earlier run of this test left results in the shared cache.
    seed_ = std::to_string(std::random_device{}() % 1'000'000'000);
  }
  void Submit(const std::string& student, const fs::path& file) {
    fs::create_directories(root_ / student / "counter");
    fs::copy_file(file, root_ / student / "counter" / "counter.hpp");
  }
  std::vector<std::string> Args(const fs::path& out, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--work-dir", work_.string(), "batch", root_.string(),
                                     "counter", "-o", out.string(), "--quick", "--seed", seed_};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  TempDir dir_;
  fs::path root_;
  fs::path work_;
  std::string seed_;
};

// The "-j N" of the batch's first line on stderr, or -1.
int JobsNamed(const std::string& output) {
  std::smatch match;
  static const std::regex kJobs(R"(exercise\(s\), -j (\d+))");
  return std::regex_search(output, match, kJobs) ? std::stoi(match[1].str()) : -1;
}

TEST_F(BatchTest, GradesOnePerAvailableCoreUnlessToldHowMany) {
  const fs::path out = dir_.path() / "out";
  const SubprocessResult defaulted = RunGrader(Args(out, {"--dry-run"}));
  ASSERT_EQ(defaulted.status.code, 0) << defaulted.out << defaulted.err;
  EXPECT_EQ(JobsNamed(defaulted.err), static_cast<int>(AvailableCores().cores)) << defaulted.err;
  const SubprocessResult told = RunGrader(Args(out, {"--dry-run", "-j", "3"}));
  ASSERT_EQ(told.status.code, 0) << told.out << told.err;
  EXPECT_EQ(JobsNamed(told.err), 3) << told.err;
}

TEST_F(BatchTest, KilledHalfWayThenResumedLosesNothingAndRegradesNothingFinished) {
  const fs::path out = dir_.path() / "out";
  // Start the batch, one grading at a time, and SIGKILL it once a result is stored.
  std::vector<std::string> args = {GRADER_BINARY, "--no-color", "--cache-dir", GRADER_E2E_CACHE};
  for (const std::string& arg : Args(out, {"-j", "1"})) args.push_back(arg);
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string log = (dir_.path() / "first.log").string();
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, GRADER_BINARY, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);
  while (Results(out).empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  const std::vector<fs::path> finished = Results(out);
  ASSERT_FALSE(finished.empty()) << Read(log);
  ASSERT_LT(finished.size(), 4u) << "the batch ended before it was killed: " << Read(log);
  // Its batch.json was written when it started, and says it did not finish.
  const nlohmann::json started = nlohmann::json::parse(Read(out / "batch.json"));
  EXPECT_EQ(started["complete"], false) << started.dump(2);
  EXPECT_EQ(started["students"].size(), 5u) << started.dump(2);
  std::vector<std::string> finished_text;
  for (const fs::path& file : finished) finished_text.push_back(Read(file));

  // The sandboxes die with the grader; a compiler it had started ends on its own.
  std::vector<std::string> left;
  for (int i = 0; i < 100; ++i) {
    left = ProcessesMentioning(work_.string());
    if (left.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(left.empty()) << left.front();

  // Without --resume the folder is refused; with it, the rest is graded and nothing
  // finished is graded again.
  const SubprocessResult refused = RunGrader(Args(out));
  EXPECT_EQ(refused.status.code, 2) << refused.err;
  EXPECT_NE(refused.err.find("--resume"), std::string::npos) << refused.err;
  const SubprocessResult resumed = RunGrader(Args(out, {"--resume", "-j", "2"}));
  EXPECT_EQ(resumed.status.code, 1) << resumed.out << resumed.err;  // not all full marks
  EXPECT_NE(resumed.out.find(std::to_string(finished.size()) + " reused"), std::string::npos)
      << resumed.out;
  for (std::size_t i = 0; i < finished.size(); ++i) {
    EXPECT_EQ(Read(finished[i]), finished_text[i]) << finished[i] << " was graded again";
  }

  // The gradebook: a row per student, empty where nothing was submitted.
  const auto score = [&](const std::string& student) {
    return nlohmann::json::parse(Read(out / student / "counter.json"));
  };
  const nlohmann::json alice = score("alice");
  EXPECT_EQ(alice["score"], alice["max_score"]) << alice.dump(2);
  const nlohmann::json bob = score("bob");
  EXPECT_EQ(bob["score"], 0);
  ASSERT_FALSE(bob["tests"].empty()) << bob.dump(2);
  EXPECT_EQ(bob["tests"][0]["verdict"], "compile-error");
  EXPECT_EQ(score("dave")["score"], alice["score"]);
  const nlohmann::json carol = score("carol");
  EXPECT_EQ(carol["score"], 0);
  EXPECT_NE(carol.value("error", "").find("counter.hpp"), std::string::npos) << carol.dump(2);
  EXPECT_TRUE(fs::exists(out / "bob" / "counter.gradescope.json"));
  const std::string gradebook = Read(out / "gradebook.csv");
  EXPECT_EQ(gradebook.substr(0, gradebook.find('\n')), "student,counter,total");
  EXPECT_NE(gradebook.find("\nalice," + alice["score"].dump() + ","), std::string::npos)
      << gradebook;
  EXPECT_NE(gradebook.find("\ncarol,0,0\n"), std::string::npos) << gradebook;
  EXPECT_NE(gradebook.find("\nerin,,0\n"), std::string::npos) << gradebook;

  // A re-run grades nothing; a changed submission is all that a dry run would grade.
  EXPECT_EQ(nlohmann::json::parse(Read(out / "batch.json"))["complete"], true);
  const SubprocessResult again = RunGrader(Args(out, {"--resume"}));
  EXPECT_NE(again.out.find("0 graded, 4 reused"), std::string::npos) << again.out;
  EXPECT_EQ(Read(out / "gradebook.csv"), gradebook);
  std::ofstream(root_ / "bob" / "counter" / "counter.hpp", std::ios::app) << "// fixed?\n";
  const SubprocessResult dry = RunGrader(Args(out, {"--resume", "--dry-run"}));
  EXPECT_NE(dry.out.find("1 of 4 submission(s) would be graded"), std::string::npos)
      << dry.out;
}

}  // namespace
}  // namespace grader::e2e
