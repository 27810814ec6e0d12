// Durations and sizes as written in specs: "10s", "500ms", "1.5s", "2m"; "512MiB", "64KiB",
// "100B", "1GB". A unit is always required: a bare "10" could mean seconds or milliseconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "spec/spec.h"

namespace grader {

// Parses "<number><unit>": the number is decimal, optionally with a fraction ("1.5s"), and an
// optional space may separate it from the unit. Units: ms, s, m (minutes), h. The result must
// be a whole number of milliseconds. On failure returns nullopt and sets *error to the end of
// a sentence that starts with the value's name, e.g. "needs a unit: 10ms, 10s or 10m, not
// '10'", "has an unknown unit 'sec' (did you mean 's'?); durations take ms, s, m or h".
std::optional<Millis> ParseDuration(std::string_view text, std::string* error);

// Parses "<number><unit>" like ParseDuration. Units: B; KiB, MiB, GiB (powers of 1024); KB,
// MB, GB (powers of 1000). The result must be a whole number of bytes.
std::optional<std::uint64_t> ParseSize(std::string_view text, std::string* error);

// The shortest exact spelling in the largest unit that divides the value: 3600000ms -> "1h",
// 90000ms -> "90s", 1500ms -> "1500ms". ParseDuration(FormatDuration(d)) == d.
std::string FormatDuration(Millis duration);

// As FormatDuration, for sizes: binary units first ("512MiB"), then decimal ("1MB"), else
// bytes ("100B"). ParseSize(FormatSize(n)) == n.
std::string FormatSize(std::uint64_t bytes);

}  // namespace grader
