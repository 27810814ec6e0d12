// `grader import FORMAT SOURCE -o ROOT [EXERCISE...]`: a course export into the layout
// `grader batch` grades (harness/intake/importer.h; docs/import.md for instructors).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace CLI {
class App;
}

namespace grader {

struct ImportCommandOptions {
  std::string format;                  // "zips" or "classroom"
  std::filesystem::path source;        // the export's folder
  std::filesystem::path root;          // -o: where ROOT/<student>/<exercise>/ are written
  std::vector<std::string> exercises;  // empty: every exercise of the specs folder
  bool force = false;                  // --force: replace existing student folders
  std::string prefix;                  // --prefix: classroom assignment prefix; "": detect
  std::string max_file_size = "1MiB";     // --max-file-size: per copied file, uncompressed
  std::string max_total_size = "64MiB";   // --max-total-size: per archive or repository
  std::uint64_t max_entries = 10'000;     // --max-entries: per archive or repository
};

// Registers the `import` subcommand on `app`, parsing into `options` (which must outlive
// the parse). Returns the subcommand, to test whether it was given.
CLI::App* AddImportSubcommand(CLI::App& app, ImportCommandOptions& options);

// Runs the import and prints its report. Returns 0 when every input was imported and no
// exercise was skipped (an exercise absent from an input is not skipped), 1 when some input
// or exercise was skipped (the report says which and why). Throws InputError when the
// command itself is unusable (exit status 2): an unknown exercise, a SOURCE that is not a
// folder, ROOT inside SOURCE, a bad limit, an undetectable prefix.
int RunImport(const CommonOptions& common, const ImportCommandOptions& options);

}  // namespace grader
