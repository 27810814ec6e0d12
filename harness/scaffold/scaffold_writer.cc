#include "scaffold/scaffold_writer.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "common/error.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kStagingPrefix = ".grader-new-";

// The folder of an area inside the temporary folder (and, by name, beside the specs folder).
fs::path AreaName(ScaffoldArea area) {
  switch (area) {
    case ScaffoldArea::kSpec: return "specs";
    case ScaffoldArea::kExercise: return "exercises";
    case ScaffoldArea::kReference: return "reference";
  }
  return "";
}

bool Exists(const fs::path& path) {
  std::error_code ignored;
  return fs::symlink_status(path, ignored).type() != fs::file_type::not_found;
}

// Removes everything it was told about unless released, newest first, so a failed write
// leaves nothing behind. Folders made as parents are removed only while empty.
class Undo {
 public:
  Undo() = default;
  ~Undo() {
    std::error_code ignored;
    for (auto it = trees_.rbegin(); it != trees_.rend(); ++it) fs::remove_all(*it, ignored);
    for (auto it = parents_.rbegin(); it != parents_.rend(); ++it) fs::remove(*it, ignored);
  }
  Undo(const Undo&) = delete;
  Undo& operator=(const Undo&) = delete;
  void RemoveTree(fs::path path) { trees_.push_back(std::move(path)); }
  void RemoveIfEmpty(fs::path path) { parents_.push_back(std::move(path)); }
  void Release() {
    trees_.clear();
    parents_.clear();
  }

 private:
  std::vector<fs::path> trees_;
  std::vector<fs::path> parents_;
};

void MakeFolders(const fs::path& folder) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw InputError(fmt::format("{}: cannot create it: {}", folder.string(), ec.message()));
}

void WriteContents(const fs::path& file, const std::string& contents) {
  MakeFolders(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  out.close();
  if (!out) throw InputError(fmt::format("{}: cannot write it", file.string()));
}

}  // namespace

ScaffoldLayout::ScaffoldLayout(const fs::path& specs_dir)
    : specs_dir_(fs::absolute(specs_dir).lexically_normal()) {
  if (!specs_dir_.has_filename()) specs_dir_ = specs_dir_.parent_path();  // "specs/"
  root_ = specs_dir_.parent_path();
}

fs::path ScaffoldLayout::Folder(ScaffoldArea area, const std::string& exercise) const {
  return (area == ScaffoldArea::kSpec ? specs_dir_ : root_ / AreaName(area)) / exercise;
}

std::vector<fs::path> ExistingScaffoldFolders(const ScaffoldLayout& layout,
                                              const std::string& exercise) {
  std::vector<fs::path> existing;
  for (const ScaffoldArea area : kScaffoldAreas) {
    const fs::path folder = layout.Folder(area, exercise);
    if (Exists(folder)) existing.push_back(folder);
  }
  return existing;
}

void WriteScaffold(const ScaffoldLayout& layout, const std::string& exercise,
                   const std::vector<ScaffoldFile>& files) {
  const std::vector<fs::path> existing = ExistingScaffoldFolders(layout, exercise);
  if (!existing.empty()) {
    std::vector<std::string> names;
    for (const fs::path& folder : existing) names.push_back(folder.string());
    throw InputError(fmt::format(
        "{} already exist{}: `grader new` makes a new exercise and never changes one; choose "
        "another name, or move {} away",
        fmt::join(names, " and "), existing.size() == 1 ? "s" : "",
        existing.size() == 1 ? "it" : "them"));
  }

  std::string staging_name =
      (layout.root() / fmt::format("{}{}-XXXXXX", kStagingPrefix, exercise)).string();
  if (mkdtemp(staging_name.data()) == nullptr) {
    throw InputError(fmt::format("{}: cannot create a folder in it: {}", layout.root().string(),
                                 std::strerror(errno)));
  }
  const fs::path staging = staging_name;
  Undo undo_staging;
  undo_staging.RemoveTree(staging);
  for (const ScaffoldFile& file : files) {
    WriteContents(staging / AreaName(file.area) / exercise / file.path, file.text);
  }

  // Each rename(2) puts a whole folder in place, or fails rather than replace a folder that
  // appeared meanwhile (an empty one aside); a failure takes back the ones moved before it.
  Undo undo_placed;
  for (const ScaffoldArea area : kScaffoldAreas) {
    const fs::path target = layout.Folder(area, exercise);
    std::error_code ec;
    if (fs::create_directory(target.parent_path(), ec)) {
      undo_placed.RemoveIfEmpty(target.parent_path());
    }
    if (ec) {
      throw InputError(fmt::format("{}: cannot create it: {}", target.parent_path().string(),
                                   ec.message()));
    }
    fs::rename(staging / AreaName(area) / exercise, target, ec);
    if (ec) {
      throw InputError(fmt::format("{}: cannot move the new exercise's folder there: {}",
                                   target.string(), ec.message()));
    }
    undo_placed.RemoveTree(target);
  }
  undo_placed.Release();
}

}  // namespace grader
