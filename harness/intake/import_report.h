// What an import did, input by input: printed for the instructor and kept as
// ROOT/import-report.json (schema "grader-import/1", documented in docs/import.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "intake/submission_tree.h"

namespace grader {

// The report's file name inside ROOT.
inline constexpr std::string_view kImportReportFileName = "import-report.json";

struct ExerciseImport {
  std::string exercise;
  bool imported = false;
  std::string folder;              // imported: where the files were inside the input
  std::vector<std::string> files;  // imported: the file names copied
  std::string reason;              // skipped: why, naming the entries concerned
};

// One zip file or repository of the export.
struct InputImport {
  std::string input;    // its file or folder name inside SOURCE
  std::string student;  // the student id; "" when none could be derived
  bool imported = false;  // ROOT/<student>/ was written
  std::string reason;     // not imported: why, naming the input (and the entry)
  std::vector<ExerciseImport> exercises;  // found or skipped; exercises never seen are absent
  std::vector<std::string> absent;        // the selected exercises with no trace in the input
  std::vector<RefusedEntry> refused;      // entries never considered, and why
  std::uint64_t ignored_files = 0;        // files no selected exercise names, or left over
};

struct ImportReport {
  std::string format;  // "zips" or "classroom"
  std::filesystem::path source;
  std::filesystem::path root;
  std::string prefix;  // classroom: the assignment prefix used
  std::vector<std::string> exercises;  // the selected exercises
  std::vector<InputImport> inputs;     // sorted by input name
  std::vector<std::string> not_inputs;  // entries of SOURCE that are not inputs (ignored)

  int ImportedInputs() const;
  int SkippedInputs() const;
  int SkippedExercises() const;
  // True when every input was imported with no exercise skipped: `grader import` exits 0.
  bool Complete() const;
};

// The report for a terminal: one block per input, then a summary line.
void WriteImportReportText(const ImportReport& report, std::ostream& out);

// The report as JSON. Names that are not valid UTF-8 are written with U+FFFD in place of
// the invalid bytes.
void WriteImportReportJson(const ImportReport& report, std::ostream& out);

}  // namespace grader
