#include "batch/batch_outputs.h"

#include <sstream>

#include "batch/gradebook.h"
#include "report/batch_html_report.h"
#include "report/json_result_reader.h"
#include "report/junit_report.h"

namespace grader {

BatchResults ReadBatchResults(const std::vector<std::string>& students,
                              const std::vector<std::string>& exercises,
                              const ResultStore& store) {
  BatchResults results(students, exercises);
  for (const std::string& student : students) {
    for (const std::string& exercise : exercises) {
      const std::optional<nlohmann::json> stored = store.InOut(student, exercise);
      if (!stored) continue;
      const std::filesystem::path file = store.out_dir() / student / (exercise + ".json");
      BatchSubmission submission;
      submission.student = student;
      submission.exercise = exercise;
      submission.result = ResultFromJson(*stored, file.string());
      if (const auto error = stored->find("error"); error != stored->end()) {
        submission.not_graded = NotGraded::kUnusable;
        submission.not_graded_reason = error->is_string() ? error->get<std::string>() : "";
      } else if (const auto failure = stored->find("internal_error"); failure != stored->end()) {
        submission.not_graded = NotGraded::kInternalError;
        submission.not_graded_reason = failure->is_string() ? failure->get<std::string>() : "";
      }
      results.Add(std::move(submission));
    }
  }
  return results;
}

std::vector<std::filesystem::path> WriteBatchSummaries(const std::vector<std::string>& students,
                                                       const std::vector<std::string>& exercises,
                                                       const ResultStore& store) {
  // Every result is read (and its errors found) before any file is written.
  const BatchResults results = ReadBatchResults(students, exercises, store);
  const std::filesystem::path gradebook = store.out_dir() / "gradebook.csv";
  WriteFileAtomically(gradebook, GradebookCsv(students, exercises, store));
  const std::filesystem::path junit = store.out_dir() / "junit.xml";
  std::ostringstream junit_text;
  WriteBatchJunit(results, junit_text);
  WriteFileAtomically(junit, junit_text.str());
  const std::filesystem::path page = store.out_dir() / "report.html";
  std::ostringstream page_text;
  WriteBatchHtmlReport(results, page_text);
  WriteFileAtomically(page, page_text.str());
  return {gradebook, junit, page};
}

}  // namespace grader
