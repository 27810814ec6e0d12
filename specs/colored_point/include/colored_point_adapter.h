// The interface between the hidden `colored_point` driver and a submitted ColoredPoint.
//
// The driver (driver/colored_point_test.cpp) never includes the student's colored_point.hpp:
// it is compiled once per flavor and only calls these functions. glue/colored_point_glue.cpp
// implements them on top of the student's classes and is compiled per submission, next to
// colored_point.hpp.
//
// Threading: every function may be called from any thread, concurrently on the same Handle,
// and from inside an observer that DoIfRed is running; whether that is safe is exactly what
// the driver tests, so the adapter adds no locking.
#pragma once

#include <functional>
#include <string>
#include <utility>

namespace colored_point_adapter {

// Owns one default-constructed ColoredPoint. Opaque to the driver.
struct Handle;

// What DoIfRed passes the point to: the driver's observer.
using Observer = std::function<void(std::pair<int, int>)>;

// A new ColoredPoint. The caller owns the handle and passes it to Destroy exactly once.
Handle* Create();

// Destroys the ColoredPoint. REQUIRES: no other thread is using `handle`.
void Destroy(Handle* handle);

// point.get(), called through a const reference.
std::pair<int, int> Get(const Handle* handle);

// point.set(x, y).
void Set(Handle* handle, int x, int y);

// point.move_by(dx, dy).
void MoveBy(Handle* handle, int dx, int dy);

// point.color(), called through a const reference.
std::string Color(const Handle* handle);

// point.set_color(color).
void SetColor(Handle* handle, std::string color);

// point.do_if_red(observer). The observer may call the functions above on the same handle.
void DoIfRed(Handle* handle, const Observer& observer);

}  // namespace colored_point_adapter
