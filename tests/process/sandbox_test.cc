// The bubblewrap sandbox, observed from inside and outside with real commands.
#include "process/sandbox.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include <gtest/gtest.h>

#include "common/error.h"
#include "process/subprocess.h"
#include "process_test_util.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using testing::TempDir;

// Whether namespaces work here at all, judged without any of the backend's own flags.
bool BareBwrapWorks() {
  SubprocessOptions options;
  options.argv = {"/usr/bin/bwrap", "--unshare-all", "--ro-bind", "/", "/", "--", "/usr/bin/true"};
  options.wall_timeout = milliseconds(10'000);
  try {
    return RunSubprocess(options).status.Success();
  } catch (const std::system_error&) {
    return false;
  }
}

class SandboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    try {
      sandbox_ = MakeSandbox("bwrap");
    } catch (const InputError& error) {
      if (BareBwrapWorks()) FAIL() << "bwrap works on this machine, yet: " << error.what();
      GTEST_SKIP() << error.what();
    }
    policy_.workspace = workspace_.path();
  }

  void TearDown() override {
    testing::KillProcessesWithMarker(marker_);
    EXPECT_TRUE(testing::HasNoChildren());
  }

  SubprocessOptions Options(const std::vector<std::string>& argv, fs::path cwd = {}) const {
    SubprocessOptions options;
    options.argv =
        sandbox_->Wrap(argv, policy_, cwd.empty() ? sandbox_->WorkspaceDir(policy_) : cwd);
    options.env = std::vector<std::string>{"PATH=/usr/bin:/bin", "HOME=/submission"};
    options.wall_timeout = milliseconds(60'000);
    return options;
  }

  SubprocessResult Run(const std::vector<std::string>& argv, fs::path cwd = {}) const {
    return RunSubprocess(Options(argv, std::move(cwd)));
  }

  // `script` run by sh inside, with the marker as $0 (visible in the host's process table).
  SubprocessOptions Shell(const std::string& script) const {
    return Options({"sh", "-c", script, marker_});
  }

  TempDir workspace_;
  SandboxPolicy policy_;
  std::unique_ptr<Sandbox> sandbox_;
  const std::string marker_ = testing::UniqueMarker();
};

TEST_F(SandboxTest, DescribesItself) {
  EXPECT_TRUE(sandbox_->Isolates());
  EXPECT_EQ(sandbox_->Name(), "bwrap");
  EXPECT_EQ(sandbox_->WorkspaceDir(policy_), fs::path("/submission"));
}

TEST_F(SandboxTest, WorkspaceIsWritableAndSharedWithTheHost) {
  testing::WriteFile(workspace_.path() / "in.txt", "from host\n");
  SubprocessResult result = Run({"sh", "-c", "cat in.txt; echo from sandbox > out.txt"});
  EXPECT_TRUE(result.status.Success()) << result.err;
  EXPECT_EQ(result.out, "from host\n");
  EXPECT_EQ(testing::ReadFile(workspace_.path() / "out.txt"), "from sandbox\n");
}

TEST_F(SandboxTest, RunsAsNobodyWithoutCapabilities) {
  SubprocessResult result = Run({"sh", "-c", "id -u; id -g; grep CapEff /proc/self/status"});
  EXPECT_EQ(result.out, "65534\n65534\nCapEff:\t0000000000000000\n") << result.err;
}

TEST_F(SandboxTest, SystemIsReadOnly) {
  SubprocessResult result = Run(
      {"sh", "-c",
       "for p in /usr/grader-x /grader-x /etc/grader-x /submission/ok; do "
       "touch $p 2>/dev/null && echo $p; done"});
  EXPECT_EQ(result.out, "/submission/ok\n");
  EXPECT_FALSE(fs::exists("/usr/grader-x"));
}

TEST_F(SandboxTest, HostFilesOutsideThePolicyAreInvisible) {
  TempDir elsewhere;
  const std::vector<std::string> hidden = {"/etc/shadow", "/etc/passwd", "/root",
                                           "/home",       "/work",       GRADER_PROJECT_ROOT,
                                           elsewhere.path().string()};
  std::vector<std::string> argv = {"sh", "-c",
                                   "for p in \"$@\"; do test -e \"$p\" && echo \"$p\"; done; "
                                   "true",
                                   "sh", "/submission", "/usr/bin/sh"};
  for (const std::string& path : hidden) {
    ASSERT_TRUE(fs::exists(path)) << path << " must exist on the host for this test to mean much";
    argv.push_back(path);
  }
  EXPECT_EQ(Run(argv).out, "/submission\n/usr/bin/sh\n");
}

TEST_F(SandboxTest, ReadonlyPathsAreVisibleButNotWritable) {
  TempDir shared;
  testing::WriteFile(shared.path() / "data.txt", "shared\n");
  policy_.readonly_paths = {shared.path()};
  SubprocessResult result = Run({"sh", "-c",
                                 "cat \"$0/data.txt\"; touch \"$0/new\" 2>/dev/null || "
                                 "echo read-only",
                                 shared.path().string()});
  EXPECT_EQ(result.out, "shared\nread-only\n") << result.err;
}

