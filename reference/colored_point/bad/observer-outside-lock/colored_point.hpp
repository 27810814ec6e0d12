// Checks the color and reads the point under the lock, then unlocks and calls the observer
// outside it (a common way to dodge the self-deadlock of a plain mutex). There is no data
// race, but the observer no longer runs under the lock: the color may turn "green" and the
// point may change while it runs, and two observers' get() and set() interleave.
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
  mutable std::recursive_mutex mutex_;

 private:
  int x_ = 0;
  int y_ = 0;
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

  void do_if_red(const std::function<void(std::pair<int, int>)>& observer) {
    std::pair<int, int> point;
    {
      std::lock_guard<std::recursive_mutex> lock(mutex_);
      if (color_ != "red") return;
      point = get();
    }
    observer(point);
  }

 private:
  std::string color_ = "green";
};
