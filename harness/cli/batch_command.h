// `grader batch ROOT [EXERCISE...] -o OUT`: every ROOT/<student>/<exercise>/ graded, results
// stored as they finish, a gradebook at the end (docs/batch.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace grader {

struct BatchCommandOptions {
  std::filesystem::path root;
  std::vector<std::string> exercises;  // empty: every exercise of the specs folder
  std::filesystem::path out;           // -o
  int jobs = 0;                        // -j; 0: JobsOrCores() (one per available core)
  bool resume = false;                 // --resume: continue into an OUT that holds results
  bool dry_run = false;                // --dry-run: say what would be graded
  std::string shard;                   // --shard K/N; empty: all students
  std::uint64_t seed = 1;              // --seed: the batch's; fixed, so re-runs reuse results
  bool quick = false;                  // --quick
  std::optional<int> repeat;           // --repeat
};

CLI::App* AddBatchSubcommand(CLI::App& app, BatchCommandOptions& options);
int RunBatchCommand(const CommonOptions& common, const BatchCommandOptions& options);

}  // namespace grader
