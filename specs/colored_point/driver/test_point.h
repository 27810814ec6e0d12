// The student's ColoredPoint as the driver's tests see it, shared by the driver's files.
#pragma once

#include <string>
#include <utility>

#include "colored_point_adapter.h"

namespace colored_point_driver {

using Pair = std::pair<int, int>;
using colored_point_adapter::Observer;

// Owns one student ColoredPoint through the adapter.
class TestPoint {
 public:
  TestPoint() : handle_(colored_point_adapter::Create()) {}
  ~TestPoint() { colored_point_adapter::Destroy(handle_); }
  TestPoint(const TestPoint&) = delete;
  TestPoint& operator=(const TestPoint&) = delete;
  Pair Get() const { return colored_point_adapter::Get(handle_); }
  void Set(int x, int y) { colored_point_adapter::Set(handle_, x, y); }
  void MoveBy(int dx, int dy) { colored_point_adapter::MoveBy(handle_, dx, dy); }
  std::string Color() const { return colored_point_adapter::Color(handle_); }
  void SetColor(std::string color) { colored_point_adapter::SetColor(handle_, std::move(color)); }
  void DoIfRed(const Observer& observer) { colored_point_adapter::DoIfRed(handle_, observer); }

 private:
  colored_point_adapter::Handle* handle_;
};

}  // namespace colored_point_driver
