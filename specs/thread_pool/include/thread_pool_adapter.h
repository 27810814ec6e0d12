// The interface between the hidden `thread_pool` driver and a submitted ThreadPoolExecutor.
//
// The driver (driver/*_test.cpp) never includes the student's thread_pool.hpp: it is
// compiled once per flavor and only calls these functions. glue/thread_pool_glue.cpp
// implements them per submission, next to thread_pool.hpp, by instantiating the student's
// submit() and map() templates with the concrete types below. The futures are the
// student's own: submit(std::function<long long()>) must return std::future<long long>, so
// the glue hands it over unchanged and the driver waits on exactly what a user would.
//
// Exceptions pass through untouched: what the constructor, submit(), map() or
// future::get() throws reaches the driver as it was thrown (the tasks the driver submits
// throw the driver's own exception types).
//
// Threading: every function may be called from any thread, concurrently on the same pool;
// whether that is safe is exactly what the driver tests, so the adapter adds no locking.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

namespace thread_pool_adapter {

// Owns one ThreadPoolExecutor. Opaque to the driver.
struct Pool;

// ThreadPoolExecutor(max_workers). The caller owns the pool and passes it to Destroy
// exactly once. Whatever the constructor throws passes through (and nothing is leaked).
Pool* Create(unsigned max_workers);

// Runs ~ThreadPoolExecutor() (which must be shutdown(true)). REQUIRES: no other thread is
// using `pool`.
void Destroy(Pool* pool);

// pool.submit(task), the std::function passed as an lvalue (the pool must copy it: the
// glue's copy is gone when Submit returns).
std::future<long long> Submit(Pool* pool, std::function<long long()> task);

// pool.submit(std::move(task)): a task returning void, passed as an rvalue.
std::future<void> SubmitVoid(Pool* pool, std::function<void()> task);

// pool.submit(function, a, b): a plain function pointer and two arguments.
std::future<long long> SubmitWithArguments(Pool* pool, long long (*function)(long long, long long),
                                           long long a, long long b);

// pool.submit(function, std::move(argument)): a move-only argument and result.
std::future<std::unique_ptr<int>> SubmitMoveOnly(
    Pool* pool, std::unique_ptr<int> (*function)(std::unique_ptr<int>),
    std::unique_ptr<int> argument);

// pool.submit(lambda) where the lambda owns `captured` (a move-only callable) and returns
// *captured + add.
std::future<long long> SubmitMoveOnlyCallable(Pool* pool, std::unique_ptr<int> captured,
                                              long long add);

// pool.map(function, items), `function` passed as a const lvalue: the driver's own object,
// which the driver keeps alive as long as a call of it may still run, even when map()
// returned too early.
std::vector<long long> Map(Pool* pool, const std::function<long long(const long long&)>& function,
                           const std::vector<long long>& items);

// pool.map(function, items) whose result type (std::string) differs from the item type.
std::vector<std::string> MapToString(Pool* pool,
                                     const std::function<std::string(const int&)>& function,
                                     const std::vector<int>& items);

// pool.shutdown(wait).
void Shutdown(Pool* pool, bool wait);

// pool.shutdown(), relying on the default argument.
void ShutdownDefault(Pool* pool);

}  // namespace thread_pool_adapter
