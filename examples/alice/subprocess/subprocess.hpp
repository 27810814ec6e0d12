// Reference solution of `subprocess`: the exercise's header, unchanged (run() is in
// subprocess.cpp).
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sp {

// What run() returns once the child has ended.
struct CompletedProcess {
  std::vector<std::string> args;  // the args run() was called with
  int returncode;                 // exit status, or -N when killed by signal N (as Python)
  std::string out;                // captured stdout (empty unless capture_output)
  std::string err;                // captured stderr (empty unless capture_output)
};

struct RunOptions {
  std::optional<std::string> input;                  // written to the child's stdin, then closed
  bool capture_output = true;                        // false: the child writes to our stdout/stderr
  std::optional<std::chrono::milliseconds> timeout;  // kill the child and throw TimeoutExpired
  std::optional<std::string> cwd;                    // the child's working directory
};

// Thrown by run() when options.timeout passed before the child ended; the child (and every
// process of its process group) has been killed and reaped by then.
struct TimeoutExpired : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Runs args[0] with arguments args[1..] (no shell; args[0] is looked up in PATH when it holds
// no '/'), feeds it options.input, waits for it to end and returns what it did.
// Throws std::system_error when the child cannot be started (no such program, not
// executable, options.cwd cannot be entered), TimeoutExpired on timeout.
// Safe to call from many threads at once.
// REQUIRES: !args.empty().
CompletedProcess run(const std::vector<std::string>& args, const RunOptions& options = {});

}  // namespace sp
