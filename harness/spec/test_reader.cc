#include "spec/test_reader.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string_view>

#include <fmt/format.h>

#include "spec/speed_reader.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using std::string_view;

constexpr std::array<string_view, 8> kLimitKeys = {
    "wall_time", "cpu_time",   "memory",    "output",
    "file_size", "open_files", "processes", "disk"};
// What other graders and rlimit(2) call these, so a habit gets pointed at the right key.
constexpr std::array<Suggestion, 20> kLimitAliases = {{
    {"timeout", "wall_time"},   {"time_limit", "wall_time"}, {"time", "wall_time"},
    {"wall", "wall_time"},      {"cpu", "cpu_time"},         {"cpu_limit", "cpu_time"},
    {"memory_limit", "memory"}, {"mem", "memory"},           {"ram", "memory"},
    {"output_limit", "output"}, {"stdout", "output"},        {"fsize", "file_size"},
    {"nofile", "open_files"},   {"fds", "open_files"},       {"files", "open_files"},
    {"nproc", "processes"},     {"pids", "processes"},       {"tasks", "processes"},
    {"disk_space", "disk"},     {"quota", "disk"},
}};

constexpr std::array<string_view, 17> kTestKeys = {
    "name",  "points",     "visibility", "flavor",        "repeat",  "threads",      "cpus",
    "chaos", "limits",     "input",      "input_file",    "expected", "expected_file",
    "compare", "gtest_filter", "speed", "needs"};
constexpr std::array<Suggestion, 20> kTestAliases = {{
    {"depends_on", "needs"},       {"requires", "needs"},
    {"after", "needs"},            {"prerequisites", "needs"},
    {"score", "points"},           {"stdin", "input"},
    {"stdin_file", "input_file"},  {"expected_output", "expected"},
    {"stdout", "expected"},        {"output_file", "expected_file"},
    {"filter", "gtest_filter"},    {"sanitizer", "flavor"},
    {"repetitions", "repeat"},     {"repeats", "repeat"},
    {"thread_counts", "threads"},  {"timeout", "limits.wall_time"},
    {"wall_time", "limits.wall_time"}, {"cpu_time", "limits.cpu_time"},
    {"memory", "limits.memory"},   {"hidden", "visibility"},
}};
constexpr std::array<string_view, 5> kProgramOnlyKeys = {"input", "input_file", "expected",
                                                         "expected_file", "compare"};

constexpr std::array<string_view, 2> kBooleans = {"true", "false"};
constexpr std::array<string_view, 2> kVisibilities = {"visible", "hidden"};
constexpr std::array<string_view, 3> kFlavors = {"tsan", "asan", "release"};
constexpr std::array<Flavor, 3> kFlavorValues = {Flavor::kTsan, Flavor::kAsan, Flavor::kRelease};
constexpr std::array<string_view, 3> kCompareModes = {"tokens", "lines", "exact"};
constexpr std::array<CompareMode, 3> kCompareValues = {CompareMode::kTokens, CompareMode::kLines,
                                                       CompareMode::kExact};

bool IsTestName(string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// How messages name a test before its keys are checked: by its name when it has a plain one.
std::string TestContext(const YamlValue& entry) {
  const YAML::Node& node = entry.node();
  if (node.IsMap() && node["name"] && node["name"].IsScalar()) {
    return fmt::format("test '{}'", node["name"].Scalar());
  }
  return entry.label();
}

std::string ReadWholeFile(const fs::path& path, const YamlValue& at) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    at.FailAtKey(fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
  }
  return text.str();
}

// A program test's text given inline (`input`) or as a file (`input_file`), exactly one.
std::string ReadText(const YamlMap& map, string_view inline_key, string_view file_key,
                     const fs::path& dir, const std::string& context) {
  const std::optional<YamlValue> text = map.Find(inline_key);
  const std::optional<YamlValue> file = map.Find(file_key);
  if (text && file) {
    file->FailAtKey(fmt::format("'{}' and '{}' exclude each other: keep one", inline_key,
                                file_key));
  }
  if (text) return text->AsString();
  if (file) return ReadWholeFile(file->AsExistingPath(dir, /*folder=*/false), *file);
  map.self().FailAtKey(fmt::format("{} needs '{}' or '{}' (kind: program)", context, inline_key,
                                   file_key));
}

