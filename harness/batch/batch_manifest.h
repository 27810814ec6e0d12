// OUT/batch.json: what one batch covers. `grader batch` writes it when it starts (so a
// killed batch has one too) and again when every job has a stored result; `--resume` checks
// it, and `grader merge` reads it from each shard's OUT to tell whether the shards belong to
// one batch and are all there (docs/batch.md "batch.json"):
//   {"schema": "grader-batch/1", "harness_version": "0.1.0", "seed": 7,
//    "shard": {"index": 1, "count": 2}, "exercises": ["sum"],
//    "settings": {"quick": true, "repeat": 0, "chaos": true, "sandbox": "bwrap",
//                 "toolchain": "g++ (Debian 12.2.0-14) 12.2.0"},
//    "students": ["alice", "carol"], "complete": true}
// The file holds no time, host or path, so a merged OUT's batch.json is byte-identical to
// the one of a batch of the same class, seed and options run on one machine.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "batch/batch_jobs.h"
#include "batch/grading_key.h"

namespace grader {

inline constexpr const char* kBatchManifestFile = "batch.json";
inline constexpr const char* kBatchManifestSchema = "grader-batch/1";

// The grading settings that enter every grading key (GradingSettings), as batch.json names
// them. The toolchain is the compiler's version line: nodes with different CPUs grade the
// same batch, while a different compiler makes a different one.
struct ManifestSettings {
  bool quick = false;
  int repeat = 0;  // 0: each test's own
  bool chaos = true;
  std::string sandbox;
  std::string toolchain;

  bool operator==(const ManifestSettings&) const = default;
};

struct BatchManifest {
  std::string harness_version;
  std::uint64_t seed = 1;
  Shard shard;                          // 1/1 when the batch is not sharded
  std::vector<std::string> exercises;   // sorted
  ManifestSettings settings;
  std::vector<std::string> students;    // the shard's, sorted as FindStudents sorts them
  bool complete = false;                // every job of the batch has a stored result
};

ManifestSettings SettingsOf(const GradingSettings& settings);

// The file's text: two-space indented JSON, keys in the order above, ending in a newline.
std::string ManifestText(const BatchManifest& manifest);

// Writes `out_dir`/batch.json atomically (WriteFileAtomically).
void WriteManifest(const std::filesystem::path& out_dir, const BatchManifest& manifest);

// Reads `out_dir`/batch.json. Throws InputError naming the file and what is wrong: absent,
// not JSON, another schema, a field missing or of the wrong type, a shard outside 1..N,
// students or exercises unsorted or repeated.
BatchManifest ReadManifest(const std::filesystem::path& out_dir);

// One field in which two manifests describe different batches.
struct ManifestDifference {
  std::string field;   // "seed", "settings.quick", ...
  std::string first;   // its value in the first manifest, as text
  std::string second;  // in the second
};

// Where `first` and `second` are not parts of one batch: the harness version, the seed, the
// shard count, the exercises or the settings differ. The shard index, the students and
// completeness are what shards of one batch differ in, so they are not compared.
std::vector<ManifestDifference> BatchDifferences(const BatchManifest& first,
                                                 const BatchManifest& second);

// Refuses to resume the batch in `out_dir` as `now`: throws InputError naming its
// batch.json and every difference (BatchDifferences, and the shard index) when `now` is
// another batch, or when there is no readable batch.json.
void CheckResume(const std::filesystem::path& out_dir, const BatchManifest& now);

// "seed 7 in the first, 8 in the second; ..." style text of `differences`, with the two
// sides named `first_name` and `second_name`.
std::string DescribeDifferences(const std::vector<ManifestDifference>& differences,
                                const std::string& first_name, const std::string& second_name);

std::string ShardText(const Shard& shard);  // "2/4"

}  // namespace grader
