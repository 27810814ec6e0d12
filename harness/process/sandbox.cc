#include "process/sandbox.h"

#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <system_error>

#include <fmt/format.h>

#include "common/error.h"
#include "process/sandbox_backends.h"
#include "process/subprocess.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

struct BwrapProbe {
  bool usable = false;
  std::string reason;  // why not, when !usable
};

std::string FirstLine(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? text : line;
}

// Runs /usr/bin/true under exactly the argv the backend would build, so that any flag this
// bwrap lacks or any namespace this machine forbids shows up here and not in the first test.
BwrapProbe RunBwrapProbe() {
  std::string dir_template = (fs::temp_directory_path() / "grader-bwrap-probe-XXXXXX").string();
  if (mkdtemp(dir_template.data()) == nullptr) {
    return {false, fmt::format("cannot create a probe folder in {}: {}",
                               fs::temp_directory_path().string(),
                               std::generic_category().message(errno))};
  }
  const fs::path workspace = dir_template;
  BwrapProbe probe;
  try {
    BwrapSandbox sandbox;
    SandboxPolicy policy;
    policy.workspace = workspace;
    SubprocessOptions options;
    options.argv = sandbox.Wrap({"/usr/bin/true"}, policy, sandbox.WorkspaceDir(policy));
    options.wall_timeout = std::chrono::seconds(10);
    SubprocessResult result = RunSubprocess(options);
    if (result.timed_out) {
      probe.reason = "bwrap did not finish within 10 s";
    } else if (!result.status.Success()) {
      probe.reason = result.err.empty() ? DescribeExit(result.status) : FirstLine(result.err);
    } else {
      probe.usable = true;
    }
  } catch (const std::system_error& error) {
    probe.reason = error.what();
  }
  std::error_code ignored;
  fs::remove_all(workspace, ignored);
  return probe;
}

const BwrapProbe& ProbeBwrapOnce() {
  static const BwrapProbe probe = RunBwrapProbe();
  return probe;
}

}  // namespace

std::unique_ptr<Sandbox> MakeSandbox(const std::string& backend) {
  if (backend == "none") return std::make_unique<NoSandbox>();
  if (backend == "bwrap") {
    const BwrapProbe& probe = ProbeBwrapOnce();
    if (!probe.usable) {
      throw InputError(fmt::format("sandbox 'bwrap' is unusable on this machine: {}",
                                   probe.reason));
    }
    return std::make_unique<BwrapSandbox>();
  }
  if (backend == "auto") {
    const BwrapProbe& probe = ProbeBwrapOnce();
    if (probe.usable) return std::make_unique<BwrapSandbox>();
    static std::once_flag warned;
    std::call_once(warned, [&probe] {
      fmt::print(stderr,
                 "warning: bubblewrap is unavailable ({}): running without a sandbox; this is "
                 "not a security boundary\n",
                 probe.reason);
    });
    return std::make_unique<NoSandbox>();
  }
  throw InputError(
      fmt::format("unknown sandbox backend '{}' (expected bwrap, none or auto)", backend));
}

}  // namespace grader
