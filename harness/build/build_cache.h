// Linked submission programs, cached by everything that went into them.
//
// A build's key hashes the compiler's identity, the whole compiler command (flags, glue
// file names, the content-addressed paths of the cached driver and GoogleTest objects, the
// libraries) and the contents of every submitted file, glue file and adapter header. Equal
// keys mean the compiler would be given identical inputs, so the cached program is what it
// would produce: re-grading an unchanged submission (validate --repeat, a re-run after a
// spec change that did not touch the build) skips the compiler. Only successful builds are
// stored, with the compiler's warnings; a compile error is always recompiled, so its
// message is fresh.
//
// Entries are written to a temporary folder and renamed into place, so graders sharing one
// cache never see half an entry. The cache is bounded: after a store, the least recently
// used entries (by modification time, refreshed on every hit) are removed until the total
// is under the bound. Removing the folder at any time is safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace grader {

class BuildCache {
 public:
  // `max_bytes` bounds the size of all entries together; 0 disables the cache.
  BuildCache(std::filesystem::path dir, std::uintmax_t max_bytes);

  struct Entry {
    std::filesystem::path program;  // inside the cache: copy it, do not run it in place
    std::string diagnostics;        // the compiler's warnings when it was built
  };

  bool enabled() const { return max_bytes_ > 0; }

  // The entry of `key`, and marks it recently used; nullopt on a miss.
  std::optional<Entry> Find(const std::string& key) const;

  // Copies `program` in under `key` with its diagnostics, then evicts to the bound. A
  // failure to store (disk full, a racing grader) is ignored: the cache is an optimisation.
  void Store(const std::string& key, const std::filesystem::path& program,
             const std::string& diagnostics) const;

 private:
  void Evict() const;

  std::filesystem::path dir_;
  std::uintmax_t max_bytes_;
};

// $GRADER_BUILD_CACHE_MB when set (0 disables the cache), else 4096.
std::uintmax_t DefaultBuildCacheBytes();

}  // namespace grader
