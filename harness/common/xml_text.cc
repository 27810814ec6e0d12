#include "common/xml_text.h"

#include <cstdint>

#include <fmt/format.h>

namespace grader {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// The length of the well-formed UTF-8 sequence at the start of `text` (RFC 3629, Table 3-7
// of the Unicode standard: no overlong forms, no surrogates, nothing past U+10FFFF), and
// its code point; 0 when the first byte does not start one.
std::size_t SequenceLength(std::string_view text, std::uint32_t& code_point) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
  } else {
    return 0;
  }
  if (text.size() < length || byte(1) < low || byte(1) > high) return 0;
  code_point = lead & (0xFF >> (length + 1));
  code_point = code_point << 6 | (byte(1) & 0x3F);
  for (std::size_t i = 2; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    code_point = code_point << 6 | (byte(i) & 0x3F);
  }
  return length;
}

std::string Escaped(std::string_view text, bool attribute) {
  std::string escaped;
  escaped.reserve(text.size() + text.size() / 8);
  while (!text.empty()) {
    std::uint32_t code_point = 0;
    const std::size_t length = SequenceLength(text, code_point);
    if (length == 0) {
      escaped += kReplacement;
      text.remove_prefix(1);
      continue;
    }
    switch (code_point) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      case '\r': escaped += "&#13;"; break;
      case '\n': escaped += attribute ? "&#10;" : "\n"; break;
      case '\t': escaped += attribute ? "&#9;" : "\t"; break;
      case 0xFFFE:
      case 0xFFFF: escaped += fmt::format("\\u{:04x}", code_point); break;
      default:
        if (code_point < 0x20) {
          escaped += fmt::format("\\x{:02x}", code_point);
        } else {
          escaped += text.substr(0, length);
        }
    }
    text.remove_prefix(length);
  }
  return escaped;
}

}  // namespace

std::string XmlEscaped(std::string_view text) { return Escaped(text, /*attribute=*/false); }

std::string XmlAttributeEscaped(std::string_view text) {
  return Escaped(text, /*attribute=*/true);
}

}  // namespace grader
