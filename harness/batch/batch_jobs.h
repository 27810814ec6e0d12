// What a batch grades: every ROOT/<student>/<exercise>/ folder, one job each, and which of
// them a shard (`--shard K/N`) takes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace grader {

struct BatchJob {
  std::string student;   // the folder name under ROOT
  std::string exercise;  // the folder name under the student's, an exercise's name
  std::filesystem::path dir;
};

// Shard `index` of `count` (1-based, as `--shard 2/4` writes it).
struct Shard {
  int index = 1;
  int count = 1;
};

// Parses "K/N" with 1 <= K <= N. Throws InputError saying what is wrong.
Shard ParseShard(std::string_view text);

// Whether `student` belongs to `shard`: by a hash of the student's name, so a student's
// shard never depends on who else is in the class, and every shard of one class together
// holds each student exactly once.
bool InShard(std::string_view student, const Shard& shard);

// Every job under `root` for `exercises`, sorted by student, then exercise. Students are the
// folders of `root` whose names do not start with '.'; an exercise folder missing for a
// student is no job (the gradebook leaves that cell empty). Only the shard's students.
// Throws InputError when `root` is not a folder.
std::vector<BatchJob> FindJobs(const std::filesystem::path& root,
                               const std::vector<std::string>& exercises, const Shard& shard);

// The students under `root` (of the shard), sorted: the gradebook's rows, with or without
// jobs.
std::vector<std::string> FindStudents(const std::filesystem::path& root, const Shard& shard);

}  // namespace grader
