#include "intake/student_id.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace grader {
namespace {

// Lowercase ASCII spellings of U+00C0..U+017F without their accents. '*' marks the letters
// written with two ASCII letters (see TwoLetterSpelling), ' ' the two signs (U+00D7 and
// U+00F7) that are not letters.
constexpr std::string_view kLatinBase =
    "aaaaaa*ceeeeiiii"   // U+00C0
    "dnooooo ouuuuy**"   // U+00D0
    "aaaaaa*ceeeeiiii"   // U+00E0
    "dnooooo ouuuuy*y"   // U+00F0
    "aaaaaaccccccccdd"   // U+0100
    "ddeeeeeeeeeegggg"   // U+0110
    "gggghhhhiiiiiiii"   // U+0120
    "ii**jjkkklllllll"   // U+0130
    "lllnnnnnnnnnoooo"   // U+0140
    "oo**rrrrrrssssss"   // U+0150
    "ssttttttuuuuuuuu"   // U+0160
    "uuuuwwyyyzzzzzzs";  // U+0170
constexpr char32_t kLatinFirst = 0xC0;

std::string_view TwoLetterSpelling(char32_t code_point) {
  switch (code_point) {
    case 0xC6: case 0xE6: return "ae";
    case 0xDE: case 0xFE: return "th";
    case 0xDF: return "ss";
    case 0x132: case 0x133: return "ij";
    case 0x152: case 0x153: return "oe";
    default: return "";
  }
}

// Decodes the UTF-8 sequence at text[*at], advancing *at past it. Invalid or truncated
// sequences decode as U+FFFD and advance by one byte.
char32_t NextCodePoint(std::string_view text, std::size_t* at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(*at);
  int length = 0;
  char32_t code_point = 0;
  if (lead < 0x80) {
    ++*at;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07;
  } else {
    ++*at;
    return 0xFFFD;
  }
  if (*at + length > text.size()) {
    ++*at;
    return 0xFFFD;
  }
  for (int i = 1; i < length; ++i) {
    if ((byte(*at + i) & 0xC0) != 0x80) {
      ++*at;
      return 0xFFFD;
    }
    code_point = code_point << 6 | (byte(*at + i) & 0x3F);
  }
  *at += length;
  return code_point;
}

bool IsDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string SafeStudentId(std::string_view text) {
  std::string id;
  const auto separate = [&] {
    if (!id.empty() && id.back() != '-') id += '-';
  };
  for (std::size_t at = 0; at < text.size();) {
    const char32_t c = NextCodePoint(text, &at);
    if (c >= 'A' && c <= 'Z') {
      id += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.') {
      id += static_cast<char>(c);
    } else if (c >= kLatinFirst && c < kLatinFirst + kLatinBase.size()) {
      const char base = kLatinBase[c - kLatinFirst];
      if (base == '*') {
        id += TwoLetterSpelling(c);
      } else if (base == ' ') {
        separate();
      } else {
        id += base;
      }
    } else {
      separate();
    }
  }
  const std::size_t first = id.find_first_not_of(".-_");
  if (first == std::string::npos) return "";
  id.erase(0, first);
  if (id.size() > kMaxStudentIdLength) id.resize(kMaxStudentIdLength);
  while (!id.empty() && (id.back() == '-' || id.back() == '.')) id.pop_back();
  return id;
}

std::string StudentIdFromArchiveName(std::string_view file_name) {
  std::string stem(file_name);
  if (stem.size() >= 4) {
    std::string extension = stem.substr(stem.size() - 4);
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (extension == ".zip") stem.resize(stem.size() - 4);
  }
  static const std::regex kMoodle("^(.+?)_([0-9]+)_assignsubmission_.*$");
  static const std::regex kCanvas("^([^_]+)(?:_late|_LATE)?_([0-9]+)_([0-9]+)_(.+)$");
  std::smatch match;
  if (std::regex_match(stem, match, kMoodle) || std::regex_match(stem, match, kCanvas)) {
    const std::string name = SafeStudentId(match[1].str());
    const std::string number = match[2].str();
    if (!name.empty() && IsDigits(number) && number.size() < kMaxStudentIdLength / 2) {
      // Cut the name, not the number, which tells two students of one name apart.
      return SafeStudentId(name.substr(0, kMaxStudentIdLength - number.size() - 1) + "_" +
                           number);
    }
  }
  return SafeStudentId(stem);
}

std::string ClassroomPrefix(const std::vector<std::string>& repository_names,
                            std::string_view export_folder_name, std::string_view given) {
  if (!given.empty()) {
    std::string prefix(given);
    if (prefix.back() != '-') prefix += '-';
    return prefix;
  }
  constexpr std::string_view kSubmissions = "-submissions";
  if (export_folder_name.size() > kSubmissions.size() &&
      export_folder_name.ends_with(kSubmissions) && !repository_names.empty()) {
    const std::string prefix =
        std::string(export_folder_name.substr(0, export_folder_name.size() -
                                                     kSubmissions.size())) + "-";
    if (std::all_of(repository_names.begin(), repository_names.end(),
                    [&](const std::string& name) { return name.starts_with(prefix); })) {
      return prefix;
    }
  }
  // One name has no common prefix to speak of: its username may hold '-' too.
  if (repository_names.size() < 2) return "";
  std::string common = repository_names.front();
  for (const auto& name : repository_names) {
    const auto mismatch = std::mismatch(common.begin(), common.end(), name.begin(), name.end());
    common.erase(mismatch.first, common.end());
  }
  const std::size_t dash = common.rfind('-');
  return dash == std::string::npos ? "" : common.substr(0, dash + 1);
}

std::string StudentIdFromRepositoryName(std::string_view name, std::string_view prefix) {
  if (!name.starts_with(prefix)) return "";
  return SafeStudentId(name.substr(prefix.size()));
}

}  // namespace grader
