#include "batch/result_store.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "common/atomic_file.h"
#include "common/error.h"

namespace grader {
namespace {

std::optional<std::string> ReadWhole(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<StoredResult> ReadStored(const std::filesystem::path& result_file,
                                       const std::filesystem::path& gradescope_file) {
  const std::optional<std::string> result = ReadWhole(result_file);
  const std::optional<std::string> gradescope = ReadWhole(gradescope_file);
  if (!result || !gradescope) return std::nullopt;
  StoredResult stored;
  stored.result = nlohmann::json::parse(*result, nullptr, /*allow_exceptions=*/false);
  if (!stored.result.is_object()) return std::nullopt;
  stored.gradescope = *gradescope;
  return stored;
}

}  // namespace

ResultStore::ResultStore(std::filesystem::path out_dir, std::filesystem::path cache_dir)
    : out_dir_(std::move(out_dir)),
      cache_dir_(cache_dir.empty() ? cache_dir : cache_dir / "results") {}

std::filesystem::path ResultStore::ResultFile(const std::string& student,
                                              const std::string& exercise,
                                              const char* suffix) const {
  return out_dir_ / student / (exercise + suffix);
}

std::optional<StoredResult> ResultStore::Find(const BatchJob& job,
                                              const std::string& key) const {
  std::optional<StoredResult> in_out =
      ReadStored(ResultFile(job.student, job.exercise, ".json"),
                 ResultFile(job.student, job.exercise, ".gradescope.json"));
  if (in_out && in_out->result.value("grading_key", "") == key) return in_out;
  if (cache_dir_.empty()) return std::nullopt;
  std::optional<StoredResult> cached =
      ReadStored(cache_dir_ / (key + ".json"), cache_dir_ / (key + ".gradescope.json"));
  if (!cached || cached->result.value("grading_key", "") != key) return std::nullopt;
  // The cached result was another batch's (or another student's with identical files):
  // it becomes this one's.
  cached->result["student"] = job.student;
  cached->result["submission"] = job.dir.string();
  return cached;
}

void ResultStore::Save(const BatchJob& job, const std::string& key,
                       const StoredResult& stored) const {
  const std::string result = stored.result.dump(2) + "\n";
  if (!cache_dir_.empty()) {
    WriteFileAtomically(cache_dir_ / (key + ".gradescope.json"), stored.gradescope);
    WriteFileAtomically(cache_dir_ / (key + ".json"), result);
  }
  // The result last: once it is there with its key, the batch counts the job as done.
  WriteFileAtomically(ResultFile(job.student, job.exercise, ".gradescope.json"),
                      stored.gradescope);
  WriteFileAtomically(ResultFile(job.student, job.exercise, ".json"), result);
}

std::optional<nlohmann::json> ResultStore::InOut(const std::string& student,
                                                 const std::string& exercise) const {
  const std::optional<std::string> text = ReadWhole(ResultFile(student, exercise, ".json"));
  if (!text) return std::nullopt;
  nlohmann::json result = nlohmann::json::parse(*text, nullptr, false);
  if (!result.is_object()) return std::nullopt;
  return result;
}

}  // namespace grader
