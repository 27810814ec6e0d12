// Public tests of the `colored_point` exercise: build them with CMakeLists.txt (see README.md).
//
// ColoredPointBasics here are the same checks as the graded `basics` test. If a test of it
// never ends, do_if_red() is waiting for a lock its own thread already holds (a plain
// std::mutex instead of the recursive one). ColoredPointStressPublic are smaller, simpler
// versions of the hidden stress tests: passing them is a good sign, not a guarantee. Build
// once with -DCOLORED_POINT_TSAN=ON too: a data race is a failure even when every check
// passes.
#include <gtest/gtest.h>

#include <climits>
#include <functional>
#include <latch>
#include <string>
#include <thread>
#include <utility>
#include <vector>

// Angle brackets: found only through -I (COLORED_POINT_DIR), never next to this file.
#include <colored_point.hpp>

namespace {

using Pair = std::pair<int, int>;
using Observer = std::function<void(Pair)>;

TEST(ColoredPointBasics, StartsGreenAtOrigin) {
  const ColoredPoint point;
  EXPECT_EQ(point.color(), "green") << "a new ColoredPoint";
  EXPECT_EQ(point.get(), Pair(0, 0)) << "a new ColoredPoint";
}

TEST(ColoredPointBasics, SetReplacesThePoint) {
  ColoredPoint point;
  point.set(3, -4);
  EXPECT_EQ(point.get(), Pair(3, -4)) << "set(3, -4)";
  point.set(INT_MAX, INT_MIN);
  EXPECT_EQ(point.get(), Pair(INT_MAX, INT_MIN)) << "set(INT_MAX, INT_MIN) (are x and y ints?)";
  point.set(0, 7);
  EXPECT_EQ(point.get(), Pair(0, 7)) << "set(INT_MAX, INT_MIN), then set(0, 7)";
}

TEST(ColoredPointBasics, MoveByAddsToEachCoordinate) {
  ColoredPoint point;
  point.move_by(2, 5);
  EXPECT_EQ(point.get(), Pair(2, 5)) << "a new point, then move_by(2, 5)";
  point.set(1, 2);
  point.move_by(10, -5);
  EXPECT_EQ(point.get(), Pair(11, -3)) << "set(1, 2), then move_by(10, -5)";
  point.move_by(0, 0);
  EXPECT_EQ(point.get(), Pair(11, -3)) << "at (11, -3), then move_by(0, 0)";
  point.move_by(-11, 3);
  EXPECT_EQ(point.get(), Pair(0, 0)) << "at (11, -3), then move_by(-11, 3)";
}

TEST(ColoredPointBasics, SetColorReplacesTheColorOnly) {
  ColoredPoint point;
  point.set(4, 5);
  point.set_color("red");
  EXPECT_EQ(point.color(), "red") << "set_color(\"red\")";
  EXPECT_EQ(point.get(), Pair(4, 5)) << "set(4, 5), then set_color(\"red\")";
  point.set_color("blue");
  EXPECT_EQ(point.color(), "blue") << "set_color(\"red\"), then set_color(\"blue\")";
  point.set_color("");
  EXPECT_EQ(point.color(), "") << "set_color(\"\")";
  const std::string long_color(100, 'r');
  point.set_color(long_color);
  EXPECT_EQ(point.color(), long_color) << "set_color() with a 100-character name";
  point.set(-1, -2);
  point.move_by(1, 1);
  EXPECT_EQ(point.color(), long_color) << "set() and move_by() must keep the color";
}

TEST(ColoredPointBasics, DoIfRedSkipsTheObserverUnlessRed) {
  ColoredPoint point;
  int calls = 0;
  const Observer count = [&calls](Pair) { ++calls; };
  point.do_if_red(count);
  EXPECT_EQ(calls, 0) << "do_if_red() on a new (green) point called the observer";
  for (const char* color : {"blue", "Red", "red ", ""}) {
    point.set_color(color);
    point.do_if_red(count);
    EXPECT_EQ(calls, 0) << "set_color(\"" << color << "\"), then do_if_red() called the observer";
    calls = 0;
  }
}

TEST(ColoredPointBasics, DoIfRedPassesTheCurrentPointOnce) {
  ColoredPoint point;
  point.set(3, 4);
  point.set_color("red");
  std::vector<Pair> seen;
  const Observer record = [&seen](Pair p) { seen.push_back(p); };
  point.do_if_red(record);
  ASSERT_EQ(seen.size(), 1u) << "set(3, 4), set_color(\"red\"), then do_if_red(): observer calls";
  EXPECT_EQ(seen[0], Pair(3, 4)) << "the point passed to the observer";
  point.move_by(1, 1);
  point.do_if_red(record);
  ASSERT_EQ(seen.size(), 2u) << "a second do_if_red() while red: observer calls in all";
  EXPECT_EQ(seen[1], Pair(4, 5)) << "move_by(1, 1), then do_if_red() again";
  point.set_color("green");
  point.do_if_red(record);
  EXPECT_EQ(seen.size(), 2u) << "set_color(\"green\"), then do_if_red() called the observer";
}

TEST(ColoredPointBasics, ObserverMayCallBackIntoThePoint) {
  ColoredPoint point;
  point.set(1, 2);
  point.set_color("red");
  int calls = 0;
  point.do_if_red([&](Pair p) {
    ++calls;
    EXPECT_EQ(point.color(), "red") << "color() called by the observer";
    EXPECT_EQ(point.get(), p) << "get() called by the observer";
    point.set(5, 6);
    EXPECT_EQ(point.get(), Pair(5, 6)) << "set(5, 6) by the observer, then get() by the observer";
  });
  EXPECT_EQ(calls, 1) << "set_color(\"red\"), then do_if_red(): observer calls";
  EXPECT_EQ(point.get(), Pair(5, 6)) << "after do_if_red() whose observer called set(5, 6)";
  EXPECT_EQ(point.color(), "red") << "after do_if_red() whose observer only read the color";
}

TEST(ColoredPointBasics, PointsAreIndependent) {
  ColoredPoint first;
  ColoredPoint second;
  first.set(10, 20);
  first.set_color("red");
  second.move_by(1, 1);
  EXPECT_EQ(first.get(), Pair(10, 20)) << "are x and y members, not statics or globals?";
  EXPECT_EQ(second.get(), Pair(1, 1)) << "are x and y members, not statics or globals?";
  EXPECT_EQ(second.color(), "green") << "is the color a member, not a static or a global?";
}

constexpr int kCallsPerThread = 100'000;

// Two writers keep x == y with set(v, v) and move_by(1, 1); two readers must never see
// x != y, in get() or in what do_if_red() passes.
TEST(ColoredPointStressPublic, ConsistentSnapshots) {
  ColoredPoint point;
  point.set_color("red");
  std::latch start(4);
  std::vector<int> torn(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int i = 0; i < kCallsPerThread; ++i) {
        if (t == 0) {
          point.set(i % 1000, i % 1000);
        } else if (t == 1) {
          point.move_by(1, 1);
        } else if (t == 2) {
          const Pair p = point.get();
          if (p.first != p.second) ++torn[t];
        } else {
          point.do_if_red([&](Pair p) {
            if (p.first != p.second) ++torn[t];
          });
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(torn[2], 0) << "get() returned x != y although writers only made x == y "
                           "(read and write both coordinates under one lock hold)";
  EXPECT_EQ(torn[3], 0) << "do_if_red() passed x != y although writers only made x == y";
}

// Two threads call do_if_red() with an observer that adds (1, 1) through get() and set();
// one thread flips the color between "green" and "red". No observer may overlap another,
// so the point must end at (calls, calls).
TEST(ColoredPointStressPublic, ReentrantCallbacks) {
  ColoredPoint point;
  point.set_color("red");
  std::latch start(3);
  std::vector<int> calls(3, 0);
  std::vector<int> not_red(3, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int i = 0; i < kCallsPerThread; ++i) {
        if (t == 2) {
          point.set_color("green");
          point.set_color("red");
          continue;
        }
        point.do_if_red([&](Pair p) {
          ++calls[t];
          if (point.color() != "red") ++not_red[t];
          point.set(p.first + 1, p.second + 1);
        });
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const int total = calls[0] + calls[1];
  EXPECT_EQ(not_red[0] + not_red[1], 0)
      << "an observer saw color() != \"red\": do_if_red() must hold the lock while it runs";
  EXPECT_EQ(point.get(), Pair(total, total))
      << total << " observer calls each did set(x + 1, y + 1): observers overlapped";
}

}  // namespace
