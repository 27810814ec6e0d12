// Adapts the submitted BlockingQueue and ShutDown (blocking_queue.hpp) to
// include/blocking_queue_adapter.h.
//
// Compiled per submission next to the student's header. It holds no test logic: it checks
// the API's shape at compile time, so a wrong signature fails the build with one message
// that says which member is wrong, forwards each adapter call to one member function, and
// turns a thrown ShutDown into Status::kShutDown (the driver cannot name the student's type).
// The checks are concepts (templates) because a requires-expression outside a template
// makes an invalid call a hard error instead of a false condition; each forwarding call is
// guarded by its concept so that the failed static_assert is the only error a student sees.
#include <chrono>
#include <concepts>
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "blocking_queue.hpp"
#include "blocking_queue_adapter.h"

namespace {

using blocking_queue_adapter::Status;
using std::chrono::milliseconds;

template <class Q>
concept ConstructsWithMaxsize = requires(std::size_t maxsize) { Q(maxsize); };

template <class Q, class T>
concept Puts = requires(Q& queue, T item) { queue.put(std::move(item)); };

template <class Q, class T>
concept PutsWithTimeout = requires(Q& queue, T item, milliseconds timeout) {
  { queue.put(std::move(item), timeout) } -> std::same_as<bool>;
};

// A `const T&` parameter would accept the calls above but could only copy the item, which a
// std::unique_ptr forbids: the API takes T by value (T&& moves in too).
template <class Q, class T>
concept PutMovesIn = requires { static_cast<void (Q::*)(T)>(&Q::put); } ||
                     requires { static_cast<void (Q::*)(T&&)>(&Q::put); };

template <class Q, class T>
concept TimedPutMovesIn = requires { static_cast<bool (Q::*)(T, milliseconds)>(&Q::put); } ||
                          requires { static_cast<bool (Q::*)(T&&, milliseconds)>(&Q::put); };

template <class Q, class T>
concept Gets = requires(Q& queue) {
  { queue.get() } -> std::same_as<T>;
};

template <class Q, class T>
concept GetsWithTimeout = requires(Q& queue, milliseconds timeout) {
  { queue.get(timeout) } -> std::same_as<std::optional<T>>;
};

template <class Q>
concept CountsTasks = requires(Q& queue) {
  queue.task_done();
  queue.join();
};

template <class Q>
concept ReadsConstSize = requires(const Q& queue) {
  { queue.qsize() } -> std::same_as<std::size_t>;
  { queue.empty() } -> std::same_as<bool>;
  { queue.full() } -> std::same_as<bool>;
};

template <class Q>
concept ShutsDown = requires(Q& queue) {
  queue.shutdown();
  queue.shutdown(true);
};

using IntQ = BlockingQueue<long long>;
using PtrQ = BlockingQueue<std::unique_ptr<int>>;

static_assert(std::derived_from<ShutDown, std::runtime_error>,
              "blocking_queue.hpp: declare `struct ShutDown : std::runtime_error { using "
              "std::runtime_error::runtime_error; };` (publicly derived from std::runtime_error)");
static_assert(ConstructsWithMaxsize<IntQ> && std::is_default_constructible_v<IntQ>,
              "blocking_queue.hpp: declare the constructor `explicit BlockingQueue(std::size_t "
              "maxsize = 0);` (0 means unbounded; `BlockingQueue<T> queue;` must compile)");
static_assert(Puts<IntQ, long long>,
              "blocking_queue.hpp: declare `void put(T item);` in BlockingQueue");
static_assert(PutsWithTimeout<IntQ, long long>,
              "blocking_queue.hpp: declare `bool put(T item, std::chrono::milliseconds "
              "timeout);` in BlockingQueue (returning bool: false when still full at the "
              "timeout)");
static_assert(Gets<IntQ, long long>,
              "blocking_queue.hpp: declare `T get();` in BlockingQueue (returning the item "
              "itself, by value)");
static_assert(GetsWithTimeout<IntQ, long long>,
              "blocking_queue.hpp: declare `std::optional<T> get(std::chrono::milliseconds "
              "timeout);` in BlockingQueue (std::nullopt when still empty at the timeout)");
static_assert(CountsTasks<IntQ>,
              "blocking_queue.hpp: declare `void task_done();` and `void join();` in "
              "BlockingQueue");
static_assert(ReadsConstSize<IntQ>,
              "blocking_queue.hpp: declare `std::size_t qsize() const;`, `bool empty() const;` "
              "and `bool full() const;` in BlockingQueue (callable on a const queue: a mutex "
              "they lock must then be `mutable`)");
static_assert(ShutsDown<IntQ>,
              "blocking_queue.hpp: declare `void shutdown(bool immediate = false);` in "
              "BlockingQueue (the default argument is part of the API)");
static_assert(PutMovesIn<PtrQ, std::unique_ptr<int>> &&
                  TimedPutMovesIn<PtrQ, std::unique_ptr<int>>,
              "blocking_queue.hpp: both puts must take the item by value, `void put(T item);` "
              "and `bool put(T item, std::chrono::milliseconds timeout);`, so that move-only "
              "items such as std::unique_ptr<int> can be moved in (a `const T&` parameter can "
              "only be copied)");
static_assert(Gets<PtrQ, std::unique_ptr<int>> && GetsWithTimeout<PtrQ, std::unique_ptr<int>> &&
                  PutsWithTimeout<PtrQ, std::unique_ptr<int>>,
              "blocking_queue.hpp: BlockingQueue<std::unique_ptr<int>> must work: T may be "
              "move-only, so move items in and out, never copy them");

// The forwarding calls, as templates so that `if constexpr` really drops a call that would
// not compile (outside a template both branches are compiled).
template <class Q, class T>
Status ForwardPut(Q& queue, T item) {
  if constexpr (Puts<Q, T> && PutMovesIn<Q, T>) {
    try {
      queue.put(std::move(item));
    } catch (const ShutDown&) {
      return Status::kShutDown;
    }
  }
  return Status::kOk;
}

template <class Q, class T>
Status ForwardPutFor(Q& queue, T item, milliseconds timeout) {
  if constexpr (PutsWithTimeout<Q, T> && TimedPutMovesIn<Q, T>) {
    try {
      return queue.put(std::move(item), timeout) ? Status::kOk : Status::kTimedOut;
    } catch (const ShutDown&) {
      return Status::kShutDown;
    }
  } else {
    return Status::kOk;
  }
}

template <class T, class Q>
Status ForwardGet(Q& queue, T* item) {
  if constexpr (Gets<Q, T>) {
    try {
      *item = queue.get();
    } catch (const ShutDown&) {
      return Status::kShutDown;
    }
  }
  return Status::kOk;
}

template <class T, class Q>
Status ForwardGetFor(Q& queue, milliseconds timeout, T* item) {
  if constexpr (GetsWithTimeout<Q, T>) {
    try {
      std::optional<T> got = queue.get(timeout);
      if (!got) return Status::kTimedOut;
      *item = std::move(*got);
    } catch (const ShutDown&) {
      return Status::kShutDown;
    }
  }
  return Status::kOk;
}

template <class Q>
void ForwardTaskDone(Q& queue) {
  if constexpr (CountsTasks<Q>) queue.task_done();
}

template <class Q>
void ForwardJoin(Q& queue) {
  if constexpr (CountsTasks<Q>) queue.join();
}

template <class Q>
std::size_t ForwardQSize(const Q& queue) {
  if constexpr (ReadsConstSize<Q>) {
    return queue.qsize();
  } else {
    return 0;
  }
}

template <class Q>
bool ForwardEmpty(const Q& queue) {
  if constexpr (ReadsConstSize<Q>) {
    return queue.empty();
  } else {
    return false;
  }
}

template <class Q>
bool ForwardFull(const Q& queue) {
  if constexpr (ReadsConstSize<Q>) {
    return queue.full();
  } else {
    return false;
  }
}

template <class Q>
void ForwardShutdown(Q& queue, bool immediate) {
  if constexpr (ShutsDown<Q>) queue.shutdown(immediate);
}

template <class Q>
void ForwardShutdownDefault(Q& queue) {
  if constexpr (ShutsDown<Q>) queue.shutdown();
}

template <class Q>
Q* NewQueue(std::size_t maxsize) {
  if constexpr (ConstructsWithMaxsize<Q>) {
    return new Q(maxsize);
  } else {
    return nullptr;
  }
}

template <class Q>
Q* NewDefaultQueue() {
  if constexpr (std::is_default_constructible_v<Q>) {
    return new Q();
  } else {
    return nullptr;
  }
}

}  // namespace