class LoopbackServer {
 public:
  LoopbackServer() : fd_(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        listen(fd_, 8) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::system_error(errno, std::generic_category(), "loopback server");
    }
    port_ = ntohs(address.sin_port);
  }
  ~LoopbackServer() { close(fd_); }
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

TEST_F(SandboxTest, NetworkIsCutUnlessThePolicyKeepsIt) {
  LoopbackServer server;
  const std::string connect = "exec 3<>/dev/tcp/127.0.0.1/" + std::to_string(server.port()) +
                              " && echo connected";
  SubprocessResult cut = Run({"bash", "-c", connect});
  EXPECT_EQ(cut.out, "");
  EXPECT_FALSE(cut.status.Success());

  policy_.network = true;
  SubprocessResult kept = Run({"bash", "-c", connect});
  EXPECT_EQ(kept.out, "connected\n") << kept.err;
}

TEST_F(SandboxTest, PidNamespaceHidesHostProcesses) {
  SubprocessResult result = Run({"sh", "-c", "ls /proc | grep -c '^[0-9]'"});
  ASSERT_TRUE(result.status.Success()) << result.err;
  EXPECT_LE(std::stoi(result.out), 4);
  EXPECT_GT(testing::ProcessPids().size(), 4u);
}

TEST_F(SandboxTest, LeftoverProcessesDieWhenTheCommandReturns) {
  SubprocessOptions options = Shell(
      "sh -c 'echo $$ > bg.pid; sleep 100; true' \"$0\" & "
      "setsid sh -c 'echo $$ > daemon.pid; sleep 100; true' \"$0\" & "
      "sleep 0.3; echo started");
  SubprocessResult result = RunSubprocess(options);
  EXPECT_EQ(result.out, "started\n") << result.err;
  EXPECT_LT(result.wall_time, milliseconds(5000));
  EXPECT_TRUE(fs::exists(workspace_.path() / "bg.pid"));
  EXPECT_TRUE(fs::exists(workspace_.path() / "daemon.pid"));
  EXPECT_TRUE(testing::NoProcessWithMarkerWithin(marker_, milliseconds(2000)));
}

TEST_F(SandboxTest, DeadlineKillEndsEverythingInside) {
  SubprocessOptions options =
      Shell("setsid sh -c 'sleep 100; true' \"$0\" & sh -c 'sleep 100; true' \"$0\" & sleep 100");
  options.wall_timeout = milliseconds(1000);
  std::size_t alive_at_deadline = 0;
  options.before_deadline_kill = [this, &alive_at_deadline](int) {
    alive_at_deadline = testing::LiveProcessesWithMarker(marker_).size();
  };
  SubprocessResult result = RunSubprocess(options);
  EXPECT_TRUE(result.timed_out);
  // bwrap twice (outside and as init inside), sh, and its two background shells.
  EXPECT_GE(alive_at_deadline, 5u);
  EXPECT_LT(result.wall_time, milliseconds(3000));
  EXPECT_TRUE(testing::NoProcessWithMarkerWithin(marker_, milliseconds(2000)));
}

TEST_F(SandboxTest, CompilesAndRunsHelloWorld) {
  testing::WriteFile(workspace_.path() / "hello.cc",
                     "#include <iostream>\nint main() { std::cout << \"hello\\n\"; }\n");
  SubprocessResult compile = Run({"g++", "-std=c++20", "-O1", "-o", "hello", "hello.cc"});
  ASSERT_TRUE(compile.status.Success()) << compile.err;
  SubprocessResult run = Run({"./hello"});
  EXPECT_TRUE(run.status.Success()) << run.err;
  EXPECT_EQ(run.out, "hello\n");
}

TEST_F(SandboxTest, TmpIsATmpfsOfThePolicySize) {
  policy_.tmp_size = 64 << 20;
  SubprocessResult result = Run(
      {"sh", "-c",
       "head -c 100M /dev/zero > /tmp/big 2>/dev/null; echo $?; rm /tmp/big; "
       "head -c 10M /dev/zero > /tmp/small; echo $?"});
  EXPECT_EQ(result.out, "1\n0\n") << result.err;
}

TEST_F(SandboxTest, StartsInTheGivenFolder) {
  fs::create_directory(workspace_.path() / "sub");
  EXPECT_EQ(Run({"pwd"}).out, "/submission\n");
  EXPECT_EQ(Run({"pwd"}, "/submission/sub").out, "/submission/sub\n");
}

TEST_F(SandboxTest, PassesTheCallersEnvironment) {
  SubprocessOptions options = Options({"sh", "-c", "echo \"$GRADER_SEED\""});
  options.env->push_back("GRADER_SEED=12345");
  EXPECT_EQ(RunSubprocess(options).out, "12345\n");
}

TEST_F(SandboxTest, SignalDeathInsideShowsAsExitCode128PlusSignal) {
  SubprocessResult result = Run({"sh", "-c", "kill -SEGV $$"});
  EXPECT_FALSE(result.status.signaled);
  EXPECT_EQ(result.status.code, 128 + 11);
}

TEST_F(SandboxTest, MissingProgramInsideIsAFailedRunNotAnException) {
  SubprocessResult result = Run({"grader-no-such-program"});
  EXPECT_FALSE(result.status.Success());
  EXPECT_NE(result.err.find("grader-no-such-program"), std::string::npos);
}

}  // namespace
}  // namespace grader
