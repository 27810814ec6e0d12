// Adapts the submitted ThreadPoolExecutor (thread_pool.hpp) to include/thread_pool_adapter.h.
//
// Compiled per submission next to the student's header. It holds no test logic: it checks
// the API's shape at compile time, so a wrong signature fails the build with one message
// that says which member is wrong, and forwards each adapter call to one member function.
// submit() and map() are templates, so the glue instantiates them here with the concrete
// types the adapter names; the futures they return go to the driver unchanged.
// The checks are concepts (templates) because a requires-expression outside a template
// makes an invalid call a hard error instead of a false condition; each forwarding call is
// guarded by its concept so that the failed static_assert is the only error a student sees.
// A concept sees only a declaration: if submit()'s body cannot pass a move-only argument on
// (it copies the arguments, or calls f with them as lvalues, as std::bind does), the error
// comes from inside <future> or <functional>, naming std::unique_ptr<int>; the README tells
// students what it means.
#include <concepts>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "thread_pool.hpp"
#include "thread_pool_adapter.h"

namespace {

using LongTask = std::function<long long()>;
using VoidTask = std::function<void()>;
using Binary = long long (*)(long long, long long);
using PtrFunction = std::unique_ptr<int> (*)(std::unique_ptr<int>);
using LongMapper = std::function<long long(const long long&)>;
using StringMapper = std::function<std::string(const int&)>;

// A move-only callable: it owns its data, as a lambda capturing a std::unique_ptr does.
struct OwningTask {
  std::unique_ptr<int> value;
  long long add;
  long long operator()() const { return *value + add; }
};

template <class P>
concept ConstructsWithMaxWorkers = requires(unsigned max_workers) { P(max_workers); };

template <class P>
concept SubmitsCallable = requires(P& pool, LongTask& task) {
  { pool.submit(task) } -> std::same_as<std::future<long long>>;
};

template <class P>
concept SubmitsVoidTask = requires(P& pool, VoidTask task) {
  { pool.submit(std::move(task)) } -> std::same_as<std::future<void>>;
};

template <class P>
concept SubmitsWithArguments = requires(P& pool, Binary function, long long a, long long b) {
  { pool.submit(function, a, b) } -> std::same_as<std::future<long long>>;
};

template <class P>
concept SubmitsMoveOnly = requires(P& pool, PtrFunction function, std::unique_ptr<int> argument) {
  { pool.submit(function, std::move(argument)) } -> std::same_as<std::future<std::unique_ptr<int>>>;
};

template <class P>
concept SubmitsMoveOnlyCallable = requires(P& pool, OwningTask task) {
  { pool.submit(std::move(task)) } -> std::same_as<std::future<long long>>;
};

template <class P>
concept Maps = requires(P& pool, const LongMapper& function,
                        const std::vector<long long>& items) {
  { pool.map(function, items) } -> std::same_as<std::vector<long long>>;
};

template <class P>
concept MapsToOtherType = requires(P& pool, const StringMapper& function,
                                  const std::vector<int>& items) {
  { pool.map(function, items) } -> std::same_as<std::vector<std::string>>;
};

template <class P>
concept ShutsDown = requires(P& pool) {
  pool.shutdown();
  pool.shutdown(false);
};

using Executor = ThreadPoolExecutor;

static_assert(ConstructsWithMaxWorkers<Executor>,
              "thread_pool.hpp: declare the constructor `explicit ThreadPoolExecutor(unsigned "
              "max_workers);`");
static_assert(std::is_destructible_v<Executor>,
              "thread_pool.hpp: ThreadPoolExecutor needs a public destructor "
              "`~ThreadPoolExecutor();` (it does shutdown(true))");
static_assert(SubmitsCallable<Executor>,
              "thread_pool.hpp: declare `template <class F, class... Args> auto submit(F&& f, "
              "Args&&... args) -> std::future<std::invoke_result_t<F, Args...>>;` "
              "(submit(task) with a std::function<long long()> must return "
              "std::future<long long>)");
static_assert(SubmitsVoidTask<Executor>,
              "thread_pool.hpp: submit() of a task returning void must return "
              "std::future<void> (declare the return type as "
              "std::future<std::invoke_result_t<F, Args...>>)");
static_assert(SubmitsWithArguments<Executor>,
              "thread_pool.hpp: submit(f, args...) must accept arguments after the callable: "
              "`template <class F, class... Args> auto submit(F&& f, Args&&... args)`; "
              "submit(function, 1LL, 2LL) must return std::future<long long>");
static_assert(SubmitsMoveOnly<Executor>,
              "thread_pool.hpp: submit(f, std::move(ptr)) with a std::unique_ptr<int> argument "
              "and result must compile and return std::future<std::unique_ptr<int>> (take the "
              "arguments as forwarding references, Args&&...)");
static_assert(SubmitsMoveOnlyCallable<Executor>,
              "thread_pool.hpp: submit(std::move(callable)) must accept a move-only callable "
              "(a lambda that owns a std::unique_ptr) and return std::future of its result");
static_assert(Maps<Executor>,
              "thread_pool.hpp: declare `template <class F, class T> auto map(F&& f, const "
              "std::vector<T>& items) -> std::vector<std::invoke_result_t<F, const T&>>;` "
              "(map(f, items) with a std::vector<long long> must return "
              "std::vector<long long>)");
static_assert(MapsToOtherType<Executor>,
              "thread_pool.hpp: map()'s result type must be the function's, not the items': "
              "map(f, items) with f(const int&) -> std::string must return "
              "std::vector<std::string> (std::vector<std::invoke_result_t<F, const T&>>)");
static_assert(ShutsDown<Executor>,
              "thread_pool.hpp: declare `void shutdown(bool wait = true);` (the default "
              "argument is part of the API)");

// The forwarding calls, as templates so that `if constexpr` really drops a call that would
// not compile (outside a template both branches are compiled).
template <class P>
std::future<long long> ForwardSubmit(P& pool, LongTask& task) {
  if constexpr (SubmitsCallable<P>) {
    return pool.submit(task);
  } else {
    return {};
  }
}

template <class P>
std::future<void> ForwardSubmitVoid(P& pool, VoidTask task) {
  if constexpr (SubmitsVoidTask<P>) {
    return pool.submit(std::move(task));
  } else {
    return {};
  }
}

template <class P>
std::future<long long> ForwardSubmitWithArguments(P& pool, Binary function, long long a,
                                                  long long b) {
  if constexpr (SubmitsWithArguments<P>) {
    return pool.submit(function, a, b);
  } else {
    return {};
  }
}

// The submit() that must move its argument into the task and the result out of it.
template <class P>
std::future<std::unique_ptr<int>> ForwardSubmitMoveOnly(P& pool, PtrFunction function,
                                                        std::unique_ptr<int> argument) {
  if constexpr (SubmitsMoveOnly<P>) {
    return pool.submit(function, std::move(argument));
  } else {
    return {};
  }
}

// The submit() that must move a move-only callable into the task.
template <class P>
std::future<long long> ForwardSubmitMoveOnlyCallable(P& pool, OwningTask task) {
  if constexpr (SubmitsMoveOnlyCallable<P>) {
    return pool.submit(std::move(task));
  } else {
    return {};
  }
}

template <class P>
std::vector<long long> ForwardMap(P& pool, const LongMapper& function,
                                  const std::vector<long long>& items) {
  if constexpr (Maps<P>) {
    return pool.map(function, items);
  } else {
    return {};
  }
}

template <class P>
std::vector<std::string> ForwardMapToString(P& pool, const StringMapper& function,
                                            const std::vector<int>& items) {
  if constexpr (MapsToOtherType<P>) {
    return pool.map(function, items);
  } else {
    return {};
  }
}

template <class P>
void ForwardShutdown(P& pool, bool wait) {
  if constexpr (ShutsDown<P>) pool.shutdown(wait);
}

template <class P>
void ForwardShutdownDefault(P& pool) {
  if constexpr (ShutsDown<P>) pool.shutdown();
}

template <class P>
P* NewExecutor(unsigned max_workers) {
  if constexpr (ConstructsWithMaxWorkers<P>) {
    return new P(max_workers);
  } else {
    return nullptr;
  }
}

}  // namespace

