// The hostile-submission suite: programs written to attack the harness and the machine
// (hostile/cases/), each graded by the built grader under tight limits (hostile/specs/).
// Every case must get its expected verdict, end within its limit + 1 s, leave no process
// behind and change no file outside its workspace.
//
// Each case prints one line "hostile: <case> <verdict> run <ms> grading <ms> survivors <n>"
// so the suite's outcome can be read as a table.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "e2e_util.h"

namespace grader::e2e {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

const fs::path kHostile = fs::path(GRADER_E2E_DATA).parent_path() / "hostile";

constexpr int kRunWallMs = 3000;     // limits.wall_time of hostile/specs/hostile
constexpr int kForgeWallMs = 5000;   // limits.wall_time of hostile/specs/forge
constexpr int kBuildWallMs = 8000;   // build.limits.wall_time of both

std::string ReadText(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void Replace(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at; (at = text.find(from)) != std::string::npos;) text.replace(at, from.size(), to);
}

// Processes whose program or command line lies under `dir`: what a case left running.
std::vector<int> ProcessesUnder(const fs::path& dir) {
  std::vector<int> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const auto exe = fs::read_symlink(entry.path() / "exe", ec).string();
    std::string cmdline = ReadText(entry.path() / "cmdline");
    if (exe.find(dir.string()) != std::string::npos ||
        cmdline.find(dir.string()) != std::string::npos) {
      found.push_back(std::stoi(name));
    }
  }
  return found;
}

struct Outcome {
  std::string verdict;
  std::string message;
  int exit_code = -1;
  long run_ms = -1;  // the run's wall time; -1 when nothing ran (compile error)
  long grading_ms = 0;
  std::vector<int> survivors;
  nlohmann::json test;
};

class HostileTest : public ::testing::Test {
 protected:
  // Grades hostile/cases/<name>.cpp (exercise `hostile`) or <name>.hpp (exercise `forge`)
  // with @ROOT@, @CANARY@ and @PORT@ filled in.
  Outcome Grade(const std::string& name, const std::string& test = "release") {
    const bool forge = fs::exists(kHostile / "cases" / (name + ".hpp"));
    std::string source = ReadText(kHostile / "cases" / (name + (forge ? ".hpp" : ".cpp")));
    Replace(source, "@ROOT@", ProjectRoot().string());
    Replace(source, "@CANARY@", canary_.path().string());
    Replace(source, "@PORT@", std::to_string(port_));
    std::ofstream(submission_.path() / (forge ? "forge.hpp" : "hostile.cpp")) << source;

    const fs::path json = out_.path() / "result.json";
    const auto start = std::chrono::steady_clock::now();
    const SubprocessResult process = RunGrader(
        {"--specs", (kHostile / "specs").string(), "--work-dir", work_.path().string(), "check",
         forge ? "forge" : "hostile", submission_.path().string(), "--test",
         forge ? "answer" : test, "--json", json.string()});
    Outcome outcome;
    outcome.grading_ms = std::chrono::duration_cast<milliseconds>(
                             std::chrono::steady_clock::now() - start).count();
    outcome.exit_code = process.status.code;
    outcome.survivors = ProcessesUnder(work_.path());
    std::ifstream in(json);
    if (in) {
      const auto result = nlohmann::json::parse(in);
      outcome.test = result["tests"].at(0);
      outcome.verdict = outcome.test["verdict"];
      outcome.message = outcome.test["message"];
      outcome.run_ms = outcome.test["evidence"].value("wall_ms", -1L);
    } else {
      ADD_FAILURE() << "no result for " << name << ": " << process.err;
    }
    std::printf("hostile: %-24s %-14s run %6ld ms  grading %6ld ms  survivors %zu\n",
                name.c_str(), outcome.verdict.c_str(), outcome.run_ms, outcome.grading_ms,
                outcome.survivors.size());
    return outcome;
  }

  // The verdict, the run's end within `limit_ms` + 1 s, and nothing left behind.
  void Expect(const Outcome& outcome, const std::string& verdict, int limit_ms = kRunWallMs) {
    EXPECT_EQ(outcome.verdict, verdict) << outcome.message;
    if (outcome.run_ms >= 0) {
      EXPECT_LE(outcome.run_ms, limit_ms + 1000) << outcome.message;
    }
    EXPECT_TRUE(outcome.survivors.empty())
        << outcome.survivors.size() << " processes survived, first pid "
        << outcome.survivors.front();
    EXPECT_EQ(ReadText(canary_.path() / "canary.txt"), "original\n");
    EXPECT_FALSE(fs::exists(ProjectRoot() / "hostile-escape"));
  }

  void SetUp() override { std::ofstream(canary_.path() / "canary.txt") << "original\n"; }

  TempDir submission_;
  TempDir work_;
  TempDir out_;
  TempDir canary_;  // a host folder outside every workspace
  int port_ = 0;
};

TEST_F(HostileTest, ForkBombIsForbiddenAndStopped) {
  Expect(Grade("fork-bomb"), "forbidden");
}

TEST_F(HostileTest, MemoryHogIsStoppedAtTheLimit) {
  const Outcome outcome = Grade("memory-hog");
  Expect(outcome, "memory-limit");
  EXPECT_NE(outcome.message.find("128 MiB"), std::string::npos) << outcome.message;
}

// ThreadSanitizer maps terabytes of address space: the limit is on resident memory.
TEST_F(HostileTest, ThreadSanitizerMemoryHogIsStoppedAtTheLimit) {
  Expect(Grade("memory-hog", "tsan"), "memory-limit");
}

