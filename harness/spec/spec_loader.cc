// LoadSpec reads the root's keys in a fixed order (exercise, kind, submit, ..., tests) because
// later keys depend on earlier ones: the tests on the kind and the limits, every path on the
// spec's folder. Each mapping's keys are checked before any of its values, so a misspelt key
// is reported before whatever its absence breaks.
#include "spec/spec_loader.h"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "common/error.h"
#include "spec/exercise_name.h"
#include "spec/test_reader.h"
#include "spec/yaml_reader.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using std::string_view;

constexpr std::array<string_view, 11> kRootKeys = {
    "exercise", "title",  "kind",   "submit", "reference", "known_bad",
    "known_good", "build", "driver", "limits", "tests"};
// Limits written at the top level, or other graders' names, point at the key meant.
constexpr std::array<Suggestion, 16> kRootAliases = {{
    {"name", "exercise"},                 {"type", "kind"},
    {"files", "submit"},                  {"solution", "reference"},
    {"known_bads", "known_bad"},          {"bad", "known_bad"},
    {"compile", "build"},                 {"test", "tests"},
    {"timeout", "limits.wall_time"},      {"time_limit", "limits.wall_time"},
    {"wall_time", "limits.wall_time"},    {"cpu_time", "limits.cpu_time"},
    {"memory", "limits.memory"},          {"memory_limit", "limits.memory"},
    {"standard", "build.standard"},       {"flags", "build.flags"},
}};
constexpr std::array<string_view, 3> kSubmitKeys = {"required", "optional", "max_file_size"};
constexpr std::array<string_view, 5> kBuildKeys = {"standard", "flags", "release_flags", "libs",
                                                   "limits"};
constexpr std::array<string_view, 3> kDriverKeys = {"sources", "glue", "include"};
constexpr std::array<Suggestion, 3> kDriverAliases = {
    {{"source", "sources"}, {"includes", "include"}, {"include_dirs", "include"}}};
constexpr std::array<string_view, 2> kKinds = {"program", "api"};
// Newest first among equals, so that a typo like "c++21" suggests c++20, not c++11.
constexpr std::array<string_view, 10> kStandards = {"c++20",   "c++23",   "c++17",  "c++14",
                                                    "c++11",   "gnu++20", "gnu++23", "gnu++17",
                                                    "gnu++14", "gnu++11"};
constexpr std::uint64_t kMaxSubmittedFile = 64 * kMiB;

std::string ReadExerciseName(const YamlValue& value, const fs::path& dir) {
  const std::string name = value.AsNonEmptyString();
  if (!IsExerciseName(name)) {
    value.Fail(fmt::format("'exercise' {}, not '{}'", kExerciseNameRule, name));
  }
  if (name != dir.filename().string()) {
    value.Fail(fmt::format("'exercise' is '{}' but the spec's folder is '{}': they must be equal",
                           name, dir.filename().string()));
  }
  return name;
}

// Plain file names only: the workspace copies exactly these names and nothing outside.
std::vector<std::string> ReadFileNames(const YamlValue& value,
                                       std::map<std::string, SourceLocation>* seen) {
  std::vector<std::string> names;
  for (const YamlValue& entry : value.AsList()) {
    std::string name = entry.AsNonEmptyString();
    if (name.find('/') != std::string::npos || name.front() == '.') {
      entry.Fail(fmt::format("'{}' must be a plain file name (no '/', not starting with '.')",
                             name));
    }
    const auto [earlier, inserted] = seen->emplace(name, entry.Where());
    if (!inserted) {
      entry.Fail(fmt::format("'{}' is listed twice in 'submit' (first at {}:{})", name,
                             earlier->second.line, earlier->second.column));
    }
    names.push_back(std::move(name));
  }
  return names;
}

void ReadSubmit(const YamlValue& value, ExerciseSpec* spec) {
  const YamlMap submit = value.AsMap(kSubmitKeys, "'submit'");
  std::map<std::string, SourceLocation> seen;
  const YamlValue required = submit.Get("required");
  spec->submit_required = ReadFileNames(required, &seen);
  if (spec->submit_required.empty()) required.Fail("'required' lists no files");
  if (const auto optional = submit.Find("optional")) {
    spec->submit_optional = ReadFileNames(*optional, &seen);
  }
  if (const auto size = submit.Find("max_file_size")) {
    spec->max_file_size = size->AsSize(1, kMaxSubmittedFile);
  }
}

