// The names `grader new` derives from an exercise's name for the files and code it writes.
#pragma once

#include <string>
#include <string_view>

namespace grader {

struct ExerciseNames {
  // `demo_ex`: the folders specs/, exercises/ and reference/<exercise>/, the header
  // <exercise>.hpp, and the namespaces <exercise>_adapter and <exercise>_glue.
  std::string exercise;
  // `DemoEx`: the student's class and the GoogleTest suites (DemoExBasics): each part between
  // '_' capitalised, joined. Starting upper-case it is never a keyword; the generated code
  // writes it `::DemoEx` and keeps its own helpers in namespaces, so none hides it.
  std::string class_name;
  // `DEMO_EX`: the CMake options of the public tests (DEMO_EX_DIR, DEMO_EX_TSAN).
  std::string macro_prefix;
};

// The names for `exercise`. Throws InputError when `exercise` breaks the rule the spec loader
// applies to `exercise:` (spec/exercise_name.h), saying so and why the rule matters here.
ExerciseNames MakeExerciseNames(std::string_view exercise);

}  // namespace grader