void ReadProgramTest(const YamlMap& map, const fs::path& dir, const std::string& context,
                     TestSpec* test) {
  if (const auto filter = map.Find("gtest_filter")) {
    filter->FailAtKey("'gtest_filter' is only for kind: api tests");
  }
  test->input = ReadText(map, "input", "input_file", dir, context);
  test->expected_output = ReadText(map, "expected", "expected_file", dir, context);
  if (const auto compare = map.Find("compare")) {
    test->compare = kCompareValues[compare->AsChoice(kCompareModes)];
  }
}

void ReadApiTest(const YamlMap& map, const std::string& context, TestSpec* test) {
  for (string_view key : kProgramOnlyKeys) {
    if (const auto value = map.Find(key)) {
      value->FailAtKey(fmt::format("'{}' is only for kind: program tests (an api test's driver "
                                   "checks results itself)", key));
    }
  }
  const std::optional<YamlValue> filter = map.Find("gtest_filter");
  if (!filter) {
    map.self().FailAtKey(fmt::format("{} needs 'gtest_filter' (kind: api): the driver's "
                                     "GoogleTest cases it runs", context));
  }
  test->gtest_filter = filter->AsNonEmptyString();
  if (test->gtest_filter.find_first_of(" \t\n") != std::string::npos) {
    filter->Fail("'gtest_filter' must not hold spaces (separate patterns with ':')");
  }
}

std::vector<unsigned> ReadThreads(const YamlValue& value) {
  std::vector<unsigned> threads;
  for (const YamlValue& entry : value.AsList()) {
    const auto count = static_cast<unsigned>(entry.AsInteger(1, kMaxThreads));
    if (std::find(threads.begin(), threads.end(), count) != threads.end()) {
      entry.Fail(fmt::format("thread count {} is listed twice in 'threads'", count));
    }
    threads.push_back(count);
  }
  if (threads.empty()) value.Fail("'threads' is empty: leave it out for one run per repetition");
  return threads;
}

// `cpus`: each entry a CPU count, or `all` (stored as 0).
std::vector<unsigned> ReadCpus(const YamlValue& value) {
  std::vector<unsigned> cpus;
  for (const YamlValue& entry : value.AsList()) {
    const unsigned count =
        entry.AsString() == "all" ? 0 : static_cast<unsigned>(entry.AsInteger(1, kMaxThreads));
    if (std::find(cpus.begin(), cpus.end(), count) != cpus.end()) {
      entry.Fail(fmt::format("'{}' is listed twice in 'cpus'", entry.AsString()));
    }
    cpus.push_back(count);
  }
  if (cpus.empty()) value.Fail("'cpus' is empty: leave it out to run on every CPU");
  return cpus;
}

// `needs`: names of tests listed before this one (`earlier`), each once. Tests run in the
// order listed, so a test can only wait on the verdict of one that ran before it.
std::vector<std::string> ReadNeeds(const YamlValue& value, const std::string& self,
                                   const std::map<std::string, SourceLocation>& earlier) {
  std::vector<std::string> needs;
  std::vector<string_view> known;
  for (const auto& [name, where] : earlier) {
    if (name != self) known.push_back(name);
  }
  for (const YamlValue& entry : value.AsList()) {
    const std::string name = entry.AsNonEmptyString();
    if (name == self) entry.Fail(fmt::format("test '{}' cannot need itself", self));
    if (std::find(needs.begin(), needs.end(), name) != needs.end()) {
      entry.Fail(fmt::format("'{}' is listed twice in 'needs'", name));
    }
    if (!earlier.count(name)) {
      entry.Fail(fmt::format(
          "'needs' names '{}', which is not a test listed before '{}' (tests run in the order "
          "listed, so a test can only need an earlier one){}",
          name, self, DidYouMeanSuffix(name, known)));
    }
    needs.push_back(name);
  }
  if (needs.empty()) value.Fail("'needs' is empty: leave it out for a test that always runs");
  return needs;
}

