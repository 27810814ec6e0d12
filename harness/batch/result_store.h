// Where a batch's results live, each written atomically the moment its grading ends:
//   OUT/<student>/<exercise>.json             the result JSON of ../INTERFACE.md, plus
//                                             "student" and "grading_key"
//   OUT/<student>/<exercise>.gradescope.json  Gradescope's results.json
//   <cache>/results/<key>.json, <key>.gradescope.json   the same, by content address
// A file is written to a temporary name in its folder, flushed to disk, then renamed over
// the old name, and the folder is flushed: a batch killed at any moment leaves each result
// either whole or absent, never half-written.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "batch/batch_jobs.h"
#include "common/atomic_file.h"

namespace grader {

// One finished grading, as stored.
struct StoredResult {
  nlohmann::json result;   // the result JSON
  std::string gradescope;  // Gradescope's results.json text
};

class ResultStore {
 public:
  // `cache_dir` empty: no cache beyond OUT.
  ResultStore(std::filesystem::path out_dir, std::filesystem::path cache_dir);

  // The result of `job` with `key`: the one in OUT when its grading_key is `key`, else the
  // cache's. Nothing when neither holds it (or a file is unreadable: it is graded again).
  std::optional<StoredResult> Find(const BatchJob& job, const std::string& key) const;

  // Stores a result in OUT and in the cache.
  void Save(const BatchJob& job, const std::string& key, const StoredResult& stored) const;

  // The result JSON in OUT of `job`, whatever its key; nothing when absent or unreadable.
  std::optional<nlohmann::json> InOut(const std::string& student,
                                      const std::string& exercise) const;

  const std::filesystem::path& out_dir() const { return out_dir_; }

 private:
  std::filesystem::path ResultFile(const std::string& student, const std::string& exercise,
                                   const char* suffix) const;
  std::filesystem::path out_dir_;
  std::filesystem::path cache_dir_;  // <cache>/results; empty: none
};

}  // namespace grader
