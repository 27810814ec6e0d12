// "Did you mean ...?" suggestions for misspelt keys, enum values and units.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace grader {

// The optimal-string-alignment distance between `a` and `b`, ignoring ASCII case: the number
// of single-character insertions, deletions, substitutions and adjacent transpositions that
// turn one into the other ("timout" -> "timeout" is 1, "tsna" -> "tsan" is 1).
std::size_t EditDistance(std::string_view a, std::string_view b);

// A spelling that should suggest `suggestion`: either a valid word itself, or an alias a user
// may plausibly write for it (spelling "timeout", suggestion "wall_time").
struct Suggestion {
  std::string_view spelling;
  std::string_view suggestion;
};

// The suggestion whose spelling is closest to `word`, if it is close enough to be a likely
// typo: at most one edit per three characters of the spelling (at least one edit), and fewer
// edits than the spelling has characters. Ties go to the earlier entry, so callers list the
// preferred words first.
std::optional<std::string> DidYouMean(std::string_view word,
                                      std::span<const Suggestion> candidates);

// The same over plain words, each suggesting itself.
std::optional<std::string> DidYouMean(std::string_view word,
                                      std::span<const std::string_view> candidates);

// " (did you mean 'x'?)" for the closest candidate, or "" when none is close: ready to append
// to a message.
std::string DidYouMeanSuffix(std::string_view word, std::span<const Suggestion> candidates);
std::string DidYouMeanSuffix(std::string_view word,
                             std::span<const std::string_view> candidates);

}  // namespace grader
