// colored_point.hpp: your solution of the `colored_point` exercise. Submit this one file.
//
// A Point and a ColoredPoint that any number of threads may use at the same time, guarded
// by one re-entrant lock. Read README.md first. This skeleton compiles, but it is not a
// solution yet: get() always says (0, 0), set() and move_by() change nothing, color() is
// always "green" and do_if_red() never calls the observer. Replace each body, keep every
// signature and the declaration of mutex_ exactly as they are (the grader checks them), and
// add the private members you need.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <utility>

class Point {
 public:
  // The current point (x, y). A new point is (0, 0). x and y must come from the same
  // moment: never x from one set() and y from another.
  std::pair<int, int> get() const {
    return {0, 0};  // Replace this line.
  }

  // Moves the point to (x, y), both coordinates as one step.
  void set(int x, int y) {
    (void)x;  // Replace these two lines.
    (void)y;
  }

  // Adds dx to x and dy to y, as one step.
  void move_by(int dx, int dy) {
    (void)dx;  // Replace these two lines.
    (void)dy;
  }

 protected:
  // The object's one lock, for Point's members and ColoredPoint's alike (the lecture's
  // RLock). Keep this declaration as it is.
  mutable std::recursive_mutex mutex_;
};

class ColoredPoint : public Point {
 public:
  // The current color. A new ColoredPoint is "green".
  std::string color() const {
    return "green";  // Replace this line.
  }

  // Replaces the color (any string; only exactly "red" counts as red).
  void set_color(std::string color) {
    (void)color;  // Replace this line.
  }

  // If the color is "red", calls observer(get()) while holding the lock, so that neither
  // the color nor the point can change while the observer runs. The observer may call
  // back into this object (color(), get(), set()) and must not deadlock.
  void do_if_red(const std::function<void(std::pair<int, int>)>& observer) {
    (void)observer;  // Replace this line.
  }
};