TestSpec ReadTest(const YamlValue& entry, const ExerciseSpec& spec,
                  std::map<std::string, SourceLocation>* names) {
  const std::string context = TestContext(entry);
  const YamlMap map = entry.AsMap(kTestKeys, context, kTestAliases);
  TestSpec test;
  test.where = entry.Where();

  const YamlValue name = map.Get("name");
  test.name = name.AsNonEmptyString();
  if (!IsTestName(test.name)) {
    name.Fail(fmt::format("test name '{}' must use only a-z, 0-9 and '-'", test.name));
  }
  if (test.name.size() > kMaxTestNameLength) {
    name.Fail(fmt::format("test name '{}' is longer than {} characters", test.name,
                          kMaxTestNameLength));
  }
  const auto [earlier, inserted] = names->emplace(test.name, name.Where());
  if (!inserted) {
    name.Fail(fmt::format("duplicate test name '{}' (first at {}:{})", test.name,
                          earlier->second.line, earlier->second.column));
  }

  if (const auto points = map.Find("points")) test.points = points->AsNumber(0, kMaxPoints);
  if (const auto visibility = map.Find("visibility")) {
    test.visibility =
        visibility->AsChoice(kVisibilities) == 0 ? Visibility::kVisible : Visibility::kHidden;
  }
  if (const auto flavor = map.Find("flavor")) {
    test.flavor = kFlavorValues[flavor->AsChoice(kFlavors)];
  }
  if (const auto repeat = map.Find("repeat")) {
    test.repeat = static_cast<int>(repeat->AsInteger(1, kMaxRepeat));
  }
  if (const auto threads = map.Find("threads")) test.threads = ReadThreads(*threads);
  if (const auto cpus = map.Find("cpus")) test.cpus = ReadCpus(*cpus);
  if (const auto chaos = map.Find("chaos")) test.chaos = chaos->AsChoice(kBooleans) == 0;
  if (const auto needs = map.Find("needs")) test.needs = ReadNeeds(*needs, test.name, *names);
  test.limits = spec.limits;
  if (const auto limits = map.Find("limits")) {
    test.limits = ReadLimits(*limits, spec.limits, fmt::format("'limits' of {}", context));
  }
  if (spec.kind == ExerciseKind::kProgram) {
    ReadProgramTest(map, spec.dir, context, &test);
  } else {
    ReadApiTest(map, context, &test);
  }
  if (const auto speed = map.Find("speed")) {
    if (spec.kind == ExerciseKind::kProgram) {
      speed->FailAtKey("'speed' is only for kind: api tests (the driver measures the work)");
    }
    if (test.flavor != Flavor::kRelease) {
      speed->FailAtKey(fmt::format("{} has 'speed': its flavor must be release (sanitizers "
                                   "change timings)", context));
    }
    if (!test.cpus.empty()) {
      speed->FailAtKey("'speed' and 'cpus' exclude each other: a speed test uses the cores "
                       "the grader has");
    }
    test.speed = ReadSpeed(*speed, spec.dir, context);
    test.chaos = false;
  }
  return test;
}

}  // namespace

Limits ReadLimits(const YamlValue& value, const Limits& base, std::string context) {
  const YamlMap map = value.AsMap(kLimitKeys, std::move(context), kLimitAliases);
  Limits limits = base;
  if (const auto v = map.Find("wall_time")) {
    limits.wall_time = v->AsDuration(kMinTimeLimit, kMaxTimeLimit);
  }
  if (const auto v = map.Find("cpu_time")) {
    limits.cpu_time = v->AsDuration(kMinTimeLimit, kMaxTimeLimit);
  }
  if (const auto v = map.Find("memory")) {
    limits.memory = v->AsSize(kMinMemoryLimit, kMaxMemoryLimit);
  }
  if (const auto v = map.Find("output")) {
    limits.output = v->AsSize(kMinOutputLimit, kMaxOutputLimit);
  }
  if (const auto v = map.Find("file_size")) {
    limits.file_size = v->AsSize(kMinFileSizeLimit, kMaxFileSizeLimit);
  }
  if (const auto v = map.Find("open_files")) {
    limits.open_files = static_cast<int>(v->AsInteger(1, kMaxOpenFiles));
  }
  if (const auto v = map.Find("processes")) {
    limits.processes = static_cast<int>(v->AsInteger(1, kMaxProcesses));
  }
  if (const auto v = map.Find("disk")) {
    limits.disk = v->AsSize(kMinFileSizeLimit, kMaxFileSizeLimit);
  }
  return limits;
}

std::vector<TestSpec> ReadTests(const YamlValue& value, const ExerciseSpec& spec) {
  const std::vector<YamlValue> entries = value.AsList();
  if (entries.empty()) value.Fail("'tests' lists no tests: a spec needs at least one");
  std::map<std::string, SourceLocation> names;
  std::vector<TestSpec> tests;
  tests.reserve(entries.size());
  for (const YamlValue& entry : entries) tests.push_back(ReadTest(entry, spec, &names));
  return tests;
}

}  // namespace grader
