// Every access holds the lock, so there is no data race, but each coordinate has its own
// lock hold: get() reads x, unlocks, then locks again to read y, and set() and move_by()
// write x and y in two holds likewise. Another thread's write fits between the two halves,
// so a reader can get x from one set(v, v) and y from another: a torn snapshot.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <utility>

class Point {
 public:
  std::pair<int, int> get() const { return {get_x(), get_y()}; }

  void set(int x, int y) {
    set_x(x);
    set_y(y);
  }

  void move_by(int dx, int dy) {
    set_x(get_x() + dx);
    set_y(get_y() + dy);
  }

 protected:
  mutable std::recursive_mutex mutex_;

 private:
  int get_x() const {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    return x_;
  }

  int get_y() const {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    return y_;
  }

  void set_x(int x) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    x_ = x;
  }

  void set_y(int y) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    y_ = y;
  }

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
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    if (color_ == "red") {
      observer(get());
    }
  }

 private:
  std::string color_ = "green";
};
