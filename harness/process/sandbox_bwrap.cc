#include "process/sandbox_backends.h"

#include <system_error>

namespace grader {
namespace {

namespace fs = std::filesystem;

constexpr char kBwrap[] = "/usr/bin/bwrap";
constexpr char kWorkspaceInside[] = "/submission";
constexpr char kNobody[] = "65534";

// Top-level folders that merged-/usr systems (Debian 12) make links into /usr; on others they
// are real folders of system libraries and binaries.
constexpr const char* kSystemRoots[] = {"/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32"};

// What compilers, the dynamic loader and gdb read from /etc; nothing with secrets and nothing
// that names the host's users (passwd, group), which no tool of a grading run needs.
constexpr const char* kEtcEntries[] = {
    "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives",
    "/etc/localtime",   "/etc/timezone",   "/etc/nsswitch.conf", "/etc/gdb",
};

bool Exists(const fs::path& path) {
  std::error_code error;
  return fs::exists(path, error);
}

void AddSystemView(std::vector<std::string>& args) {
  args.insert(args.end(), {"--ro-bind", "/usr", "/usr"});
  for (const char* root : kSystemRoots) {
    std::error_code error;
    fs::file_status status = fs::symlink_status(root, error);
    if (error || !fs::exists(status)) continue;
    if (fs::is_symlink(status)) {
      fs::path target = fs::read_symlink(root, error);
      if (!error) args.insert(args.end(), {"--symlink", target.string(), root});
    } else if (fs::is_directory(status)) {
      args.insert(args.end(), {"--ro-bind", root, root});
    }
  }
  for (const char* entry : kEtcEntries) {
    // Binds follow links, so /etc/localtime arrives as the zone file it points at.
    if (Exists(entry)) args.insert(args.end(), {"--ro-bind", entry, entry});
  }
}

}  // namespace

std::vector<std::string> BwrapSandbox::Wrap(const std::vector<std::string>& argv,
                                            const SandboxPolicy& policy,
                                            const fs::path& cwd_inside) const {
  std::vector<std::string> args = {kBwrap};
  // --unshare-all only tries the user namespace, and --uid needs it for certain; no nested
  // user namespaces, which would hand the command capabilities over its own mounts.
  args.insert(args.end(), {"--unshare-all", "--unshare-user", "--disable-userns"});
  // Dies with bwrap (which the harness kills as a group); no controlling terminal to push
  // input into (TIOCSTI).
  args.insert(args.end(), {"--die-with-parent", "--new-session"});
  // A non-zero uid inside already starts without capabilities; --cap-drop also covers a
  // harness that runs bwrap as root.
  args.insert(args.end(), {"--uid", kNobody, "--gid", kNobody, "--cap-drop", "ALL"});
  args.insert(args.end(), {"--hostname", "sandbox"});
  if (policy.network) args.push_back("--share-net");
  AddSystemView(args);
  args.insert(args.end(), {"--proc", "/proc", "--dev", "/dev"});
  args.insert(args.end(), {"--perms", "1777"});
  if (policy.tmp_size > 0) args.insert(args.end(), {"--size", std::to_string(policy.tmp_size)});
  args.insert(args.end(), {"--tmpfs", "/tmp"});
  // After /tmp, so that a read-only path under the host's /tmp lands on top of the tmpfs.
  args.insert(args.end(), {"--bind", fs::absolute(policy.workspace).string(), kWorkspaceInside});
  for (const fs::path& path : policy.readonly_paths) {
    std::string absolute = fs::absolute(path).string();
    args.insert(args.end(), {"--ro-bind", absolute, absolute});
  }
  // Last: the folders bwrap created for the mount points above need a writable root.
  args.insert(args.end(), {"--remount-ro", "/"});
  args.insert(args.end(), {"--chdir", cwd_inside.empty() ? std::string(kWorkspaceInside)
                                                         : cwd_inside.string()});
  args.push_back("--");
  args.insert(args.end(), argv.begin(), argv.end());
  return args;
}

fs::path BwrapSandbox::WorkspaceDir(const SandboxPolicy&) const { return kWorkspaceInside; }

}  // namespace grader
