#include "build/build_cache.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "common/error.h"

namespace grader {
namespace {

constexpr const char* kProgram = "program";
constexpr const char* kDiagnostics = "diagnostics.txt";

std::uintmax_t EntrySize(const std::filesystem::path& entry) {
  std::uintmax_t total = 0;
  std::error_code error;
  for (const auto& file : std::filesystem::directory_iterator(entry, error)) {
    const std::uintmax_t size = file.file_size(error);
    if (!error) total += size;
  }
  return total;
}

}  // namespace

BuildCache::BuildCache(std::filesystem::path dir, std::uintmax_t max_bytes)
    : dir_(std::move(dir)), max_bytes_(max_bytes) {}

std::optional<BuildCache::Entry> BuildCache::Find(const std::string& key) const {
  if (!enabled()) return std::nullopt;
  const std::filesystem::path entry = dir_ / key;
  std::error_code error;
  if (!std::filesystem::is_regular_file(entry / kProgram, error)) return std::nullopt;
  std::ifstream in(entry / kDiagnostics, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream diagnostics;
  diagnostics << in.rdbuf();
  // Recently used: eviction goes by this time.
  std::filesystem::last_write_time(entry, std::filesystem::file_time_type::clock::now(), error);
  return Entry{entry / kProgram, diagnostics.str()};
}

void BuildCache::Store(const std::string& key, const std::filesystem::path& program,
                       const std::string& diagnostics) const {
  if (!enabled()) return;
  std::error_code error;
  std::filesystem::create_directories(dir_, error);
  const std::filesystem::path temp =
      dir_ / fmt::format(".tmp-{}-{:08x}", key, std::random_device{}());
  std::filesystem::create_directory(temp, error);
  if (error) return;
  std::filesystem::copy_file(program, temp / kProgram, error);
  if (!error) {
    std::ofstream out(temp / kDiagnostics, std::ios::binary);
    out << diagnostics;
    if (!out.flush()) error = std::make_error_code(std::errc::io_error);
  }
  // A rename onto an existing entry fails (the folder is not empty): another grader
  // stored the same build first, and either copy is the same program.
  if (!error) std::filesystem::rename(temp, dir_ / key, error);
  if (error) std::filesystem::remove_all(temp, error);
  Evict();
}

void BuildCache::Evict() const {
  struct Found {
    std::filesystem::path path;
    std::filesystem::file_time_type used;
    std::uintmax_t size;
  };
  std::vector<Found> entries;
  std::uintmax_t total = 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, error)) {
    if (!entry.is_directory(error) || entry.path().filename().string().starts_with(".")) {
      continue;
    }
    Found found{entry.path(), entry.last_write_time(error), EntrySize(entry.path())};
    total += found.size;
    entries.push_back(std::move(found));
  }
  std::sort(entries.begin(), entries.end(),
            [](const Found& a, const Found& b) { return a.used < b.used; });
  for (const Found& oldest : entries) {
    if (total <= max_bytes_) break;
    std::filesystem::remove_all(oldest.path, error);
    total -= oldest.size;
  }
}

std::uintmax_t DefaultBuildCacheBytes() {
  constexpr std::uintmax_t kDefaultMb = 4096;
  const char* value = std::getenv("GRADER_BUILD_CACHE_MB");
  if (value == nullptr || *value == '\0') return kDefaultMb << 20;
  char* end = nullptr;
  const unsigned long long mb = std::strtoull(value, &end, 10);
  if (*end != '\0') {
    throw InputError(fmt::format("GRADER_BUILD_CACHE_MB={}: expected a whole number of MiB "
                                 "(0 turns the build cache off)",
                                 value));
  }
  return static_cast<std::uintmax_t>(mb) << 20;
}

}  // namespace grader
