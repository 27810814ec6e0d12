#include "judge/shared_identifiers.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace grader {
namespace {

bool IsIdentifierStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool IsIdentifierChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// Words of a line of code that may name a variable: identifiers that are not keywords,
// not type names of the standard library and not called (followed by '(').
std::vector<std::string> VariableCandidates(std::string_view line) {
  static const std::set<std::string, std::less<>> kNotVariables = {
      "alignas", "auto", "bool", "break", "case", "char", "const", "constexpr", "continue",
      "decltype", "default", "delete", "do", "double", "else", "false", "float", "for", "if",
      "int", "long", "mutable", "new", "noexcept", "nullptr", "operator", "return", "short",
      "signed", "sizeof", "static", "std", "struct", "switch", "this", "true", "unsigned",
      "void", "volatile", "while", "lock_guard", "unique_lock", "scoped_lock", "mutex",
      "atomic", "lock", "guard", "size_t", "int64_t", "uint64_t", "memory_order_relaxed"};
  std::vector<std::string> words;
  // Comments say nothing about what is accessed.
  if (const auto comment = line.find("//"); comment != std::string_view::npos) {
    line = line.substr(0, comment);
  }
  // Attributes ("[[gnu::noinline]]") name no variable.
  std::string without_attributes;
  for (std::size_t at = 0; at < line.size();) {
    const std::size_t open = line.find("[[", at);
    const std::size_t close = open == std::string_view::npos ? open : line.find("]]", open);
    if (close == std::string_view::npos) {
      without_attributes += line.substr(at);
      break;
    }
    without_attributes += line.substr(at, open - at);
    at = close + 2;
  }
  line = without_attributes;
  std::set<std::string> declared_names;
  for (std::size_t at = 0; at < line.size();) {
    if (!IsIdentifierStart(line[at]) || (at > 0 && IsIdentifierChar(line[at - 1]))) {
      ++at;
      continue;
    }
    std::size_t end = at;
    while (end < line.size() && IsIdentifierChar(line[end])) ++end;
    std::string word(line.substr(at, end - at));
    // A word right after another word is being declared ("long long by", "int i"): a
    // parameter or local, not shared memory. Except after the keywords that take an
    // expression ("return count_").
    std::size_t before = at;
    while (before > 0 && line[before - 1] == ' ') --before;
    std::size_t word_start = before;
    while (word_start > 0 && IsIdentifierChar(line[word_start - 1])) --word_start;
    const std::string_view previous = line.substr(word_start, before - word_start);
    const bool declared = !previous.empty() && previous != "return" && previous != "case" &&
                          previous != "delete" && previous != "throw" && previous != "co_return";
    std::size_t next = end;
    while (next < line.size() && line[next] == ' ') ++next;
    const bool called = next < line.size() && line[next] == '(';
    const bool scope = next + 1 < line.size() && line[next] == ':' && line[next + 1] == ':';
    if (declared) {
      declared_names.insert(word);
    } else if (!called && !scope && !kNotVariables.count(word) &&
               std::find(words.begin(), words.end(), word) == words.end()) {
      words.push_back(std::move(word));
    }
    at = end;
  }
  std::erase_if(words, [&](const std::string& word) { return declared_names.count(word) > 0; });
  return words;
}

}  // namespace

std::vector<std::string> SharedIdentifiers(std::string_view a, std::string_view b) {
  const std::vector<std::string> in_b = VariableCandidates(b);
  std::vector<std::string> shared;
  for (std::string& word : VariableCandidates(a)) {
    if (std::find(in_b.begin(), in_b.end(), word) != in_b.end()) shared.push_back(word);
  }
  return shared;
}

}  // namespace grader
