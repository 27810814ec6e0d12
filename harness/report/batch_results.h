// A batch's stored results as its whole-class reports read them (OUT/junit.xml,
// OUT/report.html): students x exercises, each stored result read back from its JSON.
// Everything here comes from the files in OUT, so a batch and a merge of its shards see the
// same BatchResults.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "judge/grade_result.h"

namespace grader {

// Why a stored result holds no grading (docs/batch.md): the student's files were unusable
// (the result's "error"), or the harness failed before any test ("internal_error").
enum class NotGraded { kNo, kUnusable, kInternalError };

struct BatchSubmission {
  std::string student;  // the folder name under ROOT, as any text (escape it)
  std::string exercise;
  GradeResult result;   // ResultFromJson of OUT/<student>/<exercise>.json
  NotGraded not_graded = NotGraded::kNo;
  std::string not_graded_reason;  // the stored "error" or "internal_error"
};

class BatchResults {
 public:
  // Rows and columns of the reports, in the order given (a batch gives them sorted).
  BatchResults(std::vector<std::string> students, std::vector<std::string> exercises)
      : students_(std::move(students)), exercises_(std::move(exercises)) {}

  // Adds a stored result; add them students then exercises, in the orders above.
  void Add(BatchSubmission submission);

  const std::vector<std::string>& students() const { return students_; }
  const std::vector<std::string>& exercises() const { return exercises_; }
  // The stored results in the order added; a student without a result for an exercise has
  // none here.
  const std::vector<BatchSubmission>& submissions() const { return submissions_; }
  // The result of `student` for `exercise`; null when none is stored.
  const BatchSubmission* Find(const std::string& student, const std::string& exercise) const;

 private:
  std::vector<std::string> students_;
  std::vector<std::string> exercises_;
  std::vector<BatchSubmission> submissions_;
  std::map<std::pair<std::string, std::string>, std::size_t> index_;  // into submissions_
};

// The one word for a submission as a whole, used by the table's colours and the
// histograms: the verdict of its first test that is not ok ("ok" when all are), "unusable"
// or "internal-error" when it was not graded.
std::string_view SummaryVerdict(const BatchSubmission& submission);

// Every word SummaryVerdict can give, in the order the reports list them: "ok", the other
// verdicts in the order of ../common/verdict.h, then "unusable".
const std::vector<std::string_view>& SummaryVerdictOrder();

}  // namespace grader
