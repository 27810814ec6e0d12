#include "spec/solution_cases.h"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "common/error.h"
#include "spec/yaml_reader.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using std::string_view;

constexpr std::array<string_view, 2> kKnownBadKeys = {"verdict", "why"};
constexpr std::array<string_view, 2> kKnownGoodKeys = {"tests", "why"};

// `why` of an expected.yaml: one line, not empty. `missing` says what it should tell.
std::string ReadWhy(const YamlValue& why, string_view missing) {
  std::string text = why.AsString();
  text.erase(text.find_last_not_of(" \t\n") + 1);  // a block scalar's "\n"
  if (text.empty()) why.Fail(fmt::format("'why' is empty: {}", missing));
  if (text.find('\n') != std::string::npos) why.Fail("'why' must be one line");
  return text;
}

fs::path ExpectedFile(const fs::path& dir, string_view what, string_view keys) {
  const fs::path file = dir / "expected.yaml";
  if (!fs::exists(file)) {
    throw InputError(fmt::format("{}: {} case '{}' has no expected.yaml (it needs {})",
                                 dir.string(), what, dir.filename().string(), keys));
  }
  return file;
}

// Every verdict a submission can earn: not `ok` (then it is not bad) and not `internal-error`
// (the harness failing proves nothing about a submission).
std::vector<string_view> FailingVerdictNames() {
  std::vector<string_view> names;
  for (int v = 0; v <= static_cast<int>(Verdict::kInternalError); ++v) {
    const auto verdict = static_cast<Verdict>(v);
    if (verdict != Verdict::kOk && verdict != Verdict::kInternalError) {
      names.push_back(VerdictName(verdict));
    }
  }
  return names;
}

KnownBadCase LoadKnownBadCase(const fs::path& dir) {
  KnownBadCase known_bad;
  known_bad.name = dir.filename().string();
  known_bad.dir = dir;
  const fs::path file = ExpectedFile(dir, "known-bad", "'verdict' and 'why'");
  const YamlMap root = LoadYamlDocument(file, file.string()).AsMap(kKnownBadKeys, "");
  const YamlValue verdict = root.Get("verdict");
  const std::string written = verdict.AsString();
  if (written == "ok" || written == "internal-error") {
    verdict.Fail(fmt::format("'verdict' cannot be '{}': a known-bad submission must earn a "
                             "verdict that fails it", written));
  }
  const std::vector<string_view> names = FailingVerdictNames();
  known_bad.expected = *ParseVerdict(names[verdict.AsChoice(names)]);
  known_bad.why = ReadWhy(root.Get("why"), "say what is wrong with the submission");
  return known_bad;
}

// The case folders of `root`, sorted. `what` names them in errors ("known-bad").
std::vector<fs::path> CaseFolders(const fs::path& root, std::string_view what) {
  std::vector<fs::path> dirs;
  std::error_code error;
  for (fs::directory_iterator it(root, error), end; !error && it != end;
       it.increment(error)) {
    // Loose files (a README) and hidden folders are not cases.
    if (it->is_directory(error) && !it->path().filename().string().starts_with('.')) {
      dirs.push_back(it->path());
    }
  }
  if (error) {
    throw InputError(fmt::format("{}: cannot list the {} cases: {}", root.string(), what,
                                 error.message()));
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

KnownGoodCase LoadKnownGoodCase(const ExerciseSpec& spec, const fs::path& dir) {
  KnownGoodCase known_good;
  known_good.name = dir.filename().string();
  known_good.dir = dir;
  const fs::path file = ExpectedFile(dir, "known-good", "'why', and 'tests' unless all");
  const YamlMap root = LoadYamlDocument(file, file.string()).AsMap(kKnownGoodKeys, "");
  if (const auto tests = root.Find("tests")) {
    const std::vector<YamlValue> entries = tests->AsList();
    if (entries.empty()) tests->Fail("'tests' is empty: leave it out to grade every test");
    for (const YamlValue& entry : entries) {
      std::string name = entry.AsNonEmptyString();
      const bool known = std::any_of(spec.tests.begin(), spec.tests.end(),
                                     [&](const TestSpec& test) { return test.name == name; });
      if (!known) {
        std::vector<std::string> names;
        for (const TestSpec& test : spec.tests) names.push_back(test.name);
        entry.Fail(fmt::format("no test named '{}' in {} (its tests: {})", name,
                               spec.file.string(), fmt::join(names, ", ")));
      }
      if (std::find(known_good.tests.begin(), known_good.tests.end(), name) !=
          known_good.tests.end()) {
        entry.Fail(fmt::format("test '{}' is listed twice", name));
      }
      known_good.tests.push_back(std::move(name));
    }
  }
  known_good.why = ReadWhy(root.Get("why"), "say what this solution shows");
  return known_good;
}

}  // namespace

std::vector<KnownBadCase> LoadKnownBadCases(const ExerciseSpec& spec) {
  std::vector<KnownBadCase> cases;
  if (spec.known_bad.empty()) return cases;
  for (const fs::path& dir : CaseFolders(spec.known_bad, "known-bad")) {
    cases.push_back(LoadKnownBadCase(dir));
  }
  return cases;
}

std::vector<KnownGoodCase> LoadKnownGoodCases(const ExerciseSpec& spec) {
  std::vector<KnownGoodCase> cases;
  if (spec.known_good.empty()) return cases;
  for (const fs::path& dir : CaseFolders(spec.known_good, "known-good")) {
    cases.push_back(LoadKnownGoodCase(spec, dir));
  }
  return cases;
}

}  // namespace grader
