// The two Sandbox backends, for MakeSandbox (sandbox.cc) and the tests that pin down their
// argv. Everyone else gets a Sandbox from MakeSandbox.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "process/sandbox.h"

namespace grader {

// Runs commands under bubblewrap (/usr/bin/bwrap, Debian package `bubblewrap` 0.8 or later).
// Inside, the command runs as nobody (uid and gid 65534) in new user, PID, network, IPC, UTS
// and cgroup namespaces with no capabilities, in its own session, and is killed with bwrap
// (and so with the harness's kill of bwrap's process group). It sees /usr and the
// merged-/usr links read-only, a few /etc files (dynamic loader, alternatives, time zone,
// gdb), fresh /proc and /dev, a tmpfs /tmp of policy.tmp_size bytes, the workspace
// read-write at /submission, and policy.readonly_paths read-only at their own paths.
// The environment is passed through unchanged: set it in SubprocessOptions.env.
// A command killed by signal N inside shows as bwrap's exit status 128 + N.
class BwrapSandbox final : public Sandbox {
 public:
  std::vector<std::string> Wrap(const std::vector<std::string>& argv,
                                const SandboxPolicy& policy,
                                const std::filesystem::path& cwd_inside) const override;
  std::filesystem::path WorkspaceDir(const SandboxPolicy& policy) const override;
  bool Isolates() const override { return true; }
  std::string Name() const override { return "bwrap"; }
};

// Runs commands as they are, on the host: no security boundary. WorkspaceDir is the host
// workspace itself. A non-empty cwd_inside is honoured by prefixing `/usr/bin/env
// --chdir=DIR --`, so that callers treat both backends alike and leave
// SubprocessOptions.cwd empty.
class NoSandbox final : public Sandbox {
 public:
  std::vector<std::string> Wrap(const std::vector<std::string>& argv,
                                const SandboxPolicy& policy,
                                const std::filesystem::path& cwd_inside) const override;
  std::filesystem::path WorkspaceDir(const SandboxPolicy& policy) const override;
  bool Isolates() const override { return false; }
  std::string Name() const override { return "none"; }
};

}  // namespace grader
