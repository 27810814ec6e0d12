// A fresh folder per grading, holding copies of the submitted files.
//
// Layout: the submitted files at the root (so the student's relative #includes work), and
// everything the harness adds under .grader/ (glue sources, binaries, logs). The submission
// folder itself is only read, never modified. Only the files the spec's `submit` lists are
// copied; each must be a regular file (no symlink, device, FIFO or folder), within the size
// cap. Anything else in the submission folder is left out and named in IgnoredFiles().
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "spec/spec.h"

namespace grader {

class Workspace {
 public:
  // Creates <parent>/<exercise>-XXXXXX and copies the submission into it.
  // Throws InputError (naming the file and the reason) for a missing submission folder, a
  // missing required file, a symlink or special file, a name with '/' or '..', or a file
  // over spec.max_file_size. Nothing is left on disk when it throws.
  static Workspace Create(const std::filesystem::path& parent, const ExerciseSpec& spec,
                          const std::filesystem::path& submission_dir);

  Workspace(Workspace&& other) noexcept;
  Workspace& operator=(Workspace&&) = delete;
  Workspace(const Workspace&) = delete;
  ~Workspace();  // removes the folder unless Keep() was called

  const std::filesystem::path& Root() const { return root_; }
  std::filesystem::path GraderDir() const { return root_ / ".grader"; }

  // The names of the files copied in, in the order of the spec's submit lists.
  const std::vector<std::string>& SubmittedFiles() const { return submitted_; }
  // Entries of the submission folder that were not copied (not in the submit lists).
  const std::vector<std::string>& IgnoredFiles() const { return ignored_; }

  void Keep() { keep_ = true; }

 private:
  Workspace() = default;

  std::filesystem::path root_;
  std::vector<std::string> submitted_;
  std::vector<std::string> ignored_;
  bool keep_ = false;
};

}  // namespace grader
