#include "intake/exercise_files.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <variant>

#include <fmt/format.h>

namespace grader {
namespace {

// Files with a submit-list name, by folder then name, in folders at most
// kMaxExerciseFolderDepth deep.
using FolderFiles = std::map<std::string, std::map<std::string, const TreeFile*>>;

std::string FolderOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::string NameOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

int DepthOf(const std::string& folder) {
  return folder.empty() ? 0 : 1 + static_cast<int>(std::count(folder.begin(), folder.end(), '/'));
}

std::string Shown(const std::string& folder) {
  return folder.empty() ? "the top folder" : fmt::format("'{}/'", folder);
}

FolderFiles IndexFiles(const SubmissionTree& tree) {
  FolderFiles index;
  for (const TreeFile& file : tree.files) {
    const std::string folder = FolderOf(file.path);
    if (DepthOf(folder) <= kMaxExerciseFolderDepth) index[folder][NameOf(file.path)] = &file;
  }
  return index;
}

bool HoldsAny(const std::map<std::string, const TreeFile*>& files,
              const std::vector<std::string>& names) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& name) { return files.contains(name); });
}

bool HoldsAll(const std::map<std::string, const TreeFile*>& files,
              const std::vector<std::string>& names) {
  return std::all_of(names.begin(), names.end(),
                     [&](const std::string& name) { return files.contains(name); });
}

bool SharesAName(const ExerciseSpec& a, const ExerciseSpec& b) {
  const auto names = [](const ExerciseSpec& spec) {
    std::set<std::string> all(spec.submit_required.begin(), spec.submit_required.end());
    all.insert(spec.submit_optional.begin(), spec.submit_optional.end());
    return all;
  };
  const auto a_names = names(a);
  const auto b_names = names(b);
  return std::any_of(a_names.begin(), a_names.end(),
                     [&](const std::string& name) { return b_names.contains(name); });
}

// "; x.hpp: entry 'hw/x.hpp' refused: symbolic link ..." for each refused entry named as
// one of `names`: often the reason a required file is missing.
std::string RefusalsOf(const SubmissionTree& tree, const std::vector<std::string>& names) {
  std::string text;
  for (const RefusedEntry& refused : tree.refused) {
    std::string path = refused.entry;
    std::replace(path.begin(), path.end(), '\\', '/');
    const std::string name = NameOf(path);
    if (std::find(names.begin(), names.end(), name) == names.end()) continue;
    text += fmt::format("; {}: entry '{}' refused: {}", name, refused.entry, refused.reason);
  }
  return text;
}

ExerciseMatch Skipped(const ExerciseSpec& spec, std::string reason) {
  ExerciseMatch match;
  match.exercise = spec.name;
  match.outcome = MatchOutcome::kSkipped;
  match.reason = std::move(reason);
  return match;
}

// The least deep of `folders`, or a skip naming the two that tie.
std::variant<std::string, ExerciseMatch> LeastDeep(const ExerciseSpec& spec,
                                                   const std::vector<std::string>& folders) {
  std::vector<std::string> sorted = folders;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return DepthOf(a) < DepthOf(b);
  });
  if (sorted.size() > 1 && DepthOf(sorted[0]) == DepthOf(sorted[1])) {
    return Skipped(spec, fmt::format("ambiguous: both {} and {} hold files of {}",
                                     Shown(sorted[0]), Shown(sorted[1]), spec.name));
  }
  return sorted.front();
}

ExerciseMatch Take(const ExerciseSpec& spec, const SubmissionTree& tree, const std::string& folder,
                   const std::map<std::string, const TreeFile*>& files) {
  std::vector<std::string> missing;
  for (const auto& name : spec.submit_required) {
    if (!files.contains(name)) missing.push_back(name);
  }
  if (!missing.empty()) {
    return Skipped(spec, fmt::format("{} has no {}{}", Shown(folder), fmt::join(missing, ", "),
                                     RefusalsOf(tree, missing)));
  }
  ExerciseMatch match;
  match.exercise = spec.name;
  match.outcome = MatchOutcome::kFound;
  match.folder = folder;
  for (const auto& name : spec.submit_required) match.files.push_back(files.at(name));
  for (const auto& name : spec.submit_optional) {
    if (files.contains(name)) match.files.push_back(files.at(name));
  }
  return match;
}

std::optional<ExerciseMatch> MatchOne(const ExerciseSpec& spec, const SubmissionTree& tree,
                                      const FolderFiles& index,
                                      const std::vector<ExerciseSpec>& exercises) {
  const auto named_after_other = [&](const std::string& folder) {
    const std::string name = NameOf(folder);
    return name != spec.name &&
           std::any_of(exercises.begin(), exercises.end(),
                       [&](const ExerciseSpec& other) { return other.name == name; });
  };
  std::vector<std::string> named;
  std::vector<std::string> complete;
  std::vector<std::string> found_in;
  for (const auto& [folder, files] : index) {
    if (!HoldsAny(files, spec.submit_required) || named_after_other(folder)) continue;
    found_in.push_back(folder);
    if (!folder.empty() && NameOf(folder) == spec.name) named.push_back(folder);
    if (HoldsAll(files, spec.submit_required)) complete.push_back(folder);
  }
  if (found_in.empty()) {
    const std::string refusals = RefusalsOf(tree, spec.submit_required);
    if (refusals.empty()) return std::nullopt;
    return Skipped(spec, fmt::format("no usable {}{}", fmt::join(spec.submit_required, ", "),
                                     refusals));
  }
  if (!named.empty()) {
    auto chosen = LeastDeep(spec, named);
    if (auto* skipped = std::get_if<ExerciseMatch>(&chosen)) return *skipped;
    const std::string& folder = std::get<std::string>(chosen);
    return Take(spec, tree, folder, index.at(folder));
  }
  if (complete.empty()) {
    std::vector<std::string> paths;
    for (const auto& folder : found_in) {
      for (const auto& [name, file] : index.at(folder)) {
        const auto& required = spec.submit_required;
        if (std::find(required.begin(), required.end(), name) != required.end()) {
          paths.push_back(file->path);
        }
      }
    }
    return Skipped(spec, fmt::format("no folder holds all of {} (found: {}){}",
                                     fmt::join(spec.submit_required, ", "),
                                     fmt::join(paths, ", "),
                                     RefusalsOf(tree, spec.submit_required)));
  }
  auto chosen = LeastDeep(spec, complete);
  if (auto* skipped = std::get_if<ExerciseMatch>(&chosen)) return *skipped;
  const std::string& folder = std::get<std::string>(chosen);
  for (const ExerciseSpec& other : exercises) {
    if (other.name != spec.name && SharesAName(spec, other) &&
        HoldsAll(index.at(folder), other.submit_required)) {
      return Skipped(spec, fmt::format("ambiguous: {} holds the files of both {} and {}",
                                       Shown(folder), spec.name, other.name));
    }
  }
  return Take(spec, tree, folder, index.at(folder));
}

}  // namespace

std::vector<ExerciseMatch> MatchExercises(const SubmissionTree& tree,
                                          const std::vector<ExerciseSpec>& exercises) {
  const FolderFiles index = IndexFiles(tree);
  std::vector<ExerciseMatch> matches;
  for (const ExerciseSpec& spec : exercises) {
    if (auto match = MatchOne(spec, tree, index, exercises)) matches.push_back(std::move(*match));
  }
  return matches;
}

}  // namespace grader