namespace thread_pool_adapter {

struct Pool {
  std::unique_ptr<Executor> executor;
};

Pool* Create(unsigned max_workers) {
  auto pool = std::make_unique<Pool>();
  pool->executor.reset(NewExecutor<Executor>(max_workers));
  return pool.release();
}

void Destroy(Pool* pool) { delete pool; }

std::future<long long> Submit(Pool* pool, std::function<long long()> task) {
  return ForwardSubmit(*pool->executor, task);
}

std::future<void> SubmitVoid(Pool* pool, std::function<void()> task) {
  return ForwardSubmitVoid(*pool->executor, std::move(task));
}

std::future<long long> SubmitWithArguments(Pool* pool, long long (*function)(long long, long long),
                                           long long a, long long b) {
  return ForwardSubmitWithArguments(*pool->executor, function, a, b);
}

std::future<std::unique_ptr<int>> SubmitMoveOnly(
    Pool* pool, std::unique_ptr<int> (*function)(std::unique_ptr<int>),
    std::unique_ptr<int> argument) {
  return ForwardSubmitMoveOnly(*pool->executor, function, std::move(argument));
}

std::future<long long> SubmitMoveOnlyCallable(Pool* pool, std::unique_ptr<int> captured,
                                              long long add) {
  return ForwardSubmitMoveOnlyCallable(*pool->executor, OwningTask{std::move(captured), add});
}

std::vector<long long> Map(Pool* pool, const std::function<long long(const long long&)>& function,
                           const std::vector<long long>& items) {
  return ForwardMap(*pool->executor, function, items);
}

std::vector<std::string> MapToString(Pool* pool,
                                     const std::function<std::string(const int&)>& function,
                                     const std::vector<int>& items) {
  return ForwardMapToString(*pool->executor, function, items);
}

void Shutdown(Pool* pool, bool wait) { ForwardShutdown(*pool->executor, wait); }

void ShutdownDefault(Pool* pool) { ForwardShutdownDefault(*pool->executor); }

}  // namespace thread_pool_adapter
