// Writing ROOT/<student>/ so that no reader ever sees half of it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "intake/exercise_files.h"

namespace grader {

// The temporary folders of unfinished writes start with this (ROOT/.import-<student>-XXXXXX).
// A student id never starts with '.', so none can be mistaken for a student; one left
// behind by an interrupted import may be deleted.
inline constexpr std::string_view kTemporaryFolderPrefix = ".import-";

// True when ROOT/<student> exists (as anything, a dangling link included).
bool StudentFolderExists(const std::filesystem::path& root, const std::string& student);

// Writes ROOT/<student>/<exercise>/<file> for every kFound match: first into a temporary
// folder inside ROOT, then renamed into place. With `replace`, an existing ROOT/<student> is
// renamed aside first and deleted after the new one is in place; without, it is left alone
// and InputError is thrown. Throws InputError naming the path on a filesystem failure;
// nothing partial is left under ROOT/<student> in any case.
// REQUIRES: `root` exists; `student` is a SafeStudentId; at least one match is kFound.
void WriteStudentFolder(const std::filesystem::path& root, const std::string& student,
                        const std::vector<ExerciseMatch>& matches, bool replace);

}  // namespace grader
