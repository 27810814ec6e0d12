// OUT/gradebook.csv: a header `student,<exercise>...,total`, then one row per student with
// the score of each exercise, empty where the student submitted nothing (../INTERFACE.md).
// Plain RFC 4180 CSV, which Moodle's and Canvas's grade imports read.
#pragma once

#include <string>
#include <vector>

#include "batch/result_store.h"

namespace grader {

// The gradebook of `students` x `exercises` from the results in `store`'s OUT.
std::string GradebookCsv(const std::vector<std::string>& students,
                         const std::vector<std::string>& exercises, const ResultStore& store);

// A CSV field: quoted when it holds a comma, a quote, a line break or leading/trailing
// spaces, with quotes doubled.
std::string CsvField(const std::string& text);

// 70, not 70.0; 12.5 stays 12.5.
std::string ScoreText(double score);

}  // namespace grader
