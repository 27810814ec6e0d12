// Calling the student's sp::run from the tests, and saying what came back.
//
// Failure messages are read by students: each names the call in words (what the child does,
// which options), what run() returned or threw, what was expected, and what that usually
// means. The child's path and the helper flag are noise to them, so messages describe the
// child instead of quoting its argv.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "subprocess_adapter.h"

namespace subprocess_test {

using subprocess_adapter::Options;
using subprocess_adapter::Outcome;
using subprocess_adapter::Result;
using Duration = std::chrono::steady_clock::duration;

// One call of sp::run through the adapter, and how long it took.
struct Call {
  std::vector<std::string> args;
  Options options;
  Result result;
  Duration elapsed{};
};

// Calls sp::run(args, options), or sp::run(args) when `default_options`.
Call RunTimed(std::vector<std::string> args, Options options = {}, bool default_options = false);

// "{input: 12 bytes, timeout: 500 ms}": the options that differ from the defaults.
std::string DescribeOptions(const Options& options);

// "returned returncode 3, out \"hello\\n\", err \"\"" or "threw sp::TimeoutExpired(...)".
std::string DescribeResult(const Result& result);

// `text` quoted, with control and non-ASCII bytes escaped, cut after `max` bytes.
std::string Printable(std::string_view text, std::size_t max = 60);

// Empty when equal; else the sizes and the first differing byte, for outputs too big to show.
std::string FirstDifference(std::string_view actual, std::string_view expected);

// Seconds with two decimals: "0.52 s".
std::string Seconds(Duration duration);

std::uint64_t GraderSeed();
unsigned GraderThreads();

// Adds a failure unless `call` returned a CompletedProcess; returns whether it did.
// `what` describes the call ("run() of a child that exits with 3").
bool ExpectCompleted(const Call& call, std::string_view what);

// Adds a failure unless `call` returned args, returncode, out and err as given.
void ExpectCompletedWith(const Call& call, std::string_view what, int returncode,
                         std::string_view out, std::string_view err);

// Watches one single-threaded stretch of a test for what run() must not leave behind: zombie
// children and descriptors opened during it and still open. Construct it before the calls.
class Aftermath {
 public:
  Aftermath();

  // Adds a failure naming `what` for every zombie child and every new open descriptor since
  // construction, then reaps those zombies. Returns whether all was clean.
  bool Check(std::string_view what);

 private:
  std::map<int, std::string> descriptors_;
};

}  // namespace subprocess_test
