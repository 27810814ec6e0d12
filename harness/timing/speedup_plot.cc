#include "timing/speedup_plot.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "common/markup_escape.h"

namespace grader {
namespace {

constexpr double kWidth = 480, kHeight = 320;
constexpr double kLeft = 56, kRight = 20, kTop = 36, kBottom = 48;

}  // namespace

std::string SpeedupSvg(const SpeedMeasurement& measurement, const std::string& title) {
  if (measurement.At(1) == nullptr) return "";
  unsigned max_threads = 1;
  double max_speedup = 1;
  for (const CurvePoint& point : measurement.curve) {
    max_threads = std::max(max_threads, point.threads);
    max_speedup = std::max({max_speedup, measurement.ReferenceSpeedup(point.threads),
                            measurement.StudentSpeedup(point.threads)});
  }
  max_speedup = std::max(max_speedup, static_cast<double>(max_threads));
  const double y_top = std::ceil(max_speedup * 1.1);
  const double plot_width = kWidth - kLeft - kRight;
  auto x = [&](double threads) {
    if (max_threads == 1) return kLeft + plot_width / 2;
    return kLeft + (threads - 1) / (max_threads - 1) * plot_width;
  };
  auto y = [&](double speedup) {
    return kHeight - kBottom - speedup / y_top * (kHeight - kTop - kBottom);
  };

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"12\">\n"
      "<rect width=\"{0}\" height=\"{1}\" fill=\"white\"/>\n"
      "<text x=\"{2}\" y=\"20\" font-size=\"14\">{3}</text>\n",
      kWidth, kHeight, kLeft, MarkupEscaped(title));
  // Axes, ticks and labels.
  svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"black\"/>\n",
                     kLeft, kHeight - kBottom, kWidth - kRight);
  svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"black\"/>\n",
                     kLeft, kTop, kHeight - kBottom);
  for (const CurvePoint& point : measurement.curve) {
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                       x(point.threads), kHeight - kBottom + 16, point.threads);
  }
  const int step = std::max(1, static_cast<int>(y_top / 5));
  for (int tick = 0; tick <= static_cast<int>(y_top); tick += step) {
    svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}x</text>\n",
                       kLeft - 6, y(tick) + 4, tick);
  }
  svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">threads</text>\n",
                     (kLeft + kWidth - kRight) / 2, kHeight - 12);
  // The ideal line, then each side's polyline with its points.
  svg += fmt::format(
      "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#999\" "
      "stroke-dasharray=\"4 4\"/>\n",
      x(1), y(1), x(max_threads), y(max_threads));
  auto series = [&](bool reference, const char* colour) {
    std::string points, dots;
    for (const CurvePoint& point : measurement.curve) {
      const double speedup = reference ? measurement.ReferenceSpeedup(point.threads)
                                       : measurement.StudentSpeedup(point.threads);
      if (speedup <= 0) continue;
      points += fmt::format("{:.1f},{:.1f} ", x(point.threads), y(speedup));
      dots += fmt::format(
          "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"{}\"><title>{} threads: "
          "{:.2f}x</title></circle>\n",
          x(point.threads), y(speedup), colour, point.threads, speedup);
    }
    return fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" "
                       "stroke-width=\"2\"/>\n{}",
                       points, colour, dots);
  };
  svg += series(true, "#1f77b4");
  svg += series(false, "#ff7f0e");
  // Legend.
  const double legend_y = kTop + 4;
  svg += fmt::format(
      "<rect x=\"{0}\" y=\"{1}\" width=\"12\" height=\"3\" fill=\"#1f77b4\"/>"
      "<text x=\"{2}\" y=\"{3}\">reference</text>\n"
      "<rect x=\"{0}\" y=\"{4}\" width=\"12\" height=\"3\" fill=\"#ff7f0e\"/>"
      "<text x=\"{2}\" y=\"{5}\">submission</text>\n"
      "<rect x=\"{0}\" y=\"{6}\" width=\"12\" height=\"1\" fill=\"#999\"/>"
      "<text x=\"{2}\" y=\"{7}\">ideal</text>\n",
      kLeft + 12, legend_y, kLeft + 30, legend_y + 5, legend_y + 16, legend_y + 21,
      legend_y + 32, legend_y + 37);
  svg += "</svg>\n";
  return svg;
}

}  // namespace grader