TEST_F(HostileTest, BusyLoopIgnoringSigtermIsATimeLimit) {
  Expect(Grade("ignore-sigterm"), "time-limit");
}

// CPU time of all processes together, not only of each: stopped before the wall deadline
// once the tree has used the 1 s of CPU the test `cpu-tree` allows.
TEST_F(HostileTest, SpinningChildrenAreATimeLimitOnTheirTotalCpu) {
  const Outcome outcome = Grade("spinning-children", "cpu-tree");
  Expect(outcome, "time-limit");
  EXPECT_NE(outcome.message.find("all its processes and threads together"), std::string::npos)
      << outcome.message;
  EXPECT_LT(outcome.run_ms, kRunWallMs);
}

TEST_F(HostileTest, InfiniteOutputIsAnOutputLimit) {
  Expect(Grade("infinite-output"), "output-limit");
}

TEST_F(HostileTest, FillingTheDiskIsAnOutputLimit) {
  const Outcome outcome = Grade("disk-fill");
  Expect(outcome, "output-limit");
  EXPECT_NE(outcome.message.find("the test allows 8 MiB"), std::string::npos) << outcome.message;
}

// Every write outside the workspace fails, so the program says "done".
TEST_F(HostileTest, WritingOutsideTheWorkspaceChangesNothing) {
  Expect(Grade("write-outside"), "ok");
  EXPECT_EQ(std::distance(fs::directory_iterator(canary_.path()), fs::directory_iterator()), 1);
}

TEST_F(HostileTest, ReadingShadowSpecsReferencesAndOtherSubmissionsFails) {
  Expect(Grade("read-secrets"), "ok");
}

TEST_F(HostileTest, CompileTimeIncludeByAbsolutePathFails) {
  const Outcome outcome = Grade("include-absolute");
  Expect(outcome, "compile-error");
  EXPECT_NE(outcome.test.value("details", "").find("No such file or directory"), std::string::npos);
}

TEST_F(HostileTest, CompileTimeIncludeThroughParentFoldersFails) {
  Expect(Grade("include-relative"), "compile-error");
}

TEST_F(HostileTest, TemplateBombIsACompileErrorWithinTheBuildLimit) {
  const Outcome outcome = Grade("template-bomb");
  Expect(outcome, "compile-error");
  EXPECT_LE(outcome.grading_ms, kBuildWallMs + 2000);
}

TEST_F(HostileTest, IncludeBombIsACompileErrorWithinTheBuildLimit) {
  const Outcome outcome = Grade("include-bomb");
  Expect(outcome, "compile-error");
  EXPECT_LE(outcome.grading_ms, kBuildWallMs + 2000);
}

// A server on the host's loopback, which the program inside must not reach.
TEST_F(HostileTest, NetworkConnectionToTheHostFails) {
  const int server = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  ASSERT_GE(server, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = 0;  // any free port
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  ASSERT_EQ(bind(server, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(server, 8), 0);
  socklen_t length = sizeof address;
  getsockname(server, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);

  Expect(Grade("network"), "ok");
  EXPECT_LT(accept(server, nullptr, nullptr), 0) << "the program inside connected";
  close(server);
}

TEST_F(HostileTest, DaemonisedGrandchildDoesNotSurvive) {
  Expect(Grade("daemon"), "ok");
}

TEST_F(HostileTest, StoppedChildDoesNotSurvive) {
  Expect(Grade("stopped-child"), "ok");
}

TEST_F(HostileTest, KillingEveryoneHurtsOnlyTheSandbox) {
  Expect(Grade("kill-everyone"), "ok");
}

// Attaching to the sandbox's own process stops it; the run is stopped as forbidden at once
// rather than left to hang until its deadline.
TEST_F(HostileTest, PtraceOfTheSandboxIsForbidden) {
  const Outcome outcome = Grade("ptrace");
  Expect(outcome, "forbidden");
  EXPECT_LT(outcome.run_ms, kRunWallMs);
}

TEST_F(HostileTest, SymlinkInTheSubmissionIsRefused) {
  fs::create_symlink("/etc/passwd", submission_.path() / "hostile.cpp");
  const SubprocessResult process =
      RunGrader({"--specs", (kHostile / "specs").string(), "check", "hostile",
                 submission_.path().string()});
  EXPECT_EQ(process.status.code, 2);
  EXPECT_NE(process.err.find("symbolic link"), std::string::npos) << process.err;
}

// The result channel: none of these may turn the failing test into a pass.
TEST_F(HostileTest, PrintingAPassingReportIsStillAWrongAnswer) {
  Expect(Grade("forge-print-passed"), "wrong-answer", kForgeWallMs);
}

TEST_F(HostileTest, ExitingEarlyWithStatusZeroIsARuntimeError) {
  Expect(Grade("forge-exit-early"), "runtime-error", kForgeWallMs);
  Expect(Grade("forge-underscore-exit"), "runtime-error", kForgeWallMs);
}

TEST_F(HostileTest, ClosingDescriptorsIsARuntimeError) {
  Expect(Grade("forge-close-descriptors"), "runtime-error", kForgeWallMs);
}

TEST_F(HostileTest, KillingTheParentIsNoPass) {
  const Outcome outcome = Grade("forge-kill-parent");
  EXPECT_NE(outcome.verdict, "ok");
  Expect(outcome, outcome.verdict, kForgeWallMs);
}

// Forged reports in every descriptor, with any token the environment shows, and in the
// files GoogleTest writes.
TEST_F(HostileTest, FakeReportIsARuntimeError) {
  Expect(Grade("forge-fake-report"), "runtime-error", kForgeWallMs);
}

}  // namespace
}  // namespace grader::e2e
