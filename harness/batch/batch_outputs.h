// The files a batch writes once about all of its results, after the last grading (and that
// `grader merge` writes again over the joined shards): OUT/gradebook.csv, OUT/junit.xml and
// OUT/report.html (../INTERFACE.md "Batch output", docs/batch.md). Each is a function of the
// stored results in OUT alone, so a merged OUT gets the same files as a batch run on one
// machine.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "batch/result_store.h"
#include "report/batch_results.h"

namespace grader {

// The stored results in OUT of `students` x `exercises`, each read back from its result JSON
// (ResultFromJson); "error" and "internal_error" say why a result holds no grading. Throws
// InputError naming the file when a stored result is not a result JSON.
BatchResults ReadBatchResults(const std::vector<std::string>& students,
                              const std::vector<std::string>& exercises,
                              const ResultStore& store);

// Writes the whole-batch files of `students` x `exercises` into `store`'s OUT, each
// atomically (WriteFileAtomically): gradebook.csv, junit.xml, report.html. Returns the paths
// written, in that order. Throws InputError (before writing any) when a stored result is
// unreadable as a result JSON.
std::vector<std::filesystem::path> WriteBatchSummaries(const std::vector<std::string>& students,
                                                       const std::vector<std::string>& exercises,
                                                       const ResultStore& store);

}  // namespace grader
