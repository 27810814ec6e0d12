// Reference solution of `colored_point`: the lecture's RLock and ColoredPoint, in C++.
//
// One std::recursive_mutex, declared in Point and protected so that ColoredPoint locks the
// same one, guards all three fields (x_, y_ and color_), and every member holds it for its
// whole operation. get() therefore reads x and y under one lock hold and set() writes both
// under one, so no reader ever sees half of a write: that is the consistent snapshot.
//
// do_if_red holds the lock while it checks the color, reads the point and calls the
// observer, so the color cannot turn from "red" and the point cannot change under the
// observer's feet. Its own get() and any get(), set() or color() the observer makes lock
// the mutex again on the same thread: a std::mutex would deadlock there (the lecture's
// point about Lock), a recursive_mutex just counts the nested holds.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <utility>

class Point {
 public:
  std::pair<int, int> get() const {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    return {x_, y_};
  }

  void set(int x, int y) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    x_ = x;
    y_ = y;
  }

  void move_by(int dx, int dy) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    x_ += dx;
    y_ += dy;
  }

 protected:
  mutable std::recursive_mutex mutex_;  // guards x_, y_ and ColoredPoint::color_

 private:
  int x_ = 0;  // guarded by mutex_
  int y_ = 0;  // guarded by mutex_
};

class ColoredPoint : public Point {
 public:
  std::string color() const {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    return color_;
  }

  void set_color(std::string color) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    color_ = std::move(color);
  }

  // Calls observer(get()) while holding the lock, if the color is "red".
  void do_if_red(const std::function<void(std::pair<int, int>)>& observer) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    if (color_ == "red") {
      observer(get());
    }
  }

 private:
  std::string color_ = "green";  // guarded by Point::mutex_
};
