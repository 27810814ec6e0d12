// process_pool.hpp: your solution of the `process_pool` exercise, with process_pool.cpp.
//
// Read README.md first. Keep both declarations exactly as they are (the grader calls them);
// you may add includes and other declarations. The work goes in process_pool.cpp.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

// Thrown by process_map when a worker process ends before it has sent the result of every
// item it was given (killed by a signal, exited with a non-zero status, or f threw). Its
// message must name the index of the item the worker was computing.
struct ChildProcessError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Returns {f(items[0]), f(items[1]), ...}, in item order. Every f(items[i]) is computed in
// one of at most `processes` worker processes made with fork() for this call, working at the
// same time. Throws std::invalid_argument when processes == 0, and ChildProcessError when a
// worker fails. Returns or throws only after every worker has been waited for, with every
// descriptor it opened closed again.
std::vector<std::string> process_map(const std::function<std::string(const std::string&)>& f,
                                     const std::vector<std::string>& items, unsigned processes);