namespace blocking_queue_adapter {

struct IntQueue {
  explicit IntQueue(IntQ* owned) : queue(owned) {}
  std::unique_ptr<IntQ> queue;
};

struct PtrQueue {
  explicit PtrQueue(PtrQ* owned) : queue(owned) {}
  std::unique_ptr<PtrQ> queue;
};

IntQueue* CreateInt(std::size_t maxsize) { return new IntQueue(NewQueue<IntQ>(maxsize)); }

IntQueue* CreateIntDefault() { return new IntQueue(NewDefaultQueue<IntQ>()); }

void Destroy(IntQueue* queue) { delete queue; }

Status Put(IntQueue* queue, long long item) { return ForwardPut(*queue->queue, item); }

Status PutFor(IntQueue* queue, long long item, milliseconds timeout) {
  return ForwardPutFor(*queue->queue, item, timeout);
}

Status Get(IntQueue* queue, long long* item) { return ForwardGet<long long>(*queue->queue, item); }

Status GetFor(IntQueue* queue, milliseconds timeout, long long* item) {
  return ForwardGetFor<long long>(*queue->queue, timeout, item);
}

void TaskDone(IntQueue* queue) { ForwardTaskDone(*queue->queue); }

void Join(IntQueue* queue) { ForwardJoin(*queue->queue); }

std::size_t QSize(const IntQueue* queue) { return ForwardQSize<IntQ>(*queue->queue); }

bool Empty(const IntQueue* queue) { return ForwardEmpty<IntQ>(*queue->queue); }

bool Full(const IntQueue* queue) { return ForwardFull<IntQ>(*queue->queue); }

void Shutdown(IntQueue* queue, bool immediate) { ForwardShutdown(*queue->queue, immediate); }

void ShutdownDefault(IntQueue* queue) { ForwardShutdownDefault(*queue->queue); }

PtrQueue* CreatePtr(std::size_t maxsize) { return new PtrQueue(NewQueue<PtrQ>(maxsize)); }

void Destroy(PtrQueue* queue) { delete queue; }

Status Put(PtrQueue* queue, std::unique_ptr<int> item) {
  return ForwardPut(*queue->queue, std::move(item));
}

Status PutFor(PtrQueue* queue, std::unique_ptr<int> item, milliseconds timeout) {
  return ForwardPutFor(*queue->queue, std::move(item), timeout);
}

Status Get(PtrQueue* queue, std::unique_ptr<int>* item) {
  return ForwardGet<std::unique_ptr<int>>(*queue->queue, item);
}

Status GetFor(PtrQueue* queue, milliseconds timeout, std::unique_ptr<int>* item) {
  return ForwardGetFor<std::unique_ptr<int>>(*queue->queue, timeout, item);
}

void TaskDone(PtrQueue* queue) { ForwardTaskDone(*queue->queue); }

void Join(PtrQueue* queue) { ForwardJoin(*queue->queue); }

std::size_t QSize(const PtrQueue* queue) { return ForwardQSize<PtrQ>(*queue->queue); }

void Shutdown(PtrQueue* queue, bool immediate) { ForwardShutdown(*queue->queue, immediate); }

}  // namespace blocking_queue_adapter
