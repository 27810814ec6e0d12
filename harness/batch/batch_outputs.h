// The files a batch writes once about all of its results, after the last grading (and that
// `grader merge` writes again over the joined shards): OUT/gradebook.csv and the other
// whole-batch summaries (../INTERFACE.md "Batch output"). Each is a function of the stored
// results in OUT alone, so a merged OUT gets the same files as a batch run on one machine.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "batch/result_store.h"

namespace grader {

// Writes the whole-batch files of `students` x `exercises` into `store`'s OUT, each
// atomically (WriteFileAtomically). Returns the paths written, gradebook first.
std::vector<std::filesystem::path> WriteBatchSummaries(const std::vector<std::string>& students,
                                                       const std::vector<std::string>& exercises,
                                                       const ResultStore& store);

}  // namespace grader
