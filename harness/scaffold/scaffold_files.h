// What `grader new` writes: a small but complete api exercise (a thread-safe running total,
// class <Class> in <exercise>.hpp) that `grader validate` passes as generated, made from the
// templates in harness/scaffold/templates/ (embedded in the grader at build time).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "scaffold/exercise_names.h"

namespace grader {

// The three folders of an exercise (README.md, "An exercise is three folders").
enum class ScaffoldArea {
  kSpec,       // specs/<exercise>/: spec.yaml, the hidden driver, adapter and glue
  kExercise,   // exercises/<exercise>/: what students get
  kReference,  // reference/<exercise>/: the solution and bad/<case>/ known-bad solutions
};

inline constexpr ScaffoldArea kScaffoldAreas[] = {ScaffoldArea::kSpec, ScaffoldArea::kExercise,
                                                  ScaffoldArea::kReference};

struct ScaffoldFile {
  ScaffoldArea area;
  std::filesystem::path path;  // relative to the exercise's folder of `area`
  std::string text;
  std::string purpose;  // what it is for, in a few words, for the instructor
};

// A known-bad solution the scaffold writes to reference/<exercise>/bad/<name>/.
struct ScaffoldKnownBad {
  std::string_view name;
  std::string_view verdict;  // its expected.yaml's verdict
};

// The known-bad cases, in the order `grader validate` lists them (by name).
std::vector<ScaffoldKnownBad> ScaffoldKnownBadCases();

// Every file of the exercise `names`, filled in; spec files first.
std::vector<ScaffoldFile> ScaffoldFiles(const ExerciseNames& names);

}  // namespace grader
