// The interface between the hidden `blocking_queue` driver and a submitted BlockingQueue.
//
// The driver (driver/*_test.cpp) never includes the student's blocking_queue.hpp: it is
// compiled once per flavor and only calls these functions. glue/blocking_queue_glue.cpp
// implements them on top of BlockingQueue<long long> and BlockingQueue<std::unique_ptr<int>>
// and is compiled per submission, next to blocking_queue.hpp.
//
// The student's ShutDown type is unknown to the driver, so the calls that may throw it
// return a Status instead: the glue catches exactly ShutDown (and what derives from it).
// Every other exception, std::logic_error from task_done() included, passes through.
//
// Threading: every function may be called from any thread, concurrently on the same queue;
// whether that is safe is exactly what the driver tests, so the adapter adds no locking.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>

namespace blocking_queue_adapter {

// What a call that may block or throw ShutDown did.
enum class Status {
  kOk,        // it took effect: the item was put, or got into *item
  kTimedOut,  // the timed put() returned false, or the timed get() returned std::nullopt
  kShutDown,  // it threw ShutDown
};

// Owns one BlockingQueue<long long>. Opaque to the driver.
struct IntQueue;

// Owns one BlockingQueue<std::unique_ptr<int>>. Opaque to the driver.
struct PtrQueue;

// BlockingQueue<long long>(maxsize). The caller owns the queue and passes it to Destroy
// exactly once.
IntQueue* CreateInt(std::size_t maxsize);

// BlockingQueue<long long>(), relying on the default argument.
IntQueue* CreateIntDefault();

// REQUIRES: no other thread is using `queue`.
void Destroy(IntQueue* queue);

// queue.put(item): kOk or kShutDown.
Status Put(IntQueue* queue, long long item);

// queue.put(item, timeout): kOk (true), kTimedOut (false) or kShutDown.
Status PutFor(IntQueue* queue, long long item, std::chrono::milliseconds timeout);

// queue.get(), into *item: kOk or kShutDown.
Status Get(IntQueue* queue, long long* item);

// queue.get(timeout), into *item: kOk, kTimedOut (std::nullopt) or kShutDown.
Status GetFor(IntQueue* queue, std::chrono::milliseconds timeout, long long* item);

// queue.task_done(); whatever it throws passes through.
void TaskDone(IntQueue* queue);

// queue.join().
void Join(IntQueue* queue);

// queue.qsize(), queue.empty(), queue.full(), each called through a const reference.
std::size_t QSize(const IntQueue* queue);
bool Empty(const IntQueue* queue);
bool Full(const IntQueue* queue);

// queue.shutdown(immediate).
void Shutdown(IntQueue* queue, bool immediate);

// queue.shutdown(), relying on the default argument.
void ShutdownDefault(IntQueue* queue);

// The same for BlockingQueue<std::unique_ptr<int>>, which holds a move-only type.
PtrQueue* CreatePtr(std::size_t maxsize);
void Destroy(PtrQueue* queue);
Status Put(PtrQueue* queue, std::unique_ptr<int> item);
Status PutFor(PtrQueue* queue, std::unique_ptr<int> item, std::chrono::milliseconds timeout);
Status Get(PtrQueue* queue, std::unique_ptr<int>* item);
Status GetFor(PtrQueue* queue, std::chrono::milliseconds timeout, std::unique_ptr<int>* item);
void TaskDone(PtrQueue* queue);
void Join(PtrQueue* queue);
std::size_t QSize(const PtrQueue* queue);
void Shutdown(PtrQueue* queue, bool immediate);

}  // namespace blocking_queue_adapter
