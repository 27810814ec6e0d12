// Reads one student's checkout (a GitHub Classroom repository), under the rules of
// submission_tree.h.
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include "intake/import_limits.h"
#include "intake/submission_tree.h"

namespace grader {

// Walks the working tree of `repository` (a folder; `.git` anywhere is skipped, the history
// is never read), in sorted order, at most kMaxExerciseFolderDepth + 1 levels deep, since
// nothing deeper can match. Links are never followed: symbolic links, files with more than
// one hard link, devices, FIFOs and sockets are refused. Only files whose name is in
// `wanted_names` are read. Throws InputError naming the folder and entry when the walk
// crosses a limit of the whole repository or a folder cannot be listed.
SubmissionTree ReadRepository(const std::filesystem::path& repository,
                              const std::set<std::string>& wanted_names,
                              const ImportLimits& limits);

}  // namespace grader
