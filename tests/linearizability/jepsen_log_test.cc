// Jepsen's text log: events pair into operations; fail drops, info and open calls are
// pending; bad lines are named by file:line.
#include "linearizability/jepsen_log.h"

#include <sstream>

#include <gtest/gtest.h>

#include "common/error.h"
#include "history_maker.h"

namespace grader {
namespace {

History Parse(const std::string& text) {
  std::istringstream in(text);
  return ParseJepsenLog(in, "h.log");
}

std::string ErrorOf(const std::string& text) {
  try {
    Parse(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(JepsenLogTest, PairsInvokeWithItsCompletion) {
  const History history = Parse(
      "INFO  jepsen.util - 0\t:invoke\t:read\tnil\n"
      "INFO  jepsen.util - 1\t:invoke\t:write\t4\n"
      "INFO  jepsen.util - 0\t:ok\t:read\t3\n"
      "INFO  jepsen.util - 1\t:ok\t:write\t4\n");
  ASSERT_EQ(history.ops.size(), 2u);
  EXPECT_EQ(history.source, "h.log");
  const Operation& read = history.ops[0];
  EXPECT_EQ(read.process, 0);
  EXPECT_EQ(read.f, "read");
  EXPECT_TRUE(read.input.is_nil());
  EXPECT_EQ(read.output, V(3));
  EXPECT_FALSE(read.pending);
  EXPECT_EQ(read.line, 1);
  EXPECT_EQ(read.call, 0);
  EXPECT_EQ(read.ret, 2);
  const Operation& write = history.ops[1];
  EXPECT_EQ(write.input, V(4));
  EXPECT_EQ(write.call, 1);
  EXPECT_EQ(write.ret, 3);
}

TEST(JepsenLogTest, AcceptsSpacesAndBlankLines) {
  const History history = Parse(
      "\n"
      "INFO  jepsen.util - 3   :invoke   :cas   [1 4]\n"
      "INFO  jepsen.util - 3   :ok   :cas   [1 4]\r\n");
  ASSERT_EQ(history.ops.size(), 1u);
  EXPECT_EQ(history.ops[0].input, L({V(1), V(4)}));
  EXPECT_EQ(history.ops[0].line, 2);
}

TEST(JepsenLogTest, FailDropsTheOperation) {
  const History history = Parse(
      "INFO  jepsen.util - 2\t:invoke\t:cas\t[3 0]\n"
      "INFO  jepsen.util - 2\t:fail\t:cas\t[3 0]\n"
      "INFO  jepsen.util - 3\t:invoke\t:read\tnil\n"
      "INFO  jepsen.util - 3\t:fail\t:read\t:timed-out\n");
  EXPECT_TRUE(history.ops.empty());
}

TEST(JepsenLogTest, InfoAndUnfinishedCallsArePending) {
  const History history = Parse(
      "INFO  jepsen.util - 4\t:invoke\t:write\t3\n"
      "INFO  jepsen.util - 4\t:info\t:write\t:timed-out\n"
      "INFO  jepsen.util - 4\t:invoke\t:read\tnil\n");
  ASSERT_EQ(history.ops.size(), 2u);
  EXPECT_TRUE(history.ops[0].pending);
  EXPECT_EQ(history.ops[0].input, V(3));
  EXPECT_EQ(history.ops[0].ret, kNeverReturned);
  EXPECT_TRUE(history.ops[1].pending);
}

TEST(JepsenLogTest, SkipsTheNemesis) {
  const History history = Parse(
      "INFO  jepsen.util - :nemesis\t:info\t:start\tnil\n"
      "INFO  jepsen.util - 0\t:invoke\t:read\tnil\n"
      "INFO  jepsen.util - 0\t:ok\t:read\tnil\n");
  EXPECT_EQ(history.ops.size(), 1u);
}

TEST(JepsenLogTest, ReadsValues) {
  EXPECT_TRUE(ParseJepsenValue("nil").is_nil());
  EXPECT_EQ(ParseJepsenValue("-12"), V(-12));
  EXPECT_EQ(ParseJepsenValue(":timed-out"), V("timed-out"));
  EXPECT_EQ(ParseJepsenValue("\"a b\""), V("a b"));
  EXPECT_EQ(ParseJepsenValue("[1 [2, nil] :x]"), L({V(1), L({V(2), Value()}), V("x")}));
  EXPECT_EQ(ParseJepsenValue("[]"), L({}));
  EXPECT_THROW(ParseJepsenValue("[1 2"), InputError);
  EXPECT_THROW(ParseJepsenValue("1 2"), InputError);
  EXPECT_THROW(ParseJepsenValue("abc"), InputError);
}

TEST(JepsenLogTest, NamesFileLineAndProblem) {
  EXPECT_EQ(ErrorOf("INFO  jepsen.util - 0\t:invoke\t:read\tnil\nhello\n"),
            "h.log:2: not a Jepsen history line (expected 'INFO  jepsen.util - <process> "
            ":<type> :<f> <value>')");
  EXPECT_EQ(ErrorOf("INFO  jepsen.util - x\t:invoke\t:read\tnil\n"),
            "h.log:1: the process 'x' is not a non-negative integer");
  EXPECT_EQ(ErrorOf("INFO  jepsen.util - 0\t:begin\t:read\tnil\n"),
            "h.log:1: the type ':begin' is not one of :invoke, :ok, :fail, :info");
  EXPECT_EQ(ErrorOf("INFO  jepsen.util - 0\t:invoke\tread\tnil\n"),
            "h.log:1: the function 'read' is not a keyword like :read");
  EXPECT_EQ(ErrorOf("INFO  jepsen.util - 0\t:invoke\t:write\tfour\n"),
            "h.log:1: cannot read the value 'four' (expected nil, an integer, a :keyword, a "
            "\"string\" or a vector [...])");
  EXPECT_EQ(ErrorOf("INFO  jepsen.util - 0\t:invoke\t:write\t\n"), "h.log:1: a value is missing");
}

TEST(JepsenLogTest, EventsThatDoNotPairUpAreErrors) {
  EXPECT_EQ(ErrorOf("INFO  jepsen.util - 0\t:ok\t:read\t1\n"),
            "h.log:1: 'ok' of process 0 completes a call that was never made (no open invoke "
            "of process 0 before this line)");
  EXPECT_EQ(ErrorOf("INFO  jepsen.util - 0\t:invoke\t:read\tnil\n"
                    "INFO  jepsen.util - 0\t:invoke\t:write\t1\n"),
            "h.log:2: process 0 calls write while its read called at line 1 has not returned "
            "(one call at a time per process)");
  EXPECT_EQ(ErrorOf("INFO  jepsen.util - 0\t:invoke\t:read\tnil\n"
                    "INFO  jepsen.util - 0\t:ok\t:write\t1\n"),
            "h.log:2: process 0 completes 'write', but its open call at line 1 is 'read'");
}

}  // namespace
}  // namespace grader
