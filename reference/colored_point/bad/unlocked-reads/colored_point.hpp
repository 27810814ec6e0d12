// The writers lock, the readers do not: get() and color() read the fields while another
// thread may be writing them under the lock. A lock only protects data when every access,
// reads included, holds it; these unlocked reads are data races (and get() can return x
// from one set() and y from the next).
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <utility>

class Point {
 public:
  std::pair<int, int> get() const { return {x_, y_}; }

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
  std::string color() const { return color_; }

  void set_color(std::string color) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    color_ = std::move(color);
  }

  void do_if_red(const std::function<void(std::pair<int, int>)>& observer) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    if (color_ == "red") {
      observer(get());
    }
  }

 private:
  std::string color_ = "green";
};
