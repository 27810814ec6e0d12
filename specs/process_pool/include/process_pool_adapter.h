// The interface between the hidden `process_pool` driver and a submitted process_map.
//
// The driver (driver/process_pool_test.cpp) never includes the student's process_pool.hpp:
// it is compiled once per flavor and only calls this function. glue/process_pool_glue.cpp
// implements it on top of the student's process_map and is compiled per submission, next to
// process_pool.hpp and process_pool.cpp. The glue catches what process_map throws, because
// only code that sees the student's header can name ChildProcessError.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace process_pool_adapter {

using Function = std::function<std::string(const std::string&)>;

// How one process_map call ended.
struct Outcome {
  enum class Kind {
    kReturned,           // it returned `results`
    kChildProcessError,  // it threw ChildProcessError (or a type derived from it)
    kInvalidArgument,    // it threw std::invalid_argument
    kOtherException,     // it threw anything else
  };
  Kind kind = Kind::kReturned;
  std::vector<std::string> results;  // kReturned only
  std::string what;                  // what() of the exception thrown, if it has one
  std::string type;                  // the exception's type, e.g. "std::runtime_error"
};

// Calls process_map(f, items, processes) and reports how it ended. Never throws.
Outcome ProcessMap(const Function& f, const std::vector<std::string>& items, unsigned processes);

}  // namespace process_pool_adapter
