// Where exercises live: specs/<name>/spec.yaml under a specs folder.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace grader {

// The spec file of `exercise`: <specs_dir>/<exercise>/spec.yaml, or `exercise` itself when
// it names a .yaml file. Throws InputError naming the known exercises when there is none.
std::filesystem::path ResolveSpecFile(const std::string& exercise,
                                      const std::filesystem::path& specs_dir);

// Every <specs_dir>/*/spec.yaml, sorted by exercise name.
std::vector<std::filesystem::path> AllSpecFiles(const std::filesystem::path& specs_dir);

}  // namespace grader
