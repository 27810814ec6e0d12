#include "intake/zip_reader.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

#include <fmt/format.h>

#include "common/error.h"

namespace grader {
namespace {

struct ArchiveFree {
  void operator()(archive* reader) const { archive_read_free(reader); }
};

std::string ErrorText(archive* reader) {
  const char* text = archive_error_string(reader);
  return text != nullptr ? text : "unknown error";
}

EntryKind KindOf(archive_entry* entry) {
  if (archive_entry_hardlink(entry) != nullptr) return EntryKind::kHardLink;
  switch (archive_entry_filetype(entry)) {
    case AE_IFREG: return EntryKind::kFile;
    case AE_IFDIR: return EntryKind::kFolder;
    case AE_IFLNK: return EntryKind::kSymlink;
    default: return EntryKind::kSpecial;
  }
}

// Never more than `cap` bytes, whatever the entry declares: archive_read_data decompresses
// block by block, and reading stops as soon as the cap is reached.
EntryContents ReadData(archive* reader, std::uint64_t cap) {
  EntryContents contents;
  char buffer[64 * 1024];
  while (contents.bytes.size() < cap) {
    const std::size_t want = std::min<std::uint64_t>(sizeof buffer, cap - contents.bytes.size());
    const la_ssize_t got = archive_read_data(reader, buffer, want);
    if (got < 0) {
      contents.error = ErrorText(reader);
      break;
    }
    if (got == 0) break;
    contents.bytes.append(buffer, static_cast<std::size_t>(got));
  }
  return contents;
}

}  // namespace

SubmissionTree ReadZipArchive(const std::filesystem::path& zip,
                              const std::set<std::string>& wanted_names,
                              const ImportLimits& limits) {
  const std::string name = zip.filename().string();
  std::unique_ptr<archive, ArchiveFree> reader(archive_read_new());
  if (!reader) throw InternalError("archive_read_new: out of memory");
  archive_read_support_format_zip(reader.get());
  if (archive_read_open_filename(reader.get(), zip.c_str(), 64 * 1024) != ARCHIVE_OK) {
    throw InputError(fmt::format("{}: not a readable zip file: {}", Printable(name),
                                 ErrorText(reader.get())));
  }
  TreeBuilder builder(name, wanted_names, limits);
  std::string last_entry = "(the first entry)";
  for (;;) {
    archive_entry* entry = nullptr;
    const int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status == ARCHIVE_FATAL) {
      throw InputError(fmt::format("{}: damaged zip file after entry '{}': {}", Printable(name),
                                   Printable(last_entry), ErrorText(reader.get())));
    }
    // ARCHIVE_WARN: the header was read (e.g. a name not in UTF-8); the entry is usable.
    const char* path = archive_entry_pathname_utf8(entry);
    if (path == nullptr) path = archive_entry_pathname(entry);
    last_entry = path != nullptr ? path : "(unnamed)";
    if (status == ARCHIVE_RETRY || status == ARCHIVE_FAILED || path == nullptr) {
      builder.Refuse(last_entry, "unreadable entry header: " + ErrorText(reader.get()));
      continue;
    }
    std::optional<std::uint64_t> size;
    if (archive_entry_size_is_set(entry) && archive_entry_size(entry) >= 0) {
      size = static_cast<std::uint64_t>(archive_entry_size(entry));
    }
    builder.Add(path, KindOf(entry), size, archive_entry_is_encrypted(entry) != 0,
                [&](std::uint64_t cap) { return ReadData(reader.get(), cap); });
  }
  return std::move(builder).Finish();
}

}  // namespace grader
