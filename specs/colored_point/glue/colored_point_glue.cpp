// Adapts the submitted Point and ColoredPoint (colored_point.hpp) to
// include/colored_point_adapter.h.
//
// Compiled per submission next to the student's header. It holds no test logic: it checks
// the API's shape at compile time, so a wrong signature fails the build with one message
// that says which member is wrong, and forwards each adapter call to one member function.
// The checks are concepts (templates) because a requires-expression outside a template
// makes an invalid call a hard error instead of a false condition; each forwarding call is
// guarded by its concept so that the failed static_assert is the only error a student sees.
#include <concepts>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>

#include "colored_point.hpp"
#include "colored_point_adapter.h"

namespace {

using colored_point_adapter::Observer;

template <class P>
concept ReadsConstPoint = requires(const P& point) {
  { point.get() } -> std::same_as<std::pair<int, int>>;
};

// Braces make a narrowing conversion ill-formed, so these only hold when the parameters
// take an int without losing range (a short or a char would silently truncate).
template <class P>
concept SetsIntPoint = requires(P& point, int x, int y) {
  point.set({x}, {y});
};

template <class P>
concept MovesByInts = requires(P& point, int dx, int dy) {
  point.move_by({dx}, {dy});
};

template <class C>
concept ReadsConstColor = requires(const C& point) {
  { point.color() } -> std::same_as<std::string>;
};

template <class C>
concept SetsColor = requires(C& point, std::string color) {
  point.set_color(color);
};

template <class C>
concept DoesIfRed = requires(C& point, const Observer& observer) {
  point.do_if_red(observer);
};

template <class P>
concept PublicMutex = requires(P& point) {
  point.mutex_;
};

// Point's mutex_ is protected, so only a class derived from Point can name it. A
// non-static data member of type std::recursive_mutex, lockable through a const object
// (that is, `mutable`), is what the API fixes. The checks of its type and of `mutable`
// hold vacuously when there is no mutex_ at all, so a missing one gets one message.
template <class P>
struct MutexProbe : P {
  static constexpr bool Named() {
    return requires { &MutexProbe::mutex_; };
  }

  static constexpr bool Recursive() {
    if constexpr (requires { &MutexProbe::mutex_; }) {
      return std::is_member_object_pointer_v<decltype(&MutexProbe::mutex_)> &&
             std::is_same_v<decltype(MutexProbe::mutex_), std::recursive_mutex>;
    } else {
      return false;
    }
  }

  static constexpr bool LockableWhenConst() {
    return requires(const MutexProbe& probe) { probe.mutex_.lock(); };
  }
};

static_assert(std::is_default_constructible_v<ColoredPoint>,
              "colored_point.hpp: ColoredPoint must be default-constructible (`ColoredPoint "
              "point;` starts at (0, 0), colored \"green\")");
static_assert(std::derived_from<ColoredPoint, Point>,
              "colored_point.hpp: declare `class ColoredPoint : public Point` (a public base, "
              "so that a ColoredPoint is a Point)");
static_assert(ReadsConstPoint<Point>,
              "colored_point.hpp: declare `std::pair<int, int> get() const;` in Point (callable "
              "on a const Point, returning std::pair<int, int>)");
static_assert(SetsIntPoint<Point>,
              "colored_point.hpp: declare `void set(int x, int y);` in Point (two int "
              "parameters, not a narrower type)");
static_assert(MovesByInts<Point>,
              "colored_point.hpp: declare `void move_by(int dx, int dy);` in Point (two int "
              "parameters, not a narrower type)");
static_assert(ReadsConstColor<ColoredPoint>,
              "colored_point.hpp: declare `std::string color() const;` in ColoredPoint "
              "(callable on a const ColoredPoint, returning std::string)");
static_assert(SetsColor<ColoredPoint>,
              "colored_point.hpp: declare `void set_color(std::string color);` in ColoredPoint");
static_assert(DoesIfRed<ColoredPoint>,
              "colored_point.hpp: declare `void do_if_red(const std::function<void(std::pair<int, "
              "int>)>& observer);` in ColoredPoint");
static_assert(MutexProbe<Point>::Named(),
              "colored_point.hpp: Point needs the member `mutable std::recursive_mutex mutex_;` "
              "under `protected:`, so that ColoredPoint locks the same mutex");
static_assert(!PublicMutex<Point>,
              "colored_point.hpp: Point::mutex_ must be `protected:`, not public");
static_assert(!MutexProbe<Point>::Named() || MutexProbe<Point>::Recursive(),
              "colored_point.hpp: Point::mutex_ must be a non-static `std::recursive_mutex` "
              "(the lecture's RLock): do_if_red holds it while the observer calls get() and "
              "set(), which lock it again");
static_assert(!MutexProbe<Point>::Named() || MutexProbe<Point>::LockableWhenConst(),
              "colored_point.hpp: declare Point::mutex_ `mutable`, so that the const members "
              "get() and color() can lock it");

// The forwarding calls, as templates so that `if constexpr` really drops a call that would
// not compile (outside a template both branches are compiled).
template <class P>
std::pair<int, int> ForwardGet(const P& point) {
  if constexpr (ReadsConstPoint<P>) {
    return point.get();
  } else {
    return {0, 0};
  }
}

template <class P>
void ForwardSet(P& point, int x, int y) {
  if constexpr (SetsIntPoint<P>) point.set(x, y);
}

template <class P>
void ForwardMoveBy(P& point, int dx, int dy) {
  if constexpr (MovesByInts<P>) point.move_by(dx, dy);
}

template <class C>
std::string ForwardColor(const C& point) {
  if constexpr (ReadsConstColor<C>) {
    return point.color();
  } else {
    return "";
  }
}

template <class C>
void ForwardSetColor(C& point, std::string color) {
  if constexpr (SetsColor<C>) point.set_color(std::move(color));
}

template <class C>
void ForwardDoIfRed(C& point, const Observer& observer) {
  if constexpr (DoesIfRed<C>) point.do_if_red(observer);
}

}  // namespace

namespace colored_point_adapter {

struct Handle {
  ColoredPoint point;
};

Handle* Create() { return new Handle(); }

void Destroy(Handle* handle) { delete handle; }

std::pair<int, int> Get(const Handle* handle) { return ForwardGet(handle->point); }

void Set(Handle* handle, int x, int y) { ForwardSet(handle->point, x, y); }

void MoveBy(Handle* handle, int dx, int dy) { ForwardMoveBy(handle->point, dx, dy); }

std::string Color(const Handle* handle) { return ForwardColor(handle->point); }

void SetColor(Handle* handle, std::string color) {
  ForwardSetColor(handle->point, std::move(color));
}

void DoIfRed(Handle* handle, const Observer& observer) { ForwardDoIfRed(handle->point, observer); }

}  // namespace colored_point_adapter
