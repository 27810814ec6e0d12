// Escaping text for HTML and XML (SVG) documents the harness writes.
#pragma once

#include <string>
#include <string_view>

namespace grader {

// `text` with & < > " ' as character references: safe in element content and in quoted
// attribute values of HTML and XML alike.
std::string MarkupEscaped(std::string_view text);

}  // namespace grader
