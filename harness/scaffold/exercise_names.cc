#include "scaffold/exercise_names.h"

#include <fmt/format.h>

#include "common/error.h"
#include "spec/exercise_name.h"

namespace grader {

ExerciseNames MakeExerciseNames(std::string_view exercise) {
  if (!IsExerciseName(exercise)) {
    throw InputError(fmt::format(
        "'{}' is not an exercise name: it {} (it names specs/<name>/ and the header "
        "<name>.hpp, and `exercise:` in spec.yaml must equal it)",
        exercise, kExerciseNameRule));
  }
  ExerciseNames names;
  names.exercise = std::string(exercise);
  bool part_starts = true;
  for (const char c : exercise) {
    if (c == '_') {
      part_starts = true;
      names.macro_prefix += '_';
      continue;
    }
    const bool letter = c >= 'a' && c <= 'z';
    names.class_name += part_starts && letter ? static_cast<char>(c - 'a' + 'A') : c;
    names.macro_prefix += letter ? static_cast<char>(c - 'a' + 'A') : c;
    part_starts = false;
  }
  return names;
}

}  // namespace grader
