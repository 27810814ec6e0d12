// Hidden driver of the `colored_point` exercise (GoogleTest): the single-threaded contract.
//
// Theory of operation: the driver never sees colored_point.hpp. It reaches the student's
// ColoredPoint only through colored_point_adapter.h, which glue/colored_point_glue.cpp
// implements per submission, so this file is compiled once per flavor (the graded `basics`
// test runs it under AddressSanitizer). Besides the plain semantics it calls do_if_red()
// with observers that call back into the point: with a non-recursive lock such a call
// waits forever for the lock its own thread holds, and the grader, which kills the run at
// its wall-time limit, reports the hang as a deadlock. colored_point_stress_test.cpp holds
// the many-thread tests.
//
// Failure messages are read by students: each says what was called, what was seen and
// what was expected.
#include <gtest/gtest.h>

#include <climits>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "colored_point_adapter.h"
#include "test_point.h"

namespace {

using colored_point_driver::Observer;
using colored_point_driver::Pair;
using colored_point_driver::TestPoint;

std::string Show(Pair point) {
  return "(" + std::to_string(point.first) + ", " + std::to_string(point.second) + ")";
}

void ExpectPoint(const TestPoint& point, Pair expected, std::string_view what) {
  const Pair actual = point.Get();
  if (actual != expected) {
    ADD_FAILURE() << what << ": get() = " << Show(actual) << ", expected " << Show(expected);
  }
}

void ExpectColor(const TestPoint& point, std::string_view expected, std::string_view what) {
  const std::string actual = point.Color();
  if (actual != expected) {
    ADD_FAILURE() << what << ": color() = \"" << actual << "\", expected \"" << expected << "\"";
  }
}

// Fails the test unless the observer was called `expected` times; returns whether it was.
bool ExpectCalls(std::size_t actual, std::size_t expected, std::string_view what) {
  if (actual == expected) return true;
  ADD_FAILURE() << what << ": the observer was called " << actual << " time"
                << (actual == 1 ? "" : "s") << ", expected " << expected;
  return false;
}

void ExpectObserved(Pair actual, Pair expected, std::string_view what) {
  if (actual != expected) {
    ADD_FAILURE() << what << ": the observer got " << Show(actual) << ", expected "
                  << Show(expected) << " (do_if_red() passes get())";
  }
}

// --- Single-threaded contract ---------------------------------------------------------
TEST(ColoredPointBasics, StartsGreenAtOrigin) {
  TestPoint point;
  ExpectColor(point, "green", "a new ColoredPoint");
  ExpectPoint(point, {0, 0}, "a new ColoredPoint");
}

TEST(ColoredPointBasics, SetReplacesThePoint) {
  TestPoint point;
  point.Set(3, -4);
  ExpectPoint(point, {3, -4}, "set(3, -4)");
  point.Set(INT_MAX, INT_MIN);
  ExpectPoint(point, {INT_MAX, INT_MIN}, "set(INT_MAX, INT_MIN) (are x and y ints?)");
  point.Set(0, 7);
  ExpectPoint(point, {0, 7}, "set(INT_MAX, INT_MIN), then set(0, 7)");
}

TEST(ColoredPointBasics, MoveByAddsToEachCoordinate) {
  TestPoint point;
  point.MoveBy(2, 5);
  ExpectPoint(point, {2, 5}, "a new point, then move_by(2, 5)");
  point.Set(1, 2);
  point.MoveBy(10, -5);
  ExpectPoint(point, {11, -3}, "set(1, 2), then move_by(10, -5)");
  point.MoveBy(0, 0);
  ExpectPoint(point, {11, -3}, "at (11, -3), then move_by(0, 0)");
  point.MoveBy(-11, 3);
  ExpectPoint(point, {0, 0}, "at (11, -3), then move_by(-11, 3)");
}

TEST(ColoredPointBasics, SetColorReplacesTheColorOnly) {
  TestPoint point;
  point.Set(4, 5);
  point.SetColor("red");
  ExpectColor(point, "red", "set_color(\"red\")");
  ExpectPoint(point, {4, 5}, "set(4, 5), then set_color(\"red\") (the color is not the point)");
  point.SetColor("blue");
  ExpectColor(point, "blue", "set_color(\"red\"), then set_color(\"blue\")");
  point.SetColor("");
  ExpectColor(point, "", "set_color(\"\")");
  const std::string long_color(100, 'r');
  point.SetColor(long_color);
  ExpectColor(point, long_color, "set_color() with a 100-character name");
  point.Set(-1, -2);
  point.MoveBy(1, 1);
  ExpectColor(point, long_color, "set() and move_by() after set_color() (they keep the color)");
}

TEST(ColoredPointBasics, DoIfRedSkipsTheObserverUnlessRed) {
  TestPoint point;
  int calls = 0;
  const Observer count = [&calls](Pair) { ++calls; };
  point.DoIfRed(count);
  ExpectCalls(calls, 0, "do_if_red() on a new (green) point");
  for (const char* color : {"blue", "Red", "red ", ""}) {
    point.SetColor(color);
    point.DoIfRed(count);
    ExpectCalls(
        calls, 0,
        "set_color(\"" + std::string(color) + "\"), then do_if_red() (only \"red\" is red)");
    calls = 0;
  }
}

TEST(ColoredPointBasics, DoIfRedPassesTheCurrentPointOnce) {
  TestPoint point;
  point.Set(3, 4);
  point.SetColor("red");
  std::vector<Pair> seen;
  const Observer record = [&seen](Pair p) { seen.push_back(p); };
  point.DoIfRed(record);
  if (!ExpectCalls(seen.size(), 1, "set(3, 4), set_color(\"red\"), then do_if_red()")) return;
  ExpectObserved(seen[0], {3, 4}, "set(3, 4), set_color(\"red\"), then do_if_red()");
  point.MoveBy(1, 1);
  point.DoIfRed(record);
  if (!ExpectCalls(seen.size() - 1, 1, "then move_by(1, 1) and do_if_red() again")) return;
  ExpectObserved(seen[1], {4, 5}, "at (3, 4), move_by(1, 1), then do_if_red() again");
  point.SetColor("green");
  point.DoIfRed(record);
  ExpectCalls(seen.size() - 2, 0, "then set_color(\"green\") and do_if_red()");
}

TEST(ColoredPointBasics, ObserverMayCallBackIntoThePoint) {
  TestPoint point;
  point.Set(1, 2);
  point.SetColor("red");
  int calls = 0;
  point.DoIfRed([&](Pair p) {
    ++calls;
    ExpectColor(point, "red", "color() called by the observer inside do_if_red()");
    ExpectPoint(point, p, "get() called by the observer inside do_if_red()");
    point.Set(5, 6);
    ExpectPoint(point, {5, 6}, "set(5, 6) by the observer, then get() by the observer");
  });
  ExpectCalls(calls, 1, "set(1, 2), set_color(\"red\"), then do_if_red()");
  ExpectPoint(point, {5, 6}, "after do_if_red() whose observer called set(5, 6)");
  ExpectColor(point, "red", "after do_if_red() whose observer only read the color");
  std::vector<Pair> seen;
  point.DoIfRed([&seen](Pair p) { seen.push_back(p); });
  if (ExpectCalls(seen.size(), 1, "then do_if_red() again")) {
    ExpectObserved(seen[0], {5, 6}, "do_if_red() after an observer's set(5, 6)");
  }
}

TEST(ColoredPointBasics, PointsAreIndependent) {
  TestPoint first;
  TestPoint second;
  first.Set(10, 20);
  first.SetColor("red");
  second.MoveBy(1, 1);
  ExpectPoint(first, {10, 20}, "first.set(10, 20), second.move_by(1, 1): first (members?)");
  ExpectPoint(second, {1, 1}, "first.set(10, 20), second.move_by(1, 1): second (members?)");
  ExpectColor(second, "green", "first.set_color(\"red\"): second's color (a member?)");
}

}  // namespace
