#include "intake/student_folder.h"

#include <stdlib.h>

#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "common/error.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

// A fresh, empty folder ROOT/<prefix><student>-XXXXXX.
fs::path MakeTemporaryFolder(const fs::path& root, std::string_view prefix,
                             const std::string& student) {
  std::string name = (root / fmt::format("{}{}-XXXXXX", prefix, student)).string();
  if (mkdtemp(name.data()) == nullptr) {
    throw InputError(fmt::format("{}: cannot create a folder in it", root.string()));
  }
  return name;
}

// Removes the temporary folder unless released, so a failed write leaves nothing behind.
class RemoveOnExit {
 public:
  explicit RemoveOnExit(fs::path folder) : folder_(std::move(folder)) {}
  ~RemoveOnExit() {
    std::error_code ignored;
    if (!folder_.empty()) fs::remove_all(folder_, ignored);
  }
  RemoveOnExit(const RemoveOnExit&) = delete;
  RemoveOnExit& operator=(const RemoveOnExit&) = delete;
  void Release() { folder_.clear(); }

 private:
  fs::path folder_;
};

void WriteContents(const fs::path& file, const std::string& contents) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  out.close();
  if (!out) throw InputError(fmt::format("{}: cannot write it", file.string()));
}

void Rename(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) {
    throw InputError(fmt::format("{}: cannot move it to {}: {}", from.string(), to.string(),
                                 ec.message()));
  }
}

}  // namespace

bool StudentFolderExists(const fs::path& root, const std::string& student) {
  std::error_code ec;
  return fs::symlink_status(root / student, ec).type() != fs::file_type::not_found;
}

void WriteStudentFolder(const fs::path& root, const std::string& student,
                        const std::vector<ExerciseMatch>& matches, bool replace) {
  const fs::path target = root / student;
  if (!replace && StudentFolderExists(root, student)) {
    throw InputError(fmt::format("{}: already exists (--force replaces it)", target.string()));
  }
  const fs::path staging = MakeTemporaryFolder(root, kTemporaryFolderPrefix, student);
  RemoveOnExit remove_staging(staging);
  // mkdtemp makes it 0700; a student's folder is as readable as one mkdir would make.
  fs::permissions(staging, fs::perms::owner_all | fs::perms::group_read |
                               fs::perms::group_exec | fs::perms::others_read |
                               fs::perms::others_exec);
  for (const ExerciseMatch& match : matches) {
    if (match.outcome != MatchOutcome::kFound) continue;
    const fs::path folder = staging / match.exercise;
    std::error_code ec;
    fs::create_directory(folder, ec);
    if (ec) {
      throw InputError(fmt::format("{}: cannot create it: {}", folder.string(), ec.message()));
    }
    for (const TreeFile* file : match.files) {
      const std::string name = file->path.substr(file->path.rfind('/') + 1);
      WriteContents(folder / name, file->contents);
    }
  }
  if (!StudentFolderExists(root, student)) {
    // rename(2) fails rather than replace a folder that appeared meanwhile (unless empty).
    Rename(staging, target);
    remove_staging.Release();
    return;
  }
  // Between the two renames ROOT/<student> is briefly absent, never half-written.
  const fs::path old = MakeTemporaryFolder(root, ".replaced-", student);
  RemoveOnExit remove_old(old);
  Rename(target, old / student);
  try {
    Rename(staging, target);
  } catch (const InputError&) {
    std::error_code ignored;
    fs::rename(old / student, target, ignored);  // put the previous folder back
    throw;
  }
  remove_staging.Release();
}

}  // namespace grader
