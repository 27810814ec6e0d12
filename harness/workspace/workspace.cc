#include "workspace/workspace.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <system_error>

#include <fmt/format.h>
#include <fmt/std.h>

#include "common/error.h"

namespace grader {
namespace {

bool IsPlainName(const std::string& name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find('/') == std::string::npos && name.find('\0') == std::string::npos;
}

std::string DescribeFileType(fs::file_type type) {
  switch (type) {
    case fs::file_type::symlink: return "a symbolic link";
    case fs::file_type::directory: return "a folder";
    case fs::file_type::block: return "a block device";
    case fs::file_type::character: return "a character device";
    case fs::file_type::fifo: return "a FIFO";
    case fs::file_type::socket: return "a socket";
    default: return "not a regular file";
  }
}

// Copies one submitted file, refusing anything that is not a small regular file.
// symlink_status never follows links, so a link to /etc/shadow or to a hidden driver is
// refused rather than copied.
void CopySubmittedFile(const fs::path& from, const fs::path& to, std::uint64_t max_size) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(from, ec);
  if (ec || status.type() == fs::file_type::not_found) {
    throw InputError(fmt::format("{}: missing: the exercise requires this file", from.string()));
  }
  if (status.type() != fs::file_type::regular) {
    throw InputError(fmt::format("{}: refused: {} (submit the file itself)", from.string(),
                                 DescribeFileType(status.type())));
  }
  const std::uint64_t size = fs::file_size(from);
  if (size > max_size) {
    throw InputError(fmt::format("{}: refused: {} bytes, over the limit of {} bytes", from.string(),
                                 size, max_size));
  }
  fs::copy_file(from, to, fs::copy_options::none, ec);
  if (ec) throw InputError(fmt::format("{}: cannot copy: {}", from.string(), ec.message()));
  fs::permissions(to, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                          fs::perms::others_read);
}

}  // namespace

Workspace Workspace::Create(const fs::path& parent, const ExerciseSpec& spec,
                            const fs::path& submission_dir) {
  std::error_code ec;
  if (!fs::is_directory(submission_dir, ec)) {
    throw InputError(fmt::format("{}: not a folder: give the folder that holds {}",
                                 submission_dir.string(), fmt::join(spec.submit_required, ", ")));
  }
  fs::create_directories(parent);
  // Absolute, so paths into it stay right from any working folder (compiler, sandbox).
  std::string templ = (fs::absolute(parent) / (spec.name + "-XXXXXX")).string();
  if (mkdtemp(templ.data()) == nullptr) {
    throw InternalError(fmt::format("cannot create a workspace in {}", parent.string()));
  }
  Workspace ws;
  ws.root_ = templ;
  fs::create_directories(ws.GraderDir());

  std::vector<std::string> wanted = spec.submit_required;
  for (const auto& name : wanted) {
    if (!IsPlainName(name)) {
      throw InputError(fmt::format("{}: refused: '{}' is not a plain file name", spec.file.string(), name));
    }
    CopySubmittedFile(submission_dir / name, ws.root_ / name, spec.max_file_size);
    ws.submitted_.push_back(name);
  }
  for (const auto& name : spec.submit_optional) {
    if (!IsPlainName(name)) {
      throw InputError(fmt::format("{}: refused: '{}' is not a plain file name", spec.file.string(), name));
    }
    if (fs::symlink_status(submission_dir / name, ec).type() == fs::file_type::not_found) {
      continue;
    }
    CopySubmittedFile(submission_dir / name, ws.root_ / name, spec.max_file_size);
    ws.submitted_.push_back(name);
    wanted.push_back(name);
  }
  for (const auto& entry : fs::directory_iterator(submission_dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory()) continue;  // a folder is never part of a submission
    if (std::find(wanted.begin(), wanted.end(), name) == wanted.end()) {
      ws.ignored_.push_back(name);
    }
  }
  std::sort(ws.ignored_.begin(), ws.ignored_.end());
  return ws;
}

Workspace::Workspace(Workspace&& other) noexcept
    : root_(std::move(other.root_)),
      submitted_(std::move(other.submitted_)),
      ignored_(std::move(other.ignored_)),
      keep_(other.keep_) {
  other.root_.clear();
}

Workspace::~Workspace() {
  if (root_.empty() || keep_) return;
  std::error_code ec;
  fs::remove_all(root_, ec);
}

}  // namespace grader
