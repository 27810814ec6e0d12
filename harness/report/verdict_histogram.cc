#include "report/verdict_histogram.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "common/xml_text.h"

namespace grader {
namespace {

constexpr double kSlot = 92, kBarWidth = 64, kLeft = 12, kTop = 34, kBarsHeight = 120;
constexpr double kLabels = 36;  // under the bars: the verdict's name

constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kColours = {{
    {"ok", "#2e7d32"},
    {"wrong-answer", "#c62828"},
    {"data-race", "#ad1457"},
    {"deadlock", "#6a1b9a"},
    {"time-limit", "#4527a0"},
    {"runtime-error", "#b71c1c"},
    {"memory-limit", "#5d4037"},
    {"output-limit", "#795548"},
    {"compile-error", "#37474f"},
    {"too-slow", "#b8860b"},
    {"forbidden", "#212121"},
    {"internal-error", "#e65100"},
    {"unusable", "#757575"},
}};

}  // namespace

std::string_view VerdictColour(std::string_view word) {
  for (const auto& [name, colour] : kColours) {
    if (name == word) return colour;
  }
  return "#757575";
}

std::string VerdictHistogramSvg(std::string_view title,
                                const std::vector<std::pair<std::string_view, int>>& counts) {
  int highest = 0, bars = 0;
  for (const auto& [word, count] : counts) {
    highest = std::max(highest, count);
    if (count > 0) ++bars;
  }
  const double width = kLeft * 2 + std::max(bars, 2) * kSlot;
  const double height = kTop + kBarsHeight + kLabels;
  std::string svg = fmt::format(
      "<svg class=\"histogram\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n"
      "<text x=\"{2}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{3}</text>\n",
      width, height, kLeft, XmlEscaped(title));
  const double baseline = kTop + kBarsHeight;
  svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#999\"/>\n",
                     kLeft, baseline, width - kLeft);
  if (bars == 0) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#666\">no submissions</text>\n",
                       kLeft + 4, baseline - 8);
  }
  int slot = 0;
  for (const auto& [word, count] : counts) {
    if (count <= 0) continue;
    const double bar_height = std::max(2.0, (kBarsHeight - 16) * count / highest);
    const double x = kLeft + slot++ * kSlot + (kSlot - kBarWidth) / 2;
    const double centre = x + kBarWidth / 2;
    svg += fmt::format(
        "<g class=\"bar\"><title>{0}: {1}</title>"
        "<rect x=\"{2}\" y=\"{3:.1f}\" width=\"{4}\" height=\"{5:.1f}\" fill=\"{6}\"/>"
        "<text x=\"{7}\" y=\"{8:.1f}\" text-anchor=\"middle\">{1}</text>"
        "<text x=\"{7}\" y=\"{9}\" text-anchor=\"middle\" font-size=\"11\">{0}</text></g>\n",
        XmlEscaped(word), count, x, baseline - bar_height, kBarWidth, bar_height,
        VerdictColour(word), centre, baseline - bar_height - 4, baseline + 16);
  }
  return svg + "</svg>\n";
}

}  // namespace grader
