#include "scaffold/scaffold_files.h"

#include "scaffold/template_text.h"

namespace grader {

// The templates, embedded from harness/scaffold/templates/ by CMake (grader_embed).
extern const char kScaffoldSpecYaml[];
extern const char kScaffoldDriverTest[];
extern const char kScaffoldAdapterHeader[];
extern const char kScaffoldGlue[];
extern const char kScaffoldReadme[];
extern const char kScaffoldSkeleton[];
extern const char kScaffoldPublicTest[];
extern const char kScaffoldPublicCMakeLists[];
extern const char kScaffoldReference[];
extern const char kScaffoldBadUnlockedUpdate[];
extern const char kScaffoldBadUnlockedUpdateExpected[];
extern const char kScaffoldBadAddThenReadApart[];
extern const char kScaffoldBadAddThenReadApartExpected[];

namespace {

struct KnownBadTemplate {
  ScaffoldKnownBad known_bad;
  const char* solution;
  const char* expected;
};

// Sorted by name, as validate lists them. Each expected.yaml names the same verdict.
constexpr KnownBadTemplate kKnownBad[] = {
    {{"add-then-read-apart", "wrong-answer"},
     kScaffoldBadAddThenReadApart,
     kScaffoldBadAddThenReadApartExpected},
    {{"unlocked-update", "data-race"},
     kScaffoldBadUnlockedUpdate,
     kScaffoldBadUnlockedUpdateExpected},
};

}  // namespace

std::vector<ScaffoldKnownBad> ScaffoldKnownBadCases() {
  std::vector<ScaffoldKnownBad> cases;
  for (const KnownBadTemplate& bad : kKnownBad) cases.push_back(bad.known_bad);
  return cases;
}

std::vector<ScaffoldFile> ScaffoldFiles(const ExerciseNames& names) {
  const std::vector<TemplateValue> values = {
      {"exercise", names.exercise}, {"Class", names.class_name}, {"EXERCISE", names.macro_prefix}};
  const std::string& name = names.exercise;
  const std::string header = name + ".hpp";
  std::vector<ScaffoldFile> files;
  auto add = [&](ScaffoldArea area, std::filesystem::path path, const char* text,
                 std::string purpose) {
    files.push_back({area, std::move(path), FillTemplate(text, values), std::move(purpose)});
  };
  add(ScaffoldArea::kSpec, "spec.yaml", kScaffoldSpecYaml,
      "tests, points, limits, flavors; every line commented");
  add(ScaffoldArea::kSpec, "driver/" + name + "_test.cpp", kScaffoldDriverTest,
      "the hidden GoogleTest driver: basics and stress");
  add(ScaffoldArea::kSpec, "include/" + name + "_adapter.h", kScaffoldAdapterHeader,
      "the calls the driver makes, as functions");
  add(ScaffoldArea::kSpec, "glue/" + name + "_glue.cpp", kScaffoldGlue,
      "those functions on the student's class; checks its API");
  add(ScaffoldArea::kExercise, "README.md", kScaffoldReadme,
      "for students: the task, the rules, the grading");
  add(ScaffoldArea::kExercise, header, kScaffoldSkeleton,
      "the skeleton students complete (compiles, fails)");
  add(ScaffoldArea::kExercise, "public_test.cpp", kScaffoldPublicTest,
      "the public tests: basics and a small stress test");
  add(ScaffoldArea::kExercise, "CMakeLists.txt", kScaffoldPublicCMakeLists,
      "builds the public tests against a student's folder");
  add(ScaffoldArea::kReference, header, kScaffoldReference, "a correct solution: full marks");
  for (const KnownBadTemplate& bad : kKnownBad) {
    const std::filesystem::path folder =
        std::filesystem::path("bad") / std::string(bad.known_bad.name);
    add(ScaffoldArea::kReference, folder / header, bad.solution,
        "a known-bad solution");
    add(ScaffoldArea::kReference, folder / "expected.yaml", bad.expected,
        "its verdict: " + std::string(bad.known_bad.verdict) + ", and why");
  }
  return files;
}

}  // namespace grader
