#include "intake/import_report.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

namespace grader {

int ImportReport::ImportedInputs() const {
  return static_cast<int>(std::count_if(inputs.begin(), inputs.end(),
                                        [](const InputImport& input) { return input.imported; }));
}

int ImportReport::SkippedInputs() const {
  return static_cast<int>(inputs.size()) - ImportedInputs();
}

int ImportReport::SkippedExercises() const {
  int skipped = 0;
  for (const InputImport& input : inputs) {
    skipped += static_cast<int>(
        std::count_if(input.exercises.begin(), input.exercises.end(),
                      [](const ExerciseImport& exercise) { return !exercise.imported; }));
  }
  return skipped;
}

bool ImportReport::Complete() const { return SkippedInputs() == 0 && SkippedExercises() == 0; }

void WriteImportReportText(const ImportReport& report, std::ostream& out) {
  fmt::print(out, "import of {} from {} into {} (exercises: {})\n", report.format,
             report.source.string(), report.root.string(), fmt::join(report.exercises, ", "));
  if (!report.prefix.empty()) fmt::print(out, "assignment prefix: {}\n", report.prefix);
  for (const InputImport& input : report.inputs) {
    fmt::print(out, "{:<20} {}\n", input.student.empty() ? "-" : input.student,
               Printable(input.input));
    for (const ExerciseImport& exercise : input.exercises) {
      if (exercise.imported) {
        fmt::print(out, "    {:<16} imported  {} (from {})\n", exercise.exercise,
                   fmt::join(exercise.files, ", "),
                   exercise.folder.empty() ? "the top folder" : Printable(exercise.folder) + "/");
      } else {
        fmt::print(out, "    {:<16} skipped   {}\n", exercise.exercise, Printable(exercise.reason));
      }
    }
    for (const RefusedEntry& refused : input.refused) {
      fmt::print(out, "    {:<16} entry '{}': {}\n", "refused", refused.entry, refused.reason);
    }
    if (input.ignored_files > 0) {
      fmt::print(out, "    {:<16} {} other file{}\n", "ignored", input.ignored_files,
                 input.ignored_files == 1 ? "" : "s");
    }
    if (!input.imported) {
      fmt::print(out, "    {:<16} {}\n", "NOT IMPORTED", Printable(input.reason));
    }
  }
  for (const std::string& name : report.not_inputs) {
    fmt::print(out, "{:<20} {} (not a {}; ignored)\n", "-", Printable(name),
               report.format == "zips" ? "zip file" : "repository folder");
  }
  fmt::print(out, "{} of {} inputs imported, {} skipped, {} exercise{} skipped; report: {}\n",
             report.ImportedInputs(), report.inputs.size(), report.SkippedInputs(),
             report.SkippedExercises(), report.SkippedExercises() == 1 ? "" : "s",
             (report.root / kImportReportFileName).string());
}

void WriteImportReportJson(const ImportReport& report, std::ostream& out) {
  // Keys in the order written here: the schema first, as a reader looks for it.
  using json = nlohmann::ordered_json;
  json inputs = json::array();
  for (const InputImport& input : report.inputs) {
    json exercises = json::array();
    for (const ExerciseImport& exercise : input.exercises) {
      json entry = {{"exercise", exercise.exercise},
                    {"status", exercise.imported ? "imported" : "skipped"}};
      if (exercise.imported) {
        entry["folder"] = exercise.folder;
        entry["files"] = exercise.files;
      } else {
        entry["reason"] = exercise.reason;
      }
      exercises.push_back(std::move(entry));
    }
    json refused = json::array();
    for (const RefusedEntry& entry : input.refused) {
      refused.push_back({{"entry", entry.entry}, {"reason", entry.reason}});
    }
    json item = {{"input", input.input},
                 {"student", input.student},
                 {"status", input.imported ? "imported" : "skipped"}};
    if (!input.imported) item["reason"] = input.reason;
    item["exercises"] = std::move(exercises);
    item["absent"] = input.absent;
    item["refused"] = std::move(refused);
    item["ignored_files"] = input.ignored_files;
    inputs.push_back(std::move(item));
  }
  json document = {{"schema", "grader-import/1"},
                   {"format", report.format},
                   {"source", report.source.string()},
                   {"root", report.root.string()}};
  if (!report.prefix.empty()) document["prefix"] = report.prefix;
  document["exercises"] = report.exercises;
  document["imported"] = report.ImportedInputs();
  document["skipped"] = report.SkippedInputs();
  document["skipped_exercises"] = report.SkippedExercises();
  document["not_inputs"] = report.not_inputs;
  document["inputs"] = std::move(inputs);
  out << document.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace grader
