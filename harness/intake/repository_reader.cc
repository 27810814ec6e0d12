#include "intake/repository_reader.h"

#include <algorithm>
#include <fstream>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "common/error.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

EntryContents ReadFileCapped(const fs::path& file, std::uint64_t cap) {
  EntryContents contents;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    contents.error = "cannot open it";
    return contents;
  }
  char buffer[64 * 1024];
  while (contents.bytes.size() < cap && in) {
    const std::size_t want = std::min<std::uint64_t>(sizeof buffer, cap - contents.bytes.size());
    in.read(buffer, static_cast<std::streamsize>(want));
    contents.bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) contents.error = "read error";
  return contents;
}

class RepositoryWalk {
 public:
  RepositoryWalk(const fs::path& repository, TreeBuilder& builder)
      : repository_(repository), builder_(builder) {}

  // `relative` is "" for the repository itself; `depth` its number of components.
  void Folder(const std::string& relative, int depth) {
    const fs::path folder = relative.empty() ? repository_ : repository_ / relative;
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      entries.push_back(*it);
    }
    if (ec) {
      throw InputError(fmt::format("{}: cannot list '{}': {}", repository_.filename().string(),
                                   relative.empty() ? "." : relative, ec.message()));
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& entry : entries) {
      const std::string name = entry.path().filename().string();
      if (name == ".git") continue;  // the history, or a submodule's link to it
      const std::string path = relative.empty() ? name : relative + "/" + name;
      const fs::file_status status = entry.symlink_status(ec);
      EntryKind kind = EntryKind::kSpecial;
      std::optional<std::uint64_t> size;
      if (ec) {
        builder_.Refuse(path, "cannot read its type: " + ec.message());
        continue;
      } else if (fs::is_symlink(status)) {
        kind = EntryKind::kSymlink;
      } else if (fs::is_directory(status)) {
        kind = EntryKind::kFolder;
      } else if (fs::is_regular_file(status)) {
        // A hard link may share its contents with a file outside the repository.
        kind = entry.hard_link_count(ec) > 1 ? EntryKind::kHardLink : EntryKind::kFile;
        const std::uintmax_t bytes = entry.file_size(ec);
        if (!ec) size = bytes;
      }
      builder_.Add(path, kind, size, /*encrypted=*/false, [&](std::uint64_t cap) {
        return ReadFileCapped(entry.path(), cap);
      });
      if (kind == EntryKind::kFolder && depth + 1 <= kMaxExerciseFolderDepth) {
        Folder(path, depth + 1);
      }
    }
  }

 private:
  const fs::path& repository_;
  TreeBuilder& builder_;
};

}  // namespace

SubmissionTree ReadRepository(const fs::path& repository,
                              const std::set<std::string>& wanted_names,
                              const ImportLimits& limits) {
  TreeBuilder builder(repository.filename().string(), wanted_names, limits);
  RepositoryWalk(repository, builder).Folder("", 0);
  return std::move(builder).Finish();
}

}  // namespace grader
