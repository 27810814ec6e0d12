// Reads one student's zip file through libarchive, under the rules of submission_tree.h.
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include "intake/import_limits.h"
#include "intake/submission_tree.h"

namespace grader {

// Reads `zip` (only the zip format is accepted; no entry is written to disk). Only entries
// whose file name is in `wanted_names` are decompressed, each at most max_file_size + 1
// bytes, so a zip bomb costs no more than that. Throws InputError naming the file (and the
// entry, where there is one) when it is not a readable zip file or crosses a limit of the
// whole archive.
SubmissionTree ReadZipArchive(const std::filesystem::path& zip,
                              const std::set<std::string>& wanted_names,
                              const ImportLimits& limits);

}  // namespace grader
