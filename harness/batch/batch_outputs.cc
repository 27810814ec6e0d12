#include "batch/batch_outputs.h"

#include "batch/gradebook.h"

namespace grader {

std::vector<std::filesystem::path> WriteBatchSummaries(const std::vector<std::string>& students,
                                                       const std::vector<std::string>& exercises,
                                                       const ResultStore& store) {
  const std::filesystem::path gradebook = store.out_dir() / "gradebook.csv";
  WriteFileAtomically(gradebook, GradebookCsv(students, exercises, store));
  return {gradebook};
}

}  // namespace grader
