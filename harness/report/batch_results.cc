#include "report/batch_results.h"

namespace grader {

void BatchResults::Add(BatchSubmission submission) {
  index_[{submission.student, submission.exercise}] = submissions_.size();
  submissions_.push_back(std::move(submission));
}

const BatchSubmission* BatchResults::Find(const std::string& student,
                                          const std::string& exercise) const {
  const auto found = index_.find({student, exercise});
  return found == index_.end() ? nullptr : &submissions_[found->second];
}

std::string_view SummaryVerdict(const BatchSubmission& submission) {
  switch (submission.not_graded) {
    case NotGraded::kUnusable: return "unusable";
    case NotGraded::kInternalError: return VerdictName(Verdict::kInternalError);
    case NotGraded::kNo: break;
  }
  for (const TestResult& test : submission.result.tests) {
    if (test.verdict != Verdict::kOk) return VerdictName(test.verdict);
  }
  return VerdictName(Verdict::kOk);
}

const std::vector<std::string_view>& SummaryVerdictOrder() {
  static const std::vector<std::string_view> order = [] {
    std::vector<std::string_view> words;
    // kInternalError is the last verdict of the enum.
    for (int verdict = static_cast<int>(Verdict::kOk);
         verdict <= static_cast<int>(Verdict::kInternalError); ++verdict) {
      words.push_back(VerdictName(static_cast<Verdict>(verdict)));
    }
    words.push_back("unusable");
    return words;
  }();
  return order;
}

}  // namespace grader
