// The inputs of a course export: which entries of SOURCE are students' zip files or
// repositories, and the student id of each (student_id.h).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace grader {

struct ExportInput {
  std::string name;  // the file or folder name inside SOURCE
  std::filesystem::path path;
  std::string student;  // "" when no id could be derived
  // Non-empty: why this input cannot be imported (no id, an id shared with other inputs,
  // a folder that is not a repository, ...), naming the input.
  std::string problem;
};

struct ExportListing {
  std::vector<ExportInput> inputs;  // sorted by name
  std::vector<std::string> not_inputs;  // other entries of SOURCE, sorted; hidden ones left out
  std::string prefix;                   // classroom: the assignment prefix used
};

// Every "*.zip" file (any case) in `source`, not in subfolders. Other files and folders are
// not inputs. Throws InputError when `source` is not a folder that can be listed.
ExportListing ListZipExport(const std::filesystem::path& source);

// Every folder of `source`: one holding `.git` is a repository named "<prefix><username>";
// any other folder is an input that cannot be imported. `prefix`: the --prefix option, ""
// to detect it (ClassroomPrefix). Throws InputError when `source` cannot be listed, or when
// the prefix cannot be told (a single repository and no --prefix).
ExportListing ListClassroomExport(const std::filesystem::path& source, const std::string& prefix);

}  // namespace grader
