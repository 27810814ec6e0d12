// `grader linearizability`: reading either format, what it prints, and its exit statuses.
#include "linearizability/linearizability_command.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "common/error.h"

namespace grader {
namespace {

const std::filesystem::path kData = std::filesystem::path(GRADER_TEST_DATA) / "data";

std::string ErrorOf(const std::string& model, const std::filesystem::path& file) {
  std::ostringstream out;
  try {
    RunLinearizabilityCommand(model, file, out);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(LinearizabilityCommandTest, LinearizableQueue) {
  std::ostringstream out;
  EXPECT_EQ(RunLinearizabilityCommand("queue", kData / "queue_fifo.jsonl", out), kExitLinearizable);
  EXPECT_EQ(out.str(), "linearizable\n");
}

TEST(LinearizabilityCommandTest, QueueThatLostAnItem) {
  std::ostringstream out;
  EXPECT_EQ(RunLinearizabilityCommand("queue", kData / "queue_lost_item.jsonl", out),
            kExitNotLinearizable);
  EXPECT_EQ(out.str(),
            "not linearizable\n"
            "VOrd: put(1) returned before put(2) was called, so 1 had to leave the queue "
            "first, but get() -> 2 returned and 1 was never got\n"
            "process 0   process 1   process 2\n"
            "put(1) ...\n"
            "... -> ok\n"
            "            put(2) ...\n"
            "                        get() ...\n"
            "            ... -> ok\n"
            "                        ... -> 2   <- first that cannot be linearized\n"
            "get() -> 2 (process 2) cannot be linearized: at that point the queue could hold "
            "[1 2] or [1], so get() could only return 1\n");
}

TEST(LinearizabilityCommandTest, JepsenLogOfAStaleRead) {
  std::ostringstream out;
  EXPECT_EQ(RunLinearizabilityCommand("cas-register", kData / "register_stale_read.log", out),
            kExitNotLinearizable);
  EXPECT_EQ(out.str(),
            "not linearizable\n"
            "process 0     process 1      process 3\n"
            "write(1) ...\n"
            "... -> ok\n"
            "              cas(1, 2) ...\n"
            "              ... -> ok\n"
            "                             read() ...\n"
            "                             ... -> 1    <- first that cannot be linearized\n"
            "read() -> 1 (process 3) cannot be linearized: at that point the register could "
            "hold 2, so read() could only return 2\n");
}

TEST(LinearizabilityCommandTest, UnknownWhenTheBudgetRunsOut) {
  LinearizabilityOptions options;
  options.max_states = 1;
  options.queue_fast_path = false;
  std::ostringstream out;
  EXPECT_EQ(RunLinearizabilityCommand("queue", kData / "queue_fifo.jsonl", out, options),
            kExitLinearizabilityUnknown);
  EXPECT_EQ(out.str(), "unknown: the search reached its limit of 1 configurations\n");
}

TEST(LinearizabilityCommandTest, EmptyFileIsAnEmptyHistory) {
  const auto file = std::filesystem::temp_directory_path() / "grader_lin_empty.log";
  std::ofstream(file).close();
  std::ostringstream out;
  EXPECT_EQ(RunLinearizabilityCommand("register", file, out), kExitLinearizable);
  std::filesystem::remove(file);
}

TEST(LinearizabilityCommandTest, BadInputIsAnInputError) {
  EXPECT_EQ(ErrorOf("queue", kData / "bad_function.jsonl"),
            (kData / "bad_function.jsonl").string() +
                ":3: the queue model has no operation 'pop' (it has put/enqueue and "
                "get/dequeue)");
  EXPECT_EQ(
      ErrorOf("queue", kData / "missing.jsonl"),
      (kData / "missing.jsonl").string() + ": cannot read the history: No such file or directory");
  EXPECT_EQ(ErrorOf("stack", kData / "queue_fifo.jsonl"),
            "unknown model 'stack' (known models: queue, register, cas-register, kv)");
  // A Jepsen log read as a queue: the model names the line.
  EXPECT_EQ(ErrorOf("queue", kData / "register_stale_read.log"),
            (kData / "register_stale_read.log").string() +
                ":1: the queue model has no operation 'write' (it has put/enqueue and "
                "get/dequeue)");
}

}  // namespace
}  // namespace grader
