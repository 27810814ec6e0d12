// Adapts the submitted Counter (counter.hpp) to include/counter_adapter.h.
//
// Compiled per submission next to the student's header. It holds no test logic: it checks
// the API's shape at compile time, so a wrong signature fails the build with one message
// that says which member is wrong, and forwards each adapter call to one member function.
// The checks are concepts (templates) because a requires-expression outside a template
// makes an invalid call a hard error instead of a false condition; each forwarding call is
// guarded by its concept so that the failed static_assert is the only error a student sees.
#include <concepts>
#include <type_traits>

#include "counter.hpp"
#include "counter_adapter.h"

namespace {

template <class C>
concept IncrementsByDefault = requires(C& counter) {
  counter.increment();
};

// Braces make a narrowing conversion ill-formed, so this only holds when increment accepts
// a long long without losing range (a parameter of type int would silently truncate).
template <class C>
concept IncrementsByLongLong = requires(C& counter, long long by) {
  counter.increment({by});
};

template <class C>
concept IncrementsIfBelow = requires(C& counter, long long limit) {
  { counter.increment_if_below({limit}) } -> std::same_as<bool>;
};

template <class C>
concept ReadsConstValue = requires(const C& counter) {
  { counter.value() } -> std::same_as<long long>;
};

static_assert(std::is_default_constructible_v<Counter>,
              "counter.hpp: Counter must be default-constructible (`Counter counter;` starts "
              "at 0)");
static_assert(IncrementsByDefault<Counter>,
              "counter.hpp: `counter.increment()` must compile: declare "
              "`void increment(long long by = 1);` (the default argument is part of the API)");
static_assert(IncrementsByLongLong<Counter>,
              "counter.hpp: Counter::increment must take a `long long by`, not a narrower type");
static_assert(IncrementsIfBelow<Counter>,
              "counter.hpp: declare `bool increment_if_below(long long limit);` "
              "(a long long parameter, returning bool)");
static_assert(ReadsConstValue<Counter>,
              "counter.hpp: declare `long long value() const;` (callable on a const Counter, "
              "returning long long; a mutex it locks must then be `mutable`)");

// The forwarding calls, as templates so that `if constexpr` really drops a call that would
// not compile (outside a template both branches are compiled).
template <class C>
void ForwardIncrement(C& counter, long long by) {
  if constexpr (IncrementsByLongLong<C>) counter.increment(by);
}

template <class C>
void ForwardIncrementByDefault(C& counter) {
  if constexpr (IncrementsByDefault<C>) counter.increment();
}

template <class C>
bool ForwardIncrementIfBelow(C& counter, long long limit) {
  if constexpr (IncrementsIfBelow<C>) {
    return counter.increment_if_below(limit);
  } else {
    return false;
  }
}

template <class C>
long long ForwardValue(const C& counter) {
  if constexpr (ReadsConstValue<C>) {
    return counter.value();
  } else {
    return 0;
  }
}

}  // namespace

namespace counter_adapter {

struct Handle {
  Counter counter;
};

Handle* Create() { return new Handle(); }

void Destroy(Handle* handle) { delete handle; }

void Increment(Handle* handle, long long by) { ForwardIncrement(handle->counter, by); }

void IncrementByDefault(Handle* handle) { ForwardIncrementByDefault(handle->counter); }

bool IncrementIfBelow(Handle* handle, long long limit) {
  return ForwardIncrementIfBelow(handle->counter, limit);
}

long long Value(const Handle* handle) { return ForwardValue(handle->counter); }

}  // namespace counter_adapter
