// `grader new NAME [--dir ROOT]`: a new exercise scaffolded in specs/, exercises/ and
// reference/ that `grader validate NAME` passes as generated (harness/scaffold/;
// docs/spec-reference.md, "Adding an exercise").
#pragma once

#include <filesystem>
#include <string>

#include "cli/commands.h"

namespace CLI {
class App;
}

namespace grader {

struct NewCommandOptions {
  std::string exercise;
  std::filesystem::path root;  // --dir ROOT: ROOT/specs, ROOT/exercises, ROOT/reference
  // Whether the global --specs was given: without --dir, the exercise then goes into that
  // specs folder, with exercises/ and reference/ beside it. Set by main after parsing.
  bool specs_given = false;
};

// Registers the `new` subcommand on `app`, parsing into `options` (which must outlive the
// parse). Returns the subcommand, to test whether it was given.
CLI::App* AddNewSubcommand(CLI::App& app, NewCommandOptions& options);

// Writes the exercise and prints what it wrote and the next steps. Returns 0. Throws
// InputError (exit status 2) for a name the spec loader would refuse, for --dir with
// --specs, and when a folder of the exercise exists already (naming it).
int RunNew(const CommonOptions& common, const NewCommandOptions& options);

}  // namespace grader
