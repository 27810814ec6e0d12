#include "cli/import_command.h"

#include <algorithm>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "common/error.h"
#include "grading/catalog.h"
#include "intake/importer.h"
#include "spec/spec_loader.h"
#include "spec/units.h"

namespace grader {
namespace {

std::uint64_t SizeOption(std::string_view option, const std::string& text) {
  std::string error;
  const std::optional<std::uint64_t> size = ParseSize(text, &error);
  if (!size) throw InputError(fmt::format("{} {}", option, error));
  if (*size == 0) throw InputError(fmt::format("{} must be more than 0 bytes", option));
  return *size;
}

std::vector<ExerciseSpec> SelectedExercises(const CommonOptions& common,
                                            const std::vector<std::string>& names) {
  std::vector<std::filesystem::path> files;
  if (names.empty()) {
    files = AllSpecFiles(common.specs_dir);
    if (files.empty()) {
      throw InputError(fmt::format("{}: no exercises (no <exercise>/spec.yaml)",
                                   common.specs_dir.string()));
    }
  }
  for (const auto& name : names) {
    const auto file = ResolveSpecFile(name, common.specs_dir);
    if (std::find(files.begin(), files.end(), file) == files.end()) files.push_back(file);
  }
  std::vector<ExerciseSpec> specs;
  for (const auto& file : files) specs.push_back(LoadSpec(file));
  return specs;
}

}  // namespace

CLI::App* AddImportSubcommand(CLI::App& app, ImportCommandOptions& options) {
  CLI::App* command = app.add_subcommand(
      "import", "a course export (zip files, GitHub Classroom checkouts) into ROOT/<student>/");
  command->add_option("format", options.format, "zips or classroom")
      ->required()
      ->check(CLI::IsMember({"zips", "classroom"}));
  command->add_option("source", options.source, "the export's folder")->required();
  command->add_option("exercises", options.exercises, "exercises to look for (default: all)");
  command->add_option("-o,--output", options.root, "ROOT: where student folders are written")
      ->required();
  command->add_flag("--force", options.force, "replace student folders that already exist");
  command->add_option("--prefix", options.prefix,
                      "classroom: the assignment prefix of the repository names (default: "
                      "detected)");
  command->add_option("--max-file-size", options.max_file_size,
                      "largest file copied, uncompressed (default 1MiB)");
  command->add_option("--max-total-size", options.max_total_size,
                      "largest archive or repository, uncompressed (default 64MiB)");
  command->add_option("--max-entries", options.max_entries,
                      "most entries of an archive or repository (default 10000)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100'000'000}));
  return command;
}

int RunImport(const CommonOptions& common, const ImportCommandOptions& options) {
  ImportRequest request;
  request.format = options.format == "classroom" ? ExportFormat::kClassroom : ExportFormat::kZips;
  if (request.format == ExportFormat::kZips && !options.prefix.empty()) {
    throw InputError("--prefix applies to the classroom format only");
  }
  request.source = options.source;
  request.root = options.root;
  request.replace = options.force;
  request.prefix = options.prefix;
  request.limits.max_file_size = SizeOption("--max-file-size", options.max_file_size);
  request.limits.max_total_size = SizeOption("--max-total-size", options.max_total_size);
  request.limits.max_entries = options.max_entries;
  request.exercises = SelectedExercises(common, options.exercises);

  const ImportReport report = ImportExport(request);
  WriteImportReportText(report, std::cout);
  return report.Complete() ? kExitFullScore : kExitNotFullScore;
}

}  // namespace grader
