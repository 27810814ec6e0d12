#include "batch/batch_jobs.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <system_error>

#include <fmt/format.h>

#include "common/error.h"

namespace grader {
namespace {

// 64-bit FNV-1a: stable across machines and versions, unlike std::hash.
std::uint64_t StableHash(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

int ParsePositive(std::string_view text, std::string_view whole) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1) {
    throw InputError(fmt::format("--shard {}: expected K/N with whole numbers 1 <= K <= N, "
                                 "e.g. 2/4",
                                 whole));
  }
  return value;
}

}  // namespace

Shard ParseShard(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    throw InputError(fmt::format("--shard {}: expected K/N, e.g. 2/4", text));
  }
  Shard shard{ParsePositive(text.substr(0, slash), text),
              ParsePositive(text.substr(slash + 1), text)};
  if (shard.index > shard.count) {
    throw InputError(fmt::format("--shard {}: K must be at most N ({} > {})", text,
                                 shard.index, shard.count));
  }
  return shard;
}

bool InShard(std::string_view student, const Shard& shard) {
  return static_cast<int>(StableHash(student) % static_cast<std::uint64_t>(shard.count)) ==
         shard.index - 1;
}

std::vector<std::string> FindStudents(const std::filesystem::path& root, const Shard& shard) {
  std::error_code error;
  if (!std::filesystem::is_directory(root, error)) {
    throw InputError(fmt::format("{}: not a folder (expected ROOT/<student>/<exercise>/)",
                                 root.string()));
  }
  std::vector<std::string> students;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.' || !entry.is_directory()) continue;
    if (InShard(name, shard)) students.push_back(name);
  }
  std::sort(students.begin(), students.end());
  return students;
}

std::vector<BatchJob> FindJobs(const std::filesystem::path& root,
                               const std::vector<std::string>& exercises, const Shard& shard) {
  std::vector<std::string> sorted_exercises = exercises;
  std::sort(sorted_exercises.begin(), sorted_exercises.end());
  std::vector<BatchJob> jobs;
  for (const std::string& student : FindStudents(root, shard)) {
    for (const std::string& exercise : sorted_exercises) {
      const std::filesystem::path dir = root / student / exercise;
      std::error_code error;
      if (std::filesystem::is_directory(dir, error)) jobs.push_back({student, exercise, dir});
    }
  }
  return jobs;
}

}  // namespace grader
