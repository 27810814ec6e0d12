// What an importer takes from one archive or repository: the files a spec names, with their
// contents, and the entries it refused, with the reason.
//
// TreeBuilder holds the rules both readers (zip_reader, repository_reader) share, so a zip
// file and a checkout are judged alike: entry paths are checked and normalised, links,
// devices, encrypted entries and nested archives are refused, and the limits of
// import_limits.h are kept. Nothing here writes to disk.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "intake/import_limits.h"

namespace grader {

struct TreeFile {
  std::string path;      // normalised: relative, '/'-separated, no "." or ".." components
  std::string contents;  // at most ImportLimits::max_file_size bytes
};

struct RefusedEntry {
  std::string entry;   // as the archive names it (control characters shown as '?')
  std::string reason;  // e.g. "symbolic link (links are never followed)"
};

struct SubmissionTree {
  std::vector<TreeFile> files;        // regular files whose name a selected spec lists
  std::vector<RefusedEntry> refused;  // in the input's order
  std::uint64_t other_files = 0;      // regular files no selected spec names: ignored
};

enum class EntryKind { kFile, kFolder, kSymlink, kHardLink, kSpecial };

// The contents of one entry, read by the reader when TreeBuilder asks for them.
struct EntryContents {
  std::string bytes;  // at most the `cap` asked for
  std::string error;  // non-empty: the entry could not be read, and why
};
// Reads at most `cap` bytes of the current entry.
using ReadEntry = std::function<EntryContents(std::uint64_t cap)>;

// `text` with control characters replaced by '?', safe to print on a terminal.
std::string Printable(std::string_view text);

class TreeBuilder {
 public:
  // `input`: the archive's or repository's name, for messages. `wanted_names`: the file
  // names of the selected specs' submit lists; only entries with these names are read.
  TreeBuilder(std::string input, std::set<std::string> wanted_names, ImportLimits limits);

  // Considers one entry, in the input's order. `raw_path` is the entry's name as stored;
  // `declared_size` its uncompressed size when the input states one. Calls `read` only for
  // an acceptable regular file with a wanted name. Throws InputError naming the input and
  // the entry when the input crosses max_entries or max_total_size: the input is unusable.
  void Add(std::string_view raw_path, EntryKind kind, std::optional<std::uint64_t> declared_size,
           bool encrypted, const ReadEntry& read);

  // Records an entry the reader itself could not use (e.g. a header it could not decode).
  // It counts towards max_entries like any other (and throws the same way).
  void Refuse(std::string_view raw_path, std::string reason);

  SubmissionTree Finish() &&;

 private:
  void CountEntry(std::string_view raw_path);
  void CountBytes(std::string_view raw_path, std::uint64_t bytes);
  void Record(std::string_view raw_path, std::string reason);

  std::string input_;
  std::set<std::string> wanted_names_;
  ImportLimits limits_;
  std::uint64_t entries_ = 0;
  std::uint64_t total_bytes_ = 0;
  std::unordered_set<std::string> seen_paths_;
  SubmissionTree tree_;
};

}  // namespace grader
