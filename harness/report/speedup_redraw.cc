#include "report/speedup_redraw.h"

#include <fmt/format.h>

#include "timing/speedup_plot.h"

namespace grader {
namespace {

// A whole number of at least 0 (a parsed file gives unsigned numbers, code may give signed).
bool Count(const nlohmann::json& value) {
  return value.is_number_unsigned() || (value.is_number_integer() && value.get<long long>() >= 0);
}

}  // namespace

std::string SpeedupSvgFromEvidence(const nlohmann::json& speed, std::string_view test) {
  const auto curve = speed.find("curve");
  if (!speed.is_object() || curve == speed.end() || !curve->is_array()) return "";
  SpeedMeasurement measurement;
  for (const nlohmann::json& point : *curve) {
    const auto threads = point.find("threads");
    const auto reference = point.find("reference_speedup");
    const auto student = point.find("student_speedup");
    const auto pairs = point.find("pairs");
    if (!point.is_object() || threads == point.end() || !Count(*threads) ||
        pairs == point.end() || !Count(*pairs) ||
        reference == point.end() || !reference->is_number() || student == point.end() ||
        !student->is_number()) {
      return "";
    }
    CurvePoint drawn;
    drawn.threads = threads->get<unsigned>();
    drawn.pairs = pairs->get<int>();  // a point without pairs is not drawn (At())
    drawn.reference_speedup = reference->get<double>();
    drawn.student_speedup = student->get<double>();
    measurement.curve.push_back(drawn);
  }
  return SpeedupSvg(measurement, fmt::format("{}: speedup against threads", test));
}

}  // namespace grader
