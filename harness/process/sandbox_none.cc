#include "process/sandbox_backends.h"

namespace grader {

std::vector<std::string> NoSandbox::Wrap(const std::vector<std::string>& argv,
                                         const SandboxPolicy&,
                                         const std::filesystem::path& cwd_inside) const {
  if (cwd_inside.empty()) return argv;
  // env changes directory and execs the command in place: the pid handed to
  // before_deadline_kill is still the command's own.
  std::vector<std::string> args = {"/usr/bin/env", "--chdir=" + cwd_inside.string(), "--"};
  args.insert(args.end(), argv.begin(), argv.end());
  return args;
}

std::filesystem::path NoSandbox::WorkspaceDir(const SandboxPolicy& policy) const {
  return std::filesystem::absolute(policy.workspace);
}

}  // namespace grader
