// Text from anywhere (a student program's output included: any bytes) as XML 1.0 character
// data, which is also safe HTML text. The reports that parsers read back (JUnit XML) or that
// a browser renders (the batch's HTML page) escape every such text through here.
#pragma once

#include <string>
#include <string_view>

namespace grader {

// `text` made a valid, well-formed XML 1.0 text node:
// - invalid UTF-8 (a stray continuation byte, a truncated or overlong sequence, a surrogate,
//   a code point past U+10FFFF) becomes U+FFFD, one per offending byte;
// - characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage return;
//   U+FFFE, U+FFFF) are written as the visible text "\x1b" (or "\ufffe"), as the terminal
//   report shows escape sequences;
// - & < > " ' become character references, so the result is safe in element content and in
//   quoted attribute values, and "]]>" can never appear;
// - a carriage return becomes "&#13;", which parsers keep (a raw one is read as a line
//   feed).
// Line feeds and tabs stay as they are: right for element content (<pre> keeps them).
std::string XmlEscaped(std::string_view text);

// As XmlEscaped, for a quoted attribute value: line feeds and tabs also become "&#10;" and
// "&#9;", which a parser keeps (raw ones are normalised to spaces in attribute values).
std::string XmlAttributeEscaped(std::string_view text);

}  // namespace grader
