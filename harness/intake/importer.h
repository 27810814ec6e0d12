// `grader import`: a course export (students' zip files, or GitHub Classroom checkouts)
// into the batch layout ROOT/<student>/<exercise>/ that `grader batch` grades.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "intake/import_limits.h"
#include "intake/import_report.h"
#include "spec/spec.h"

namespace grader {

enum class ExportFormat {
  kZips,       // SOURCE holds one zip file per student
  kClassroom,  // SOURCE holds one git checkout per student, "<prefix><username>"
};

struct ImportRequest {
  ExportFormat format = ExportFormat::kZips;
  std::filesystem::path source;  // the export's folder
  std::filesystem::path root;    // where student folders go; created when missing
  std::vector<ExerciseSpec> exercises;  // the exercises to look for
  bool replace = false;  // --force: replace existing ROOT/<student> folders
  std::string prefix;    // classroom: the assignment prefix; "" to detect it
  ImportLimits limits;
};

// Imports every input of the export, each on its own: a broken or hostile input, or one
// whose student folder exists (without `replace`), is skipped and reported, and the others
// go on. Writes the report to ROOT/import-report.json and returns it.
// Throws InputError when the request itself is unusable: SOURCE is not a folder, ROOT cannot
// be created or is SOURCE itself, no exercise is selected, or the classroom prefix cannot
// be told.
ImportReport ImportExport(const ImportRequest& request);

}  // namespace grader
