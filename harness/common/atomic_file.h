// Files that are either whole or absent, whatever moment the process is killed at.
//
// A file is written to a temporary name in its folder (".<name>.XXXXXX"), flushed to disk,
// then renamed over the old name, and the folder is flushed. Readers never see a half-written
// file; a process killed mid-write leaves at most the temporary file behind.
#pragma once

#include <filesystem>
#include <string>

namespace grader {

// Writes `contents` to `file` atomically (see above), creating its folder when missing.
// Throws InputError naming the file.
void WriteFileAtomically(const std::filesystem::path& file, const std::string& contents);

}  // namespace grader
