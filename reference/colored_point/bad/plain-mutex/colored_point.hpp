// The lecture's Lock where it needs RLock: every member locks a plain std::mutex (the
// protected recursive_mutex the API asks for is declared but never used). do_if_red holds
// that mutex when it calls get(), which locks it again on the same thread: a std::mutex is
// not re-entrant, so the thread waits for itself forever, and so does everyone after it.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <utility>

class Point {
 public:
  std::pair<int, int> get() const {
    std::lock_guard<std::mutex> lock(plain_mutex_);
    return {x_, y_};
  }

  void set(int x, int y) {
    std::lock_guard<std::mutex> lock(plain_mutex_);
    x_ = x;
    y_ = y;
  }

  void move_by(int dx, int dy) {
    std::lock_guard<std::mutex> lock(plain_mutex_);
    x_ += dx;
    y_ += dy;
  }

 protected:
  mutable std::recursive_mutex mutex_;  // unused
  mutable std::mutex plain_mutex_;

 private:
  int x_ = 0;
  int y_ = 0;
};

class ColoredPoint : public Point {
 public:
  std::string color() const {
    std::lock_guard<std::mutex> lock(plain_mutex_);
    return color_;
  }

  void set_color(std::string color) {
    std::lock_guard<std::mutex> lock(plain_mutex_);
    color_ = std::move(color);
  }

  void do_if_red(const std::function<void(std::pair<int, int>)>& observer) {
    std::lock_guard<std::mutex> lock(plain_mutex_);
    if (color_ == "red") {
      observer(get());  // get() locks plain_mutex_ again: self-deadlock
    }
  }

 private:
  std::string color_ = "green";
};
