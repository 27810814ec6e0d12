// Reference solution of `process_pool`: the lecture's multiprocessing.Pool.map, with fork and
// pipes. The implementation and its theory of operation are in process_pool.cpp.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

// Thrown by process_map when a worker process ends before it has sent the result of every
// item it was given: killed by a signal, exited with a non-zero status, or f threw. what()
// names the index of the item the worker was computing.
struct ChildProcessError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Returns {f(items[0]), f(items[1]), ...}: every f(items[i]) computed in one of at most
// `processes` worker processes forked for this call, the results in item order.
//
// Each worker is a copy of the calling process made by fork(), so f and the items are there
// without being sent; only the results come back, through one pipe per worker. If the calling
// program has other threads, f runs in a copy that has none of them: it must not need a lock
// that another thread of the caller might have held at the time of the call.
//
// Throws std::invalid_argument when processes == 0, ChildProcessError when a worker fails
// (see above), std::system_error when a pipe or a fork cannot be made. Whether it returns or
// throws, every worker has been waited for and every descriptor it opened is closed.
std::vector<std::string> process_map(const std::function<std::string(const std::string&)>& f,
                                     const std::vector<std::string>& items, unsigned processes);
