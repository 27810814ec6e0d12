// Which variable two racing lines of code share: the words of a line that may name one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace grader {

// Identifiers (not keywords, not called functions) that occur in both lines of code: the
// candidates for the variable two racing lines share ("count_ += by;" and "return count_;"
// share "count_"). In order of appearance in `a`.
std::vector<std::string> SharedIdentifiers(std::string_view a, std::string_view b);

}  // namespace grader
