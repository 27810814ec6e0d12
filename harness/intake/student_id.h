// Student ids: the folder names of ROOT/<student>/, derived deterministically from the names
// a course export gives its files (docs/import.md states the rules for instructors).
//
// An id holds only lowercase ASCII letters, digits, '-', '_' and '.', does not start with '.'
// or '-', and is at most kMaxStudentIdLength bytes: safe as a folder name on every system
// and as a word on a command line. Every function returns "" when no usable id remains.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace grader {

inline constexpr std::size_t kMaxStudentIdLength = 100;

// `text` made into an id: ASCII letters lowercased; digits, '-', '_' and '.' kept; Latin
// letters with accents (UTF-8, U+00C0 to U+017F) written without them ("é" -> "e",
// "ß" -> "ss", "Ł" -> "l"); every run of other characters (spaces, punctuation, other
// scripts, invalid UTF-8) becomes one '-'. Leading '.', '-' and '_' and trailing '-' and '.'
// are dropped, and the result is cut at kMaxStudentIdLength bytes.
std::string SafeStudentId(std::string_view text);

// The id of the student who uploaded a zip file, from its file name:
// - Moodle, "<full name>_<number>_assignsubmission_<plugin>_<file>":
//     SafeStudentId(full name) + "_" + number  ("Jane Doe_12345_..." -> "jane-doe_12345");
// - Canvas, "<name>[_late]_<user id>_<submission id>_<file>":
//     SafeStudentId(name) + "_" + user id  ("doejane_late_4711_9001_hw3.zip" -> "doejane_4711");
// - anything else: SafeStudentId(the name without ".zip")  ("JDoe.zip" -> "jdoe").
// The number is kept so that two students with the same name get two ids.
std::string StudentIdFromArchiveName(std::string_view file_name);

// The assignment prefix of GitHub Classroom repositories named "<prefix><username>" (the
// prefix ends in '-'). In order: `given` (with a '-' appended when it lacks one); "<slug>-"
// when the export folder is named "<slug>-submissions" (as `gh classroom clone
// student-repos` names it) and every repository starts with it; else the longest common
// prefix of two or more names, cut after its last '-'. "" when none of these applies.
std::string ClassroomPrefix(const std::vector<std::string>& repository_names,
                            std::string_view export_folder_name, std::string_view given);

// The id of the owner of repository `name`: SafeStudentId of what follows `prefix`
// (a GitHub username, lowercased). "" when `name` does not start with `prefix`.
std::string StudentIdFromRepositoryName(std::string_view name, std::string_view prefix);

}  // namespace grader
