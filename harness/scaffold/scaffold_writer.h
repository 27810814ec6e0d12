// Writing a new exercise's three folders so that no reader ever sees half of them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "scaffold/scaffold_files.h"

namespace grader {

// Where a new exercise goes: <specs_dir>/<exercise>/, and beside the specs folder (in its
// parent, the project's root) exercises/<exercise>/ and reference/<exercise>/, which is
// where the spec's `reference: ../../reference/<exercise>` points.
class ScaffoldLayout {
 public:
  // `specs_dir` need not exist yet; its parent must when the exercise is written.
  explicit ScaffoldLayout(const std::filesystem::path& specs_dir);

  const std::filesystem::path& specs_dir() const { return specs_dir_; }
  const std::filesystem::path& root() const { return root_; }
  // The folder of `exercise` in `area`.
  std::filesystem::path Folder(ScaffoldArea area, const std::string& exercise) const;

 private:
  std::filesystem::path specs_dir_;  // absolute, normalised, without a trailing '/'
  std::filesystem::path root_;       // its parent
};

// The folders of `exercise` in `layout` that exist already (as anything, a dangling link
// included), in the order of kScaffoldAreas.
std::vector<std::filesystem::path> ExistingScaffoldFolders(const ScaffoldLayout& layout,
                                                           const std::string& exercise);

// Writes `files` into the three folders of `exercise`: first into a temporary folder inside
// the root (.grader-new-<exercise>-XXXXXX), then each folder renamed into place, making
// specs_dir, exercises/ and reference/ when missing. Throws InputError naming the paths when
// any of the three folders exists already (nothing is written then), and naming the path
// and the cause on a filesystem failure, after removing whatever it had put in place (and
// the parent folders it made): a failure leaves no part of the exercise behind.
// REQUIRES: layout.root() exists.
void WriteScaffold(const ScaffoldLayout& layout, const std::string& exercise,
                   const std::vector<ScaffoldFile>& files);

}  // namespace grader
