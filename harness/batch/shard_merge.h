// `grader merge`: the OUTs of the shards of one batch (`grader batch --shard K/N`, one per
// machine) joined into one OUT that holds what the batch run on one machine would hold:
// every student's result files byte for byte, a batch.json of shard 1/1 over all students,
// and the whole-batch files (WriteBatchSummaries) made again over the joined results.
//
// Shards that do not make up exactly one whole, finished batch are refused before anything
// is written (docs/batch.md "Merging shards").
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "batch/batch_manifest.h"

namespace grader {

// One shard's OUT and its batch.json.
struct ShardOutput {
  std::filesystem::path dir;
  BatchManifest manifest;
};

// The batch.json of the joined OUT (shard 1/1, every shard's students, sorted; not yet
// complete), when `shards` are every shard of one batch, each once, each finished, no
// student in two of them. Throws InputError naming the folder(s) and what is wrong.
BatchManifest JoinManifests(const std::vector<ShardOutput>& shards);

struct MergeSummary {
  BatchManifest manifest;                       // the joined OUT's batch.json
  int results = 0;                              // result JSONs copied
  std::vector<std::filesystem::path> written;   // the whole-batch files, then batch.json
};

// Reads each input's batch.json, checks them (JoinManifests), that `out` is absent or empty,
// and that each input holds nothing under its students' folders but their result files;
// then copies every result file into `out`, each atomically and byte for byte, and writes
// the whole-batch files and batch.json. Throws InputError naming the folder or file.
MergeSummary MergeShards(const std::vector<std::filesystem::path>& inputs,
                         const std::filesystem::path& out);

}  // namespace grader
