// The interface between the hidden `counter` driver and a submitted Counter.
//
// The driver (driver/counter_test.cpp) never includes the student's counter.hpp: it is
// compiled once per flavor and only calls these functions. glue/counter_glue.cpp implements
// them on top of the student's class and is compiled per submission, next to counter.hpp.
//
// Threading: every function may be called from any thread, concurrently on the same Handle;
// whether that is safe is exactly what the driver tests, so the adapter adds no locking.
#pragma once

namespace counter_adapter {

// Owns one default-constructed Counter. Opaque to the driver.
struct Handle;

// A new Counter. The caller owns the handle and passes it to Destroy exactly once.
Handle* Create();

// Destroys the Counter. REQUIRES: no other thread is using `handle`.
void Destroy(Handle* handle);

// counter.increment(by).
void Increment(Handle* handle, long long by);

// counter.increment(), relying on the default argument.
void IncrementByDefault(Handle* handle);

// counter.increment_if_below(limit).
bool IncrementIfBelow(Handle* handle, long long limit);

// counter.value(), called through a const reference.
long long Value(const Handle* handle);

}  // namespace counter_adapter
