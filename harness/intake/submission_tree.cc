#include "intake/submission_tree.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "common/error.h"
#include "spec/units.h"

namespace grader {
namespace {

// The entry's path as relative '/'-separated components, or nullopt with *why set. A
// backslash counts as a separator: zip tools on Windows write "hw3\counter.hpp", and
// "..\evil" must not slip through as one harmless-looking name.
std::optional<std::string> NormalizeEntryPath(std::string_view raw, std::string* why) {
  std::string path(raw);
  std::replace(path.begin(), path.end(), '\\', '/');
  const bool drive_letter = path.size() >= 2 && path[1] == ':' &&
                            std::isalpha(static_cast<unsigned char>(path[0]));
  if (path.starts_with('/') || drive_letter) {
    *why = "absolute path (entries must stay inside the archive)";
    return std::nullopt;
  }
  std::string normal;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string_view part = std::string_view(path).substr(start, end - start);
    start = end + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      *why = "path with '..' (entries must stay inside the archive)";
      return std::nullopt;
    }
    if (!normal.empty()) normal += '/';
    normal += part;
  }
  return normal;
}

std::string_view BaseName(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string Lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return lower;
}

// An archive inside the archive: never expanded (its contents escape every limit counted
// here), so a student who zipped a zip learns why nothing was found.
bool IsArchiveName(std::string_view name) {
  static constexpr std::array<std::string_view, 14> kExtensions = {
      ".zip", ".jar", ".tar", ".tgz", ".gz", ".bz2", ".tbz2",
      ".xz",  ".txz", ".zst", ".7z",  ".rar", ".cpio", ".iso"};
  const std::string lower = Lowercase(name);
  return std::any_of(kExtensions.begin(), kExtensions.end(),
                     [&](std::string_view extension) { return lower.ends_with(extension); });
}

// What macOS's Archive Utility and Finder add to every zip: resource forks and folder
// settings, never a submission.
bool IsMacMetadata(std::string_view path) {
  const std::string_view name = BaseName(path);
  return path.starts_with("__MACOSX/") || path.find("/__MACOSX/") != std::string_view::npos ||
         name.starts_with("._") || name == ".DS_Store";
}

}  // namespace

std::string Printable(std::string_view text) {
  std::string printable(text);
  for (char& c : printable) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) c = '?';
  }
  return printable;
}

TreeBuilder::TreeBuilder(std::string input, std::set<std::string> wanted_names,
                         ImportLimits limits)
    : input_(std::move(input)), wanted_names_(std::move(wanted_names)), limits_(limits) {}

void TreeBuilder::CountBytes(std::string_view raw_path, std::uint64_t bytes) {
  total_bytes_ += bytes;
  if (total_bytes_ > limits_.max_total_size) {
    throw InputError(fmt::format(
        "{}: entry '{}': the entries hold more than {} uncompressed (--max-total-size)",
        Printable(input_), Printable(raw_path), FormatSize(limits_.max_total_size)));
  }
}

void TreeBuilder::CountEntry(std::string_view raw_path) {
  if (++entries_ > limits_.max_entries) {
    throw InputError(fmt::format("{}: entry '{}': more than {} entries (--max-entries)",
                                 Printable(input_), Printable(raw_path), limits_.max_entries));
  }
}

void TreeBuilder::Record(std::string_view raw_path, std::string reason) {
  tree_.refused.push_back({Printable(raw_path), std::move(reason)});
}

void TreeBuilder::Refuse(std::string_view raw_path, std::string reason) {
  CountEntry(raw_path);
  Record(raw_path, std::move(reason));
}

void TreeBuilder::Add(std::string_view raw_path, EntryKind kind,
                      std::optional<std::uint64_t> declared_size, bool encrypted,
                      const ReadEntry& read) {
  CountEntry(raw_path);
  const std::uint64_t declared = declared_size.value_or(0);
  CountBytes(raw_path, declared);

  std::string why;
  const std::optional<std::string> path = NormalizeEntryPath(raw_path, &why);
  if (!path) return Record(raw_path, why);
  switch (kind) {
    case EntryKind::kFolder: return;
    case EntryKind::kSymlink: return Record(raw_path, "symbolic link (links are never followed)");
    case EntryKind::kHardLink: return Record(raw_path, "hard link (links are never followed)");
    case EntryKind::kSpecial: return Record(raw_path, "device, FIFO or socket");
    case EntryKind::kFile: break;
  }
  if (path->empty()) return Record(raw_path, "file without a name");
  if (encrypted) return Record(raw_path, "encrypted (no password is ever tried)");
  if (IsMacMetadata(*path)) {
    ++tree_.other_files;
    return;
  }
  if (IsArchiveName(BaseName(*path))) return Record(raw_path, "nested archive (not expanded)");
  if (!seen_paths_.insert(*path).second) {
    return Record(raw_path, "a second entry with the same path (the first one counts)");
  }
  if (!wanted_names_.contains(std::string(BaseName(*path)))) {
    ++tree_.other_files;
    return;
  }
  const std::string too_large = fmt::format("larger than {} uncompressed (--max-file-size)",
                                            FormatSize(limits_.max_file_size));
  if (declared > limits_.max_file_size) return Record(raw_path, too_large);

  EntryContents contents = read(limits_.max_file_size + 1);
  if (contents.bytes.size() > declared) CountBytes(raw_path, contents.bytes.size() - declared);
  if (!contents.error.empty()) return Record(raw_path, "cannot be read: " + contents.error);
  if (contents.bytes.size() > limits_.max_file_size) return Record(raw_path, too_large);
  tree_.files.push_back({*path, std::move(contents.bytes)});
}

SubmissionTree TreeBuilder::Finish() && { return std::move(tree_); }

}  // namespace grader
