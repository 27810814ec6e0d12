#include "spec/did_you_mean.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include <fmt/format.h>

namespace grader {
namespace {

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// One edit per three characters, but never a whole replacement: "d" is no typo of "s".
bool CloseEnough(std::size_t distance, std::string_view spelling) {
  return distance <= std::max<std::size_t>(1, spelling.size() / 3) && distance < spelling.size();
}

}  // namespace

std::size_t EditDistance(std::string_view a, std::string_view b) {
  // Three rolling rows suffice: a transposition looks two rows back.
  const std::size_t n = b.size();
  std::vector<std::size_t> before(n + 1), previous(n + 1), current(n + 1);
  for (std::size_t j = 0; j <= n; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= n; ++j) {
      const bool same = Lower(a[i - 1]) == Lower(b[j - 1]);
      current[j] =
          std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && Lower(a[i - 1]) == Lower(b[j - 2]) &&
          Lower(a[i - 2]) == Lower(b[j - 1])) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[n];
}

std::optional<std::string> DidYouMean(std::string_view word,
                                      std::span<const Suggestion> candidates) {
  const Suggestion* best = nullptr;
  std::size_t best_distance = 0;
  for (const Suggestion& candidate : candidates) {
    const std::size_t distance = EditDistance(word, candidate.spelling);
    if (!CloseEnough(distance, candidate.spelling)) continue;
    if (best == nullptr || distance < best_distance) {
      best = &candidate;
      best_distance = distance;
    }
  }
  if (best == nullptr) return std::nullopt;
  return std::string(best->suggestion);
}

std::optional<std::string> DidYouMean(std::string_view word,
                                      std::span<const std::string_view> candidates) {
  std::vector<Suggestion> suggestions;
  suggestions.reserve(candidates.size());
  for (std::string_view candidate : candidates) suggestions.push_back({candidate, candidate});
  return DidYouMean(word, suggestions);
}

std::string DidYouMeanSuffix(std::string_view word, std::span<const Suggestion> candidates) {
  const std::optional<std::string> match = DidYouMean(word, candidates);
  return match ? fmt::format(" (did you mean '{}'?)", *match) : std::string();
}

std::string DidYouMeanSuffix(std::string_view word,
                             std::span<const std::string_view> candidates) {
  const std::optional<std::string> match = DidYouMean(word, candidates);
  return match ? fmt::format(" (did you mean '{}'?)", *match) : std::string();
}

}  // namespace grader
