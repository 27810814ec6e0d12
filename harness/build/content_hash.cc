#include "build/content_hash.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "common/error.h"

namespace grader {
namespace {

// The FNV-128 prime, 2^88 + 0x13b.
constexpr unsigned __int128 kPrime =
    (static_cast<unsigned __int128>(0x0000000001000000ULL) << 64) | 0x000000000000013bULL;

}  // namespace

void ContentHash::Mix(std::string_view bytes) {
  for (unsigned char c : bytes) {
    state_ ^= c;
    state_ *= kPrime;
  }
}

ContentHash& ContentHash::Add(std::string_view bytes) {
  Mix(fmt::format("{}:", bytes.size()));
  Mix(bytes);
  return *this;
}

ContentHash& ContentHash::AddFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InternalError(fmt::format("cannot read {}", file.string()));
  std::ostringstream contents;
  contents << in.rdbuf();
  Add(file.filename().string());
  Add(contents.str());
  return *this;
}

ContentHash& ContentHash::AddTree(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    Add(std::filesystem::relative(file, dir).string());
    AddFile(file);
  }
  return *this;
}

ContentHash& ContentHash::AddPath(const std::filesystem::path& path) {
  std::error_code error;
  Add(path.filename().string());
  if (std::filesystem::is_directory(path, error)) return AddTree(path);
  if (std::filesystem::exists(path, error)) return AddFile(path);
  return Add("(missing)");
}

std::string ContentHash::Hex() const {
  return fmt::format("{:016x}{:016x}", static_cast<std::uint64_t>(state_ >> 64),
                     static_cast<std::uint64_t>(state_));
}

}  // namespace grader
