#include "spec/speed_reader.h"

#include <array>
#include <string_view>

#include <fmt/format.h>

namespace grader {
namespace {

constexpr std::array<std::string_view, 9> kSpeedKeys = {
    "reference", "fraction", "pairs",  "max_pairs", "spread", "curve_pairs", "repetitions",
    "budget",    "reference_efficiency"};
constexpr std::array<Suggestion, 10> kSpeedAliases = {{
    {"efficiency", "reference_efficiency"}, {"min_reference_speedup", "reference_efficiency"},
    {"baseline", "reference"},    {"threshold", "fraction"},  {"min_ratio", "fraction"},
    {"min_pairs", "pairs"},       {"samples", "pairs"},       {"reps", "repetitions"},
    {"timeout", "budget"},        {"max_spread", "spread"},
}};

}  // namespace

SpeedSpec ReadSpeed(const YamlValue& value, const std::filesystem::path& spec_dir,
                    const std::string& context) {
  const YamlMap map = value.AsMap(kSpeedKeys, fmt::format("'speed' of {}", context),
                                  kSpeedAliases);
  SpeedSpec speed;
  if (const auto v = map.Find("reference")) {
    speed.reference = v->AsExistingPath(spec_dir, /*folder=*/true);
  }
  if (const auto v = map.Find("fraction")) speed.fraction = v->AsNumber(0.01, 2.0);
  if (const auto v = map.Find("pairs")) speed.min_pairs = static_cast<int>(v->AsInteger(1, 1000));
  if (const auto v = map.Find("max_pairs")) {
    speed.max_pairs = static_cast<int>(v->AsInteger(1, 1000));
  }
  if (speed.max_pairs < speed.min_pairs) {
    (map.Find("max_pairs") ? *map.Find("max_pairs") : *map.Find("pairs"))
        .Fail(fmt::format("'max_pairs' ({}) is below 'pairs' ({})", speed.max_pairs,
                          speed.min_pairs));
  }
  if (const auto v = map.Find("spread")) speed.max_spread = v->AsNumber(0.001, 10.0);
  if (const auto v = map.Find("curve_pairs")) {
    speed.curve_pairs = static_cast<int>(v->AsInteger(1, 100));
  }
  if (const auto v = map.Find("repetitions")) {
    speed.repetitions = static_cast<int>(v->AsInteger(1, 1000));
  }
  if (const auto v = map.Find("reference_efficiency")) {
    speed.reference_efficiency = v->AsNumber(0.0, 1.0);
  }
  if (const auto v = map.Find("budget")) {
    speed.budget = v->AsDuration(Millis{1000}, Millis{24 * 60 * 60 * 1000});
  }
  return speed;
}

}  // namespace grader
