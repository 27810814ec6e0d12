// Hidden driver of the `subprocess` exercise, part 4: descriptors (test `descriptors`).
//
// The child must start with exactly 0, 1 and 2 open, as with Python's close_fds=True: none
// of run()'s own pipe ends, and none of the parent's other descriptors, not even one the
// parent opened without O_CLOEXEC. A descriptor that leaks into a child keeps a pipe open
// (a reader then waits for an EOF that never comes) and hands the child files it should not
// have.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "child_helpers.h"
#include "process_probe.h"
#include "run_check.h"

namespace subprocess_test {
namespace {

// Descriptors opened without O_CLOEXEC, as a careless part of a program would: they survive
// exec unless the child closes them.
class InheritableDescriptors {
 public:
  InheritableDescriptors() {
    const int null = open("/dev/null", O_RDONLY);
    int ends[2] = {-1, -1};
    if (pipe(ends) != 0) ends[0] = ends[1] = -1;
    const int high = null >= 0 ? dup2(null, 100) : -1;
    for (const int fd : {null, ends[0], ends[1], high}) {
      if (fd >= 0) fds_.push_back(fd);
    }
  }
  ~InheritableDescriptors() {
    for (const int fd : fds_) close(fd);
  }
  InheritableDescriptors(const InheritableDescriptors&) = delete;
  InheritableDescriptors& operator=(const InheritableDescriptors&) = delete;

  bool Holds(int fd) const { return std::find(fds_.begin(), fds_.end(), fd) != fds_.end(); }
  std::size_t size() const { return fds_.size(); }

 private:
  std::vector<int> fds_;
};

// Parses the `fds` helper's listing ("N -> TARGET" lines) into descriptor -> target.
std::map<int, std::string> ParseListing(const std::string& listing) {
  std::map<int, std::string> fds;
  std::istringstream lines(listing);
  for (std::string line; std::getline(lines, line);) {
    const std::size_t arrow = line.find(" -> ");
    if (arrow == std::string::npos) continue;
    fds[std::stoi(line.substr(0, arrow))] = line.substr(arrow + 4);
  }
  return fds;
}

// Adds a failure unless the child's `listing` holds only 0, 1 and 2.
void ExpectOnlyStdio(const std::string& listing, const InheritableDescriptors& inheritable,
                     std::string_view what) {
  const std::map<int, std::string> fds = ParseListing(listing);
  if (fds.empty()) {
    ADD_FAILURE() << what << ": the child listed no descriptor at all: " << Printable(listing);
    return;
  }
  std::string from_test;  // descriptors the test opened without O_CLOEXEC
  std::string from_run;   // any other: run()'s own
  for (const auto& [fd, target] : fds) {
    if (fd <= 2) continue;
    std::string& list = inheritable.Holds(fd) ? from_test : from_run;
    list += (list.empty() ? "" : ", ") + std::to_string(fd) + " (" + target + ")";
  }
  if (!from_run.empty()) {
    ADD_FAILURE() << what << ": the child has descriptor(s) " << from_run
                  << " open, which run() itself must have opened (pipe ends?): create "
                     "descriptors with O_CLOEXEC (pipe2(fds, O_CLOEXEC)), and in the child close "
                     "every descriptor but 0, 1 and 2 before exec";
  }
  if (!from_test.empty()) {
    ADD_FAILURE() << what << ": the child has descriptor(s) " << from_test
                  << " open, which the test program opened without O_CLOEXEC. Close every "
                     "descriptor but 0, 1 and 2 in the child before exec, as Python's "
                     "close_fds=True does (close_range(3, ~0U, 0))";
  }
}

TEST(SubprocessDescriptors, ChildGetsOnlyStdinStdoutAndStderr) {
  InheritableDescriptors inheritable;
  ASSERT_EQ(inheritable.size(), 4u) << "the test could not open its own descriptors";
  const std::string what =
      "run() of a child that lists its open descriptors, with input and capture_output";
  Aftermath aftermath;
  Options options;
  options.input = "some input";
  const Call call = RunTimed(HelperArgs("fds"), options);
  if (ExpectCompleted(call, what)) ExpectOnlyStdio(call.result.out, inheritable, what);
  aftermath.Check(what);
}

TEST(SubprocessDescriptors, ChildGetsOnlyStdioWithoutPipes) {
  InheritableDescriptors inheritable;
  ASSERT_EQ(inheritable.size(), 4u) << "the test could not open its own descriptors";
  TempDir dir;
  const std::filesystem::path listing_file = dir.path() / "fds";
  const std::string what =
      "run() of a child that lists its open descriptors into a file, with capture_output false "
      "and no input";
  Aftermath aftermath;
  Options options;
  options.capture_output = false;
  const Call call = RunTimed(HelperArgs("fds", {listing_file.string()}), options);
  if (ExpectCompleted(call, what)) {
    std::ifstream file(listing_file);
    const std::string listing((std::istreambuf_iterator<char>(file)), {});
    ExpectOnlyStdio(listing, inheritable, what);
  }
  aftermath.Check(what);
}

TEST(SubprocessDescriptors, ManyCallsLeaveNoDescriptorBehind) {
  TempDir dir;
  const std::string what =
      "40 calls of run(): children that succeed, take input, die of a signal, or are missing";
  Aftermath aftermath;
  for (int i = 0; i < 40; ++i) {
    Options options;
    std::vector<std::string> args;
    switch (i % 4) {
      case 0:
        args = HelperArgs("exit", {"1", "out", "err"});
        break;
      case 1:
        options.input = std::string(200'000, 'x');
        args = HelperArgs("tee");
        break;
      case 2:
        options.timeout = std::chrono::milliseconds(20'000);  // does not expire
        args = HelperArgs("signal", {"9"});
        break;
      default:
        args = {(dir.path() / "missing").string()};
        break;
    }
    RunTimed(args, options);
  }
  aftermath.Check(what);
}

}  // namespace
}  // namespace subprocess_test
