#include "batch/shard_merge.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "batch/batch_outputs.h"
#include "batch/result_store.h"
#include "common/error.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

std::string ReadBytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) throw InputError(fmt::format("{}: cannot be read", file.string()));
  return bytes.str();
}

bool HoldsAnything(const fs::path& dir) {
  std::error_code error;
  return fs::directory_iterator(dir, error) != fs::directory_iterator();
}

// The result files of one student folder of a shard, by file name. Temporary files of a
// write that was interrupted (".<name>.XXXXXX", see WriteFileAtomically) are not results;
// anything else that is not <exercise>.json or <exercise>.gradescope.json of the batch's
// exercises is refused, so the joined OUT holds exactly the batch's files.
std::vector<fs::path> ResultFiles(const fs::path& student_dir,
                                  const std::vector<std::string>& exercises) {
  std::set<std::string> expected;
  for (const std::string& exercise : exercises) {
    expected.insert(exercise + ".json");
    expected.insert(exercise + ".gradescope.json");
  }
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(student_dir)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(".")) continue;
    if (!entry.is_regular_file() || !expected.contains(name)) {
      throw InputError(fmt::format(
          "{}: not a result file of this batch (a student's folder holds <exercise>.json and "
          "<exercise>.gradescope.json of the exercises in batch.json)",
          entry.path().string()));
    }
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Every student folder of `shard`, checked against its batch.json.
std::vector<std::string> StudentFolders(const ShardOutput& shard) {
  const std::set<std::string> students(shard.manifest.students.begin(),
                                       shard.manifest.students.end());
  std::vector<std::string> folders;
  for (const fs::directory_entry& entry : fs::directory_iterator(shard.dir)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(".") || !entry.is_directory()) continue;
    if (!students.contains(name)) {
      throw InputError(fmt::format(
          "{}: results of \"{}\", who is not a student of this shard by its batch.json (a "
          "folder copied in, or a student removed from ROOT since?)",
          entry.path().string(), name));
    }
    folders.push_back(name);
  }
  std::sort(folders.begin(), folders.end());
  return folders;
}

}  // namespace

BatchManifest JoinManifests(const std::vector<ShardOutput>& shards) {
  if (shards.empty()) throw InputError("merge: no shard outputs given");
  const ShardOutput& first = shards.front();
  for (const ShardOutput& shard : shards) {
    const std::vector<ManifestDifference> differences =
        BatchDifferences(first.manifest, shard.manifest);
    if (!differences.empty()) {
      throw InputError(fmt::format(
          "{}: not a shard of the same batch as {}: {}", shard.dir.string(),
          first.dir.string(),
          DescribeDifferences(differences, first.dir.string(), shard.dir.string())));
    }
  }
  std::map<int, const ShardOutput*> by_index;
  std::map<std::string, const ShardOutput*> by_student;
  for (const ShardOutput& shard : shards) {
    const std::string shard_text = ShardText(shard.manifest.shard);
    const auto [given, inserted] = by_index.emplace(shard.manifest.shard.index, &shard);
    if (!inserted) {
      throw InputError(fmt::format("{}: shard {} is given twice, also as {}",
                                   shard.dir.string(), shard_text,
                                   given->second->dir.string()));
    }
    if (!shard.manifest.complete) {
      throw InputError(fmt::format(
          "{}: shard {} did not finish (its batch.json says \"complete\": false): run its "
          "`grader batch ... --shard {} -o {}` again with --resume (finished results are "
          "kept)",
          shard.dir.string(), shard_text, shard_text, shard.dir.string()));
    }
    for (const std::string& student : shard.manifest.students) {
      const auto [other, added] = by_student.emplace(student, &shard);
      if (!added) {
        throw InputError(fmt::format("{}: student \"{}\" is also in {}", shard.dir.string(),
                                     student, other->second->dir.string()));
      }
    }
  }
  const int count = first.manifest.shard.count;
  std::vector<std::string> missing;
  for (int index = 1; index <= count; ++index) {
    if (!by_index.contains(index)) missing.push_back(fmt::format("{}/{}", index, count));
  }
  if (!missing.empty()) {
    std::string given;
    for (const auto& [index, shard] : by_index) {
      given += fmt::format("{}{} in {}", given.empty() ? "" : ", ",
                           ShardText(shard->manifest.shard), shard->dir.string());
    }
    throw InputError(fmt::format(
        "shard{} {} of the batch {} missing (given: {}): grade {} with the same options "
        "first",
        missing.size() > 1 ? "s" : "", fmt::join(missing, ", "),
        missing.size() > 1 ? "are" : "is", given, missing.size() > 1 ? "them" : "it"));
  }

  BatchManifest joined = first.manifest;
  joined.shard = Shard{};
  joined.students.clear();
  for (const auto& [student, shard] : by_student) joined.students.push_back(student);
  joined.complete = false;
  return joined;  // by_student is a std::map: sorted as FindStudents sorts
}

MergeSummary MergeShards(const std::vector<fs::path>& inputs, const fs::path& out) {
  std::error_code error;
  if (fs::exists(out, error) && !fs::is_directory(out, error)) {
    throw InputError(fmt::format("{}: not a folder", out.string()));
  }
  if (HoldsAnything(out)) {
    throw InputError(fmt::format("{}: holds files; merge into a new or empty folder",
                                 out.string()));
  }
  std::vector<ShardOutput> shards;
  for (const fs::path& input : inputs) {
    if (!fs::is_directory(input, error)) {
      throw InputError(fmt::format("{}: not a folder", input.string()));
    }
    shards.push_back({input, ReadManifest(input)});
  }
  MergeSummary summary;
  summary.manifest = JoinManifests(shards);
  // Every input is checked before the first file is written.
  std::vector<std::pair<fs::path, fs::path>> copies;  // from, to
  for (const ShardOutput& shard : shards) {
    for (const std::string& student : StudentFolders(shard)) {
      for (const fs::path& file : ResultFiles(shard.dir / student, shard.manifest.exercises)) {
        copies.emplace_back(file, out / student / file.filename());
      }
    }
  }

  WriteManifest(out, summary.manifest);  // a merge stopped half-way says so
  for (const auto& [from, to] : copies) {
    WriteFileAtomically(to, ReadBytes(from));
    if (!to.filename().string().ends_with(".gradescope.json")) ++summary.results;
  }
  const ResultStore store(out, /*cache_dir=*/{});
  summary.written =
      WriteBatchSummaries(summary.manifest.students, summary.manifest.exercises, store);
  summary.manifest.complete = true;
  WriteManifest(out, summary.manifest);
  summary.written.push_back(out / kBatchManifestFile);
  return summary;
}

}  // namespace grader
