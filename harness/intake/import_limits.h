// The bounds an import keeps to, whatever an archive or repository holds.
//
// A course export is student-controlled input: a zip file can declare or expand to any size
// and hold any number of entries. These limits make every import finish in bounded time and
// memory; `grader import` can raise them (--max-file-size, --max-total-size, --max-entries).
#pragma once

#include <cstdint>

#include "spec/spec.h"

namespace grader {

struct ImportLimits {
  // Bytes of one file that would be copied, uncompressed. A larger entry is refused, and
  // reading stops one byte past the limit whatever size the archive declares.
  std::uint64_t max_file_size = 1 * kMiB;
  // Bytes of all entries of one archive or repository together (uncompressed, the larger of
  // the declared size and what was read). Past it the whole input is skipped.
  std::uint64_t max_total_size = 64 * kMiB;
  // Entries (files, folders, links) of one archive or repository. Past it the whole input is
  // skipped; `.git` folders are not counted.
  std::uint64_t max_entries = 10'000;
};

// An exercise's folder is looked for at most this many folders deep inside an archive or
// repository ("hw3/part1/parallel_sum" is 3 deep); files deeper down are never matched.
inline constexpr int kMaxExerciseFolderDepth = 3;

}  // namespace grader
