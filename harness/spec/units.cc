#include "spec/units.h"

#include <array>
#include <cctype>
#include <span>

#include <fmt/format.h>

#include "spec/did_you_mean.h"

namespace grader {
namespace {

struct Unit {
  std::string_view name;
  std::uint64_t factor;  // in the base unit: milliseconds or bytes
};

constexpr std::array<Unit, 4> kDurationUnits = {{
    {"ms", 1}, {"s", 1000}, {"m", 60 * 1000}, {"h", 60 * 60 * 1000}}};

constexpr std::array<Unit, 7> kSizeUnits = {{{"B", 1},
                                             {"KiB", kKiB},
                                             {"MiB", kMiB},
                                             {"GiB", kGiB},
                                             {"KB", 1000},
                                             {"MB", 1000 * 1000},
                                             {"GB", 1000 * 1000 * 1000}}};

// Spellings people write for the units, so that "10sec" suggests "s" and "4K" "KiB".
constexpr std::array<Suggestion, 20> kDurationSpellings = {{
    {"ms", "ms"},       {"s", "s"},           {"m", "m"},           {"h", "h"},
    {"msec", "ms"},     {"msecs", "ms"},      {"millis", "ms"},     {"milliseconds", "ms"},
    {"sec", "s"},       {"secs", "s"},        {"second", "s"},      {"seconds", "s"},
    {"min", "m"},       {"mins", "m"},        {"minute", "m"},      {"minutes", "m"},
    {"hour", "h"},      {"hours", "h"},       {"hr", "h"},          {"hrs", "h"},
}};

constexpr std::array<Suggestion, 15> kSizeSpellings = {{
    {"B", "B"},         {"KiB", "KiB"},       {"MiB", "MiB"},       {"GiB", "GiB"},
    {"KB", "KB"},       {"MB", "MB"},         {"GB", "GB"},         {"bytes", "B"},
    {"byte", "B"},      {"K", "KiB"},         {"M", "MiB"},         {"G", "GiB"},
    {"Ki", "KiB"},      {"Mi", "MiB"},        {"Gi", "GiB"},
}};

struct Kind {
  std::string_view noun;        // "a duration"
  std::string_view examples;    // "10s, 500ms or 2m"
  std::string_view unit_list;   // "durations take ms, s, m or h"
  std::string_view base_unit;   // "milliseconds"
  std::array<std::string_view, 3> bare_units;  // suffixes for "needs a unit: 10ms, 10s or 10m"
  std::span<const Unit> units;
  std::span<const Suggestion> spellings;
};

const Kind kDuration = {"a duration", "10s, 500ms or 2m",
                        "durations take ms, s, m or h", "milliseconds",
                        {"ms", "s", "m"}, kDurationUnits, kDurationSpellings};
const Kind kSize = {"a size", "512MiB, 64KiB or 100B",
                    "sizes take B, KiB, MiB, GiB (1024) or KB, MB, GB (1000)", "bytes",
                    {"MiB", "KiB", "B"}, kSizeUnits, kSizeSpellings};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Exact decimal arithmetic: "1.5" with factor 1000 is 15 * 1000 / 10, never a binary float.
std::optional<std::uint64_t> Parse(std::string_view text, const Kind& kind, std::string* error) {
  std::size_t i = 0;
  std::uint64_t mantissa = 0;
  std::uint64_t divisor = 1;
  int digits = 0;
  bool in_fraction = false;
  for (; i < text.size(); ++i) {
    if (text[i] == '.' && !in_fraction && digits > 0) {
      in_fraction = true;
      continue;
    }
    if (!IsDigit(text[i])) break;
    if (++digits > 18) {
      *error = fmt::format("is too large: '{}'", text);
      return std::nullopt;
    }
    mantissa = mantissa * 10 + static_cast<std::uint64_t>(text[i] - '0');
    if (in_fraction) divisor *= 10;
  }
  const std::string_view number = text.substr(0, i);
  if (digits == 0 || number.back() == '.') {
    *error = fmt::format("must be {} such as {}, not '{}'", kind.noun, kind.examples, text);
    return std::nullopt;
  }
  std::string_view unit = text.substr(i);
  if (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  if (unit.empty()) {
    *error = fmt::format("needs a unit: {0}{1}, {0}{2} or {0}{3}, not '{0}'", number,
                         kind.bare_units[0], kind.bare_units[1], kind.bare_units[2]);
    return std::nullopt;
  }
  const Unit* found = nullptr;
  for (const Unit& candidate : kind.units) {
    if (candidate.name == unit) found = &candidate;
  }
  if (found == nullptr) {
    *error = fmt::format("has an unknown unit '{}'{}; {}", unit,
                         DidYouMeanSuffix(unit, kind.spellings), kind.unit_list);
    return std::nullopt;
  }
  std::uint64_t scaled = 0;
  if (__builtin_mul_overflow(mantissa, found->factor, &scaled)) {
    *error = fmt::format("is too large: '{}'", text);
    return std::nullopt;
  }
  if (scaled % divisor != 0) {
    *error = fmt::format("must be a whole number of {}, not '{}'", kind.base_unit, text);
    return std::nullopt;
  }
  return scaled / divisor;
}

std::string Format(std::uint64_t value, std::span<const Unit> largest_first) {
  for (const Unit& unit : largest_first) {
    if (value != 0 && value % unit.factor == 0) {
      return fmt::format("{}{}", value / unit.factor, unit.name);
    }
  }
  return fmt::format("{}{}", value, largest_first.back().name);
}

}  // namespace

std::optional<Millis> ParseDuration(std::string_view text, std::string* error) {
  const std::optional<std::uint64_t> millis = Parse(text, kDuration, error);
  if (!millis) return std::nullopt;
  if (*millis > static_cast<std::uint64_t>(Millis::max().count())) {
    *error = fmt::format("is too large: '{}'", text);
    return std::nullopt;
  }
  return Millis(static_cast<Millis::rep>(*millis));
}

std::optional<std::uint64_t> ParseSize(std::string_view text, std::string* error) {
  return Parse(text, kSize, error);
}

std::string FormatDuration(Millis duration) {
  constexpr std::array<Unit, 4> kLargestFirst = {{
      {"h", 60 * 60 * 1000}, {"m", 60 * 1000}, {"s", 1000}, {"ms", 1}}};
  return Format(static_cast<std::uint64_t>(duration.count()), kLargestFirst);
}

std::string FormatSize(std::uint64_t bytes) {
  constexpr std::array<Unit, 7> kLargestFirst = {{{"GiB", kGiB},
                                                  {"MiB", kMiB},
                                                  {"KiB", kKiB},
                                                  {"GB", 1000 * 1000 * 1000},
                                                  {"MB", 1000 * 1000},
                                                  {"KB", 1000},
                                                  {"B", 1}}};
  return Format(bytes, kLargestFirst);
}

}  // namespace grader
