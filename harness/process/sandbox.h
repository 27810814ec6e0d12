// Confines a command (a compilation or a test run) to its workspace.
//
// The bubblewrap backend gives the command new user, PID, network, IPC and UTS namespaces, a
// read-only view of the system (/usr and the few /etc files programs need), the workspace as
// the only writable place, a size-limited tmpfs /tmp, and nothing else: the project's specs
// and references, other submissions and home folders do not exist inside. The PID namespace
// dies with the command. The fallback backend runs the command as it is and is no security
// boundary; every report of a run under it says so.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace grader {

struct SandboxPolicy {
  std::filesystem::path workspace;  // host folder; read-write inside, at WorkspaceDir()
  // Extra host files or folders visible read-only inside at the same path (e.g. cached
  // driver objects at link time).
  std::vector<std::filesystem::path> readonly_paths;
  std::uint64_t tmp_size = 64ull << 20;  // bytes of the tmpfs at /tmp; 0: kernel default
  bool network = false;                  // true only keeps the host network (never for tests)
};

class Sandbox {
 public:
  virtual ~Sandbox() = default;

  // The argv that runs `argv` confined by `policy`, starting in `cwd_inside` (a path inside
  // the sandbox, usually WorkspaceDir(policy) or below it; empty: WorkspaceDir for bwrap,
  // unchanged for none). Both backends honour cwd_inside themselves: run the result with
  // SubprocessOptions.cwd empty and the command's environment in SubprocessOptions.env.
  // Under bwrap the pid RunSubprocess sees is bwrap's, and a command killed by signal N
  // shows as exit status 128 + N. A program missing inside is a failed run (bwrap's exit
  // status 1, env's 127), not an exception.
  virtual std::vector<std::string> Wrap(const std::vector<std::string>& argv,
                                        const SandboxPolicy& policy,
                                        const std::filesystem::path& cwd_inside) const = 0;

  // Where the workspace appears inside the sandbox.
  virtual std::filesystem::path WorkspaceDir(const SandboxPolicy& policy) const = 0;

  // False for the fallback: reports must say the run was not isolated.
  virtual bool Isolates() const = 0;

  virtual std::string Name() const = 0;  // "bwrap" or "none"
};

// "bwrap", "none", or "auto" (bwrap when it works on this machine, else none with a warning
// on stderr). Throws InputError for an unknown name or "bwrap" when bwrap is unusable.
std::unique_ptr<Sandbox> MakeSandbox(const std::string& backend);

}  // namespace grader
