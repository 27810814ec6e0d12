// The interface between the hidden `subprocess` driver and a submitted sp::run.
//
// The driver (driver/*.cpp) never includes the student's subprocess.hpp: it is compiled once
// per flavor and only calls Run() below. glue/subprocess_glue.cpp implements it on top of the
// student's sp::run and is compiled per submission, next to subprocess.hpp and subprocess.cpp.
// The types here mirror sp::RunOptions and sp::CompletedProcess field by field, and every
// exception sp::run throws comes back as a value (Outcome), so the driver can say what came
// back instead of dying of an uncaught exception.
//
// Threading: Run may be called from any number of threads at once; whether sp::run is safe
// under that is exactly what the driver tests, so the adapter adds no locking.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace subprocess_adapter {

// sp::RunOptions, field by field.
struct Options {
  std::optional<std::string> input;
  bool capture_output = true;
  std::optional<std::chrono::milliseconds> timeout;
  std::optional<std::string> cwd;
};

// How a call of sp::run ended.
enum class Outcome {
  kCompleted,       // returned a CompletedProcess
  kTimeoutExpired,  // threw sp::TimeoutExpired
  kSystemError,     // threw std::system_error (or a class derived from it)
  kOtherException,  // threw another std::exception
  kUnknownThrow,    // threw something that is not a std::exception
};

struct Result {
  Outcome outcome = Outcome::kCompleted;
  // kCompleted: sp::CompletedProcess, field by field.
  std::vector<std::string> args;
  int returncode = 0;
  std::string out;
  std::string err;
  // Exceptions: what() (empty for kUnknownThrow), and for kSystemError its code.
  std::string what;
  int error_value = 0;
  std::string error_category;  // code().category().name(): "system", "generic", ...
};

// Calls sp::run(args, options) and reports how it ended. When `default_options` is true it
// calls sp::run(args) instead, relying on the default argument, and ignores `options`.
Result Run(const std::vector<std::string>& args, const Options& options,
           bool default_options = false);

// The fields of a default-constructed sp::RunOptions.
Options DefaultOptions();

}  // namespace subprocess_adapter
