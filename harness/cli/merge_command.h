// `grader merge OUT... -o OUT`: the outputs of the shards of one batch joined into one OUT,
// as the batch run on one machine would have written it (harness/batch/shard_merge.h;
// docs/batch.md "Merging shards").
#pragma once

#include <filesystem>
#include <vector>

namespace CLI {
class App;
}

namespace grader {

struct MergeCommandOptions {
  std::vector<std::filesystem::path> inputs;  // each shard's OUT
  std::filesystem::path out;                  // -o: absent or empty
};

// Registers the `merge` subcommand on `app`, parsing into `options` (which must outlive
// the parse). Returns the subcommand, to test whether it was given.
CLI::App* AddMergeSubcommand(CLI::App& app, MergeCommandOptions& options);

// Merges and prints what was written. Returns 0; throws InputError (exit status 2) when
// the inputs are not every finished shard of one batch, each once, or -o holds files.
int RunMergeCommand(const MergeCommandOptions& options);

}  // namespace grader
