// The SVG speedup plot: both series, the ideal line, escaped title.
#include "timing/speedup_plot.h"

#include <gtest/gtest.h>

namespace grader {
namespace {

CurvePoint Point(unsigned threads, int pairs, double reference_speedup,
                 double student_speedup) {
  CurvePoint point;
  point.threads = threads;
  point.pairs = pairs;
  point.reference_speedup = reference_speedup;
  point.student_speedup = student_speedup;
  return point;
}

SpeedMeasurement TwoPoints() {
  SpeedMeasurement m;
  m.curve.push_back(Point(1, 3, 1.0, 1.0));
  m.curve.push_back(Point(2, 7, 2.0, 0.5));
  return m;
}

TEST(SpeedupPlotTest, DrawsBothSeriesAndTheIdealLine) {
  const std::string svg = SpeedupSvg(TwoPoints(), "sum <10M> & more");
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u) << svg;
  EXPECT_NE(svg.find("sum &lt;10M&gt; &amp; more"), std::string::npos);
  EXPECT_EQ(svg.find("<10M>"), std::string::npos);
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);  // ideal
  // The reference reaches 2.00x at 2 threads; the submission 0.50x.
  EXPECT_NE(svg.find("2 threads: 2.00x"), std::string::npos) << svg;
  EXPECT_NE(svg.find("2 threads: 0.50x"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">reference<"), std::string::npos);
  EXPECT_NE(svg.find(">submission<"), std::string::npos);
  EXPECT_EQ(svg.substr(svg.size() - 7), "</svg>\n");
}

TEST(SpeedupPlotTest, NothingWithoutAOneThreadPoint) {
  SpeedMeasurement m;
  m.curve.push_back(Point(2, 7, 2.0, 1.0));
  EXPECT_EQ(SpeedupSvg(m, "x"), "");
}

}  // namespace
}  // namespace grader
