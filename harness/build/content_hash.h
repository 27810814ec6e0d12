// Content hashes for the build cache: equal inputs give equal keys, so a cached object is
// reused exactly when everything that went into it is unchanged.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace grader {

// 128-bit FNV-1a over everything fed to it. Not cryptographic: the cache only has to tell
// apart the inputs of one course's drivers, and a collision there is astronomically unlikely.
class ContentHash {
 public:
  ContentHash& Add(std::string_view bytes);  // length-prefixed, so ("ab","c") != ("a","bc")
  ContentHash& AddFile(const std::filesystem::path& file);  // its name and contents
  // Every regular file under `dir`, in sorted order, names relative to `dir`.
  ContentHash& AddTree(const std::filesystem::path& dir);
  // `path`'s name, then its tree (a folder), its contents (a file) or "(missing)".
  ContentHash& AddPath(const std::filesystem::path& path);
  std::string Hex() const;  // 32 hex digits

 private:
  void Mix(std::string_view bytes);
  unsigned __int128 state_ = (static_cast<unsigned __int128>(0x6c62272e07bb0142ULL) << 64) |
                             0x62b821756295c58dULL;  // the FNV-128 offset basis
};

}  // namespace grader
