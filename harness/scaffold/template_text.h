// Filling the templates of `grader new` (harness/scaffold/templates/*.in).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace grader {

// A placeholder's key, written @key@ in a template, and the text that replaces it.
using TemplateValue = std::pair<std::string_view, std::string>;

// `text` with every @key@ of `values` replaced. A line with a comment after its content
// (two or more spaces, then "# ") keeps the comment at its column when replacing changes
// the content's length, so the commented lines of a YAML template stay a readable table;
// a content longer than the column gets its comment two spaces after it.
// Throws InternalError (a broken template is a bug of the grader) on an @key@ that `values`
// does not name, where a key is one or more of A-Z, a-z and '_'.
std::string FillTemplate(std::string_view text, const std::vector<TemplateValue>& values);

}  // namespace grader
