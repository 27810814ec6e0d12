// MakeSandbox, the fallback backend, and the shape of bwrap's argv.
#include "process/sandbox_backends.h"

#include <algorithm>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "common/error.h"
#include "process/subprocess.h"
#include "process_test_util.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

bool Contains(const std::vector<std::string>& args, const std::string& arg) {
  return std::find(args.begin(), args.end(), arg) != args.end();
}

// Whether `a` is followed by `b` somewhere in `args`.
bool ContainsPair(const std::vector<std::string>& args, const std::string& a,
                  const std::string& b) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == a && args[i + 1] == b) return true;
  }
  return false;
}

TEST(MakeSandboxTest, UnknownBackendIsAnInputError) {
  try {
    MakeSandbox("firejail");
    FAIL() << "no exception";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("'firejail'"), std::string::npos);
  }
}

TEST(MakeSandboxTest, NoneIsNotIsolated) {
  std::unique_ptr<Sandbox> sandbox = MakeSandbox("none");
  EXPECT_EQ(sandbox->Name(), "none");
  EXPECT_FALSE(sandbox->Isolates());
}

TEST(MakeSandboxTest, AutoPicksWhatWorksHere) {
  std::unique_ptr<Sandbox> sandbox = MakeSandbox("auto");
  bool bwrap_usable = true;
  try {
    MakeSandbox("bwrap");
  } catch (const InputError&) {
    bwrap_usable = false;
  }
  EXPECT_EQ(sandbox->Name(), bwrap_usable ? "bwrap" : "none");
}

TEST(NoSandboxTest, RunsOnTheHostInTheGivenFolder) {
  TempDir workspace;
  fs::create_directory(workspace.path() / "sub");
  SandboxPolicy policy;
  policy.workspace = workspace.path();
  NoSandbox sandbox;
  EXPECT_EQ(sandbox.WorkspaceDir(policy), workspace.path());

  SubprocessOptions options;
  options.argv = sandbox.Wrap({"pwd"}, policy, sandbox.WorkspaceDir(policy) / "sub");
  SubprocessResult result = RunSubprocess(options);
  EXPECT_EQ(result.out, (workspace.path() / "sub").string() + "\n");
}

TEST(NoSandboxTest, WithoutAFolderReturnsTheArgvUnchanged) {
  SandboxPolicy policy;
  policy.workspace = "/tmp";
  std::vector<std::string> argv = {"echo", "--", "a b"};
  EXPECT_EQ(NoSandbox().Wrap(argv, policy, {}), argv);
}

TEST(BwrapSandboxTest, RunsTheCommandAfterTheOptions) {
  SandboxPolicy policy;
  policy.workspace = "/tmp/ws";
  std::vector<std::string> args = BwrapSandbox().Wrap({"echo", "--", "x"}, policy, "/submission/a");
  ASSERT_GE(args.size(), 5u);
  EXPECT_EQ(args.front(), "/usr/bin/bwrap");
  EXPECT_EQ(std::vector<std::string>(args.end() - 4, args.end()),
            (std::vector<std::string>{"--", "echo", "--", "x"}));
  EXPECT_TRUE(ContainsPair(args, "--chdir", "/submission/a"));
  EXPECT_TRUE(ContainsPair(args, "/tmp/ws", "/submission"));
  EXPECT_TRUE(Contains(args, "--unshare-all"));
  EXPECT_TRUE(Contains(args, "--die-with-parent"));
  EXPECT_TRUE(ContainsPair(args, "--uid", "65534"));
  EXPECT_FALSE(Contains(args, "--clearenv"));
}

TEST(BwrapSandboxTest, KeepsTheNetworkOnlyWhenAsked) {
  SandboxPolicy policy;
  policy.workspace = "/tmp/ws";
  EXPECT_FALSE(Contains(BwrapSandbox().Wrap({"true"}, policy, {}), "--share-net"));
  policy.network = true;
  EXPECT_TRUE(Contains(BwrapSandbox().Wrap({"true"}, policy, {}), "--share-net"));
}

TEST(BwrapSandboxTest, SizesTmpFromThePolicy) {
  SandboxPolicy policy;
  policy.workspace = "/tmp/ws";
  policy.tmp_size = 12345678;
  std::vector<std::string> args = BwrapSandbox().Wrap({"true"}, policy, {});
  auto size = std::find(args.begin(), args.end(), "--size");
  ASSERT_NE(size, args.end());
  EXPECT_EQ(*(size + 1), "12345678");
  EXPECT_EQ(*(size + 2), "--tmpfs");
  EXPECT_EQ(*(size + 3), "/tmp");
}

TEST(BwrapSandboxTest, MirrorsTheHostsMergedUsrLinks) {
  SandboxPolicy policy;
  policy.workspace = "/tmp/ws";
  std::vector<std::string> args = BwrapSandbox().Wrap({"true"}, policy, {});
  for (const char* root : {"/bin", "/lib", "/lib64", "/sbin"}) {
    if (fs::is_symlink(root)) {
      EXPECT_TRUE(ContainsPair(args, fs::read_symlink(root).string(), root)) << root;
    } else if (fs::is_directory(root)) {
      EXPECT_TRUE(ContainsPair(args, root, root)) << root;
    }
  }
}

TEST(BwrapSandboxTest, NeverBindsSecretsOrUserLists) {
  SandboxPolicy policy;
  policy.workspace = "/tmp/ws";
  std::vector<std::string> args = BwrapSandbox().Wrap({"true"}, policy, {});
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] != "--bind" && args[i] != "--ro-bind") continue;
    const std::string& source = args[i + 1];
    EXPECT_EQ(source.find("shadow"), std::string::npos) << source;
    EXPECT_EQ(source.find("passwd"), std::string::npos) << source;
    EXPECT_NE(source, "/");
    EXPECT_NE(source, "/etc");
    EXPECT_NE(source, "/home");
  }
}

}  // namespace
}  // namespace grader
