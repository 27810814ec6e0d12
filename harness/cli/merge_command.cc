#include "cli/merge_command.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "batch/shard_merge.h"
#include "common/error.h"

namespace grader {

CLI::App* AddMergeSubcommand(CLI::App& app, MergeCommandOptions& options) {
  CLI::App* command = app.add_subcommand(
      "merge", "join the OUTs of the shards of one batch (grader batch --shard K/N) into one");
  command->add_option("inputs", options.inputs, "each shard's OUT")->required();
  command->add_option("-o,--out", options.out, "the joined OUT (absent or empty)")
      ->required();
  return command;
}

int RunMergeCommand(const MergeCommandOptions& options) {
  const MergeSummary summary = MergeShards(options.inputs, options.out);
  fmt::print("merge: {} shard(s), {} student(s), {} exercise(s), {} result(s) into {}\n",
             options.inputs.size(), summary.manifest.students.size(),
             summary.manifest.exercises.size(), summary.results, options.out.string());
  for (const std::filesystem::path& file : summary.written) {
    fmt::print("wrote {}\n", file.string());
  }
  return kExitFullScore;
}

}  // namespace grader
