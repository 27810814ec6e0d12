// Which files of an archive or repository are an exercise's submission.
//
// The rule (docs/import.md says the same for instructors), for each selected exercise E,
// looking only at folders at most kMaxExerciseFolderDepth deep ("" is the top, depth 0):
// 1. A folder named E that holds at least one of E's required files is E's folder. When
//    there are several, the least deep one is; two equally deep are ambiguous.
// 2. Else a folder that holds all of E's required files is E's folder, unless it is named
//    after another selected exercise; the least deep one wins, two equally deep are
//    ambiguous, and so is a folder that also holds all required files of another selected
//    exercise sharing a file name with E.
// From E's folder the files of E's `submit.required` (all must be there) and
// `submit.optional` (those present) are taken, by exact name, from that folder only.
// Everything else is ignored.
#pragma once

#include <string>
#include <vector>

#include "intake/submission_tree.h"
#include "spec/spec.h"

namespace grader {

enum class MatchOutcome { kFound, kSkipped };

struct ExerciseMatch {
  std::string exercise;
  MatchOutcome outcome = MatchOutcome::kSkipped;
  // kFound: E's folder inside the input ("" for the top) and its files, required first.
  // The pointers are into the SubmissionTree given to MatchExercises.
  std::string folder;
  std::vector<const TreeFile*> files;
  // kSkipped: what is wrong, naming the entries concerned (a missing required file, files
  // split over folders, an ambiguity, a required file's entry that was refused).
  std::string reason;
};

// One match for each exercise of `exercises` with a trace in `tree` (a file or refused
// entry named as one of its required files), in the order of `exercises`. An exercise
// without any trace is left out: the student did not submit it.
std::vector<ExerciseMatch> MatchExercises(const SubmissionTree& tree,
                                          const std::vector<ExerciseSpec>& exercises);

}  // namespace grader