// Compiler flags: each starts with '-', holds no space, and does not set the standard.
std::vector<std::string> ReadFlags(const YamlValue& flags) {
  std::vector<std::string> read;
  for (const YamlValue& entry : flags.AsList()) {
    std::string flag = entry.AsNonEmptyString();
    if (flag.front() != '-') entry.Fail(fmt::format("flag '{}' must start with '-'", flag));
    if (flag.find_first_of(" \t\n") != std::string::npos) {
      entry.Fail(fmt::format("flag '{}' holds a space: write one flag per entry", flag));
    }
    if (flag.starts_with("-std=")) {
      entry.Fail(fmt::format("flag '{}' sets the standard: use 'standard' instead", flag));
    }
    read.push_back(std::move(flag));
  }
  return read;
}

void ReadBuild(const YamlValue& value, BuildSpec* build) {
  const YamlMap map = value.AsMap(kBuildKeys, "'build'");
  if (const auto standard = map.Find("standard")) {
    build->standard = kStandards[standard->AsChoice(kStandards)];
  }
  if (const auto flags = map.Find("flags")) build->flags = ReadFlags(*flags);
  if (const auto flags = map.Find("release_flags")) build->release_flags = ReadFlags(*flags);
  if (const auto libs = map.Find("libs")) {
    for (const YamlValue& entry : libs->AsList()) {
      std::string lib = entry.AsNonEmptyString();
      if (lib.starts_with("-l")) {
        entry.Fail(fmt::format("write the library's name without -l: '{}'", lib.substr(2)));
      }
      if (!std::all_of(lib.begin(), lib.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '+' ||
                   c == '-' || c == '.';
          })) {
        entry.Fail(fmt::format("'{}' is not a library name (letters, digits, _ + - .)", lib));
      }
      build->libs.push_back(std::move(lib));
    }
  }
  if (const auto limits = map.Find("limits")) {
    build->limits = ReadLimits(*limits, build->limits, "'build.limits'");
  }
}

std::vector<fs::path> ReadPaths(const YamlValue& value, const fs::path& dir, bool folders) {
  std::vector<fs::path> paths;
  for (const YamlValue& entry : value.AsList()) paths.push_back(entry.AsExistingPath(dir, folders));
  return paths;
}

void ReadDriver(const YamlValue& value, const fs::path& dir, DriverSpec* driver) {
  const YamlMap map = value.AsMap(kDriverKeys, "'driver'", kDriverAliases);
  const YamlValue sources = map.Get("sources");
  driver->sources = ReadPaths(sources, dir, /*folders=*/false);
  if (driver->sources.empty()) sources.Fail("'sources' lists no files");
  if (const auto glue = map.Find("glue")) driver->glue = ReadPaths(*glue, dir, false);
  if (const auto include = map.Find("include")) {
    driver->include_dirs = ReadPaths(*include, dir, /*folders=*/true);
  }
}

}  // namespace

ExerciseSpec LoadSpec(const fs::path& spec_file) {
  const YamlValue document = LoadYamlDocument(spec_file, spec_file.string());
  const YamlMap root = document.AsMap(kRootKeys, "", kRootAliases);

  ExerciseSpec spec;
  spec.file = fs::absolute(spec_file).lexically_normal();
  spec.dir = spec.file.parent_path();
  spec.name = ReadExerciseName(root.Get("exercise"), spec.dir);
  if (const auto title = root.Find("title")) spec.title = title->AsString();
  const YamlValue kind = root.Get("kind");
  spec.kind = kind.AsChoice(kKinds) == 0 ? ExerciseKind::kProgram : ExerciseKind::kApi;
  ReadSubmit(root.Get("submit"), &spec);
  spec.reference = root.Get("reference").AsExistingPath(spec.dir, /*folder=*/true);
  if (const auto known_bad = root.Find("known_bad")) {
    spec.known_bad = known_bad->AsExistingPath(spec.dir, /*folder=*/true);
  }
  if (const auto known_good = root.Find("known_good")) {
    spec.known_good = known_good->AsExistingPath(spec.dir, /*folder=*/true);
  }
  if (const auto build = root.Find("build")) ReadBuild(*build, &spec.build);

  const std::optional<YamlValue> driver = root.Find("driver");
  if (spec.kind == ExerciseKind::kProgram && driver) {
    driver->FailAtKey("'driver' is only for kind: api (a program is tested through stdin and "
                      "stdout)");
  }
  if (spec.kind == ExerciseKind::kApi && !driver) {
    kind.Fail("kind: api needs a 'driver' naming its 'sources'");
  }
  if (driver) ReadDriver(*driver, spec.dir, &spec.driver);
  if (const auto limits = root.Find("limits")) {
    spec.limits = ReadLimits(*limits, spec.limits, "'limits'");
  }
  spec.tests = ReadTests(root.Get("tests"), spec);
  return spec;
}

}  // namespace grader
