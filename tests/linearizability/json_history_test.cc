// JSON lines with Jepsen's field names: the same pairing as the text log, optional times,
// and messages naming file:line.
#include "linearizability/json_history.h"

#include <sstream>

#include <gtest/gtest.h>

#include "common/error.h"
#include "history_maker.h"

namespace grader {
namespace {

History Parse(const std::string& text) {
  std::istringstream in(text);
  return ParseJsonHistory(in, "h.jsonl");
}

std::string ErrorOf(const std::string& text) {
  try {
    Parse(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(JsonHistoryTest, PairsEventsIntoOperations) {
  const History history =
      Parse(R"({"process": 0, "type": "invoke", "f": "put", "value": 3})"
            "\n"
            R"({"process": 1, "type": "invoke", "f": "get", "value": null})"
            "\n"
            "\n"
            R"({"process": 0, "type": "ok", "f": "put", "value": 3})"
            "\n"
            R"({"process": 1, "type": "ok", "f": "get", "value": 3, "index": 7})"
            "\n");
  ASSERT_EQ(history.ops.size(), 2u);
  EXPECT_EQ(history.ops[0].f, "put");
  EXPECT_EQ(history.ops[0].input, V(3));
  EXPECT_EQ(history.ops[0].call, 0);
  EXPECT_EQ(history.ops[0].ret, 2);
  EXPECT_EQ(history.ops[1].f, "get");
  EXPECT_EQ(history.ops[1].output, V(3));
  EXPECT_EQ(history.ops[1].ret, 3);
  EXPECT_EQ(history.ops[1].line, 2);
}

TEST(JsonHistoryTest, AcceptsKeywordsListsAndMissingValues) {
  const History history = Parse(R"({"process": 2, "type": ":invoke", "f": ":cas", "value": [1, 4]})"
                                "\n"
                                R"({"process": 2, "type": ":ok", "f": ":cas", "value": [1, 4]})"
                                "\n"
                                R"({"process": 3, "type": "invoke", "f": "get"})"
                                "\n"
                                R"({"process": "nemesis", "type": "info", "f": "start"})"
                                "\n");
  ASSERT_EQ(history.ops.size(), 2u);
  EXPECT_EQ(history.ops[0].input, L({V(1), V(4)}));
  EXPECT_EQ(history.ops[0].f, "cas");
  EXPECT_TRUE(history.ops[1].pending);
  EXPECT_TRUE(history.ops[1].input.is_nil());
}

TEST(JsonHistoryTest, FailDropsInfoKeepsPending) {
  const History history = Parse(R"({"process": 0, "type": "invoke", "f": "put", "value": 1})"
                                "\n"
                                R"({"process": 0, "type": "fail", "f": "put", "value": 1})"
                                "\n"
                                R"({"process": 0, "type": "invoke", "f": "put", "value": 2})"
                                "\n"
                                R"({"process": 0, "type": "info", "f": "put", "value": 2})"
                                "\n");
  ASSERT_EQ(history.ops.size(), 1u);
  EXPECT_EQ(history.ops[0].input, V(2));
  EXPECT_TRUE(history.ops[0].pending);
}

TEST(JsonHistoryTest, TimesOrderTheEvents) {
  // Written thread by thread; the times interleave them. At equal times the call comes
  // first, so the two operations overlap instead of one preceding the other.
  const History history =
      Parse(R"({"process": 0, "type": "invoke", "f": "put", "value": 1, "time": 10})"
            "\n"
            R"({"process": 0, "type": "ok", "f": "put", "value": 1, "time": 30})"
            "\n"
            R"({"process": 1, "type": "invoke", "f": "get", "time": 20})"
            "\n"
            R"({"process": 1, "type": "ok", "f": "get", "value": 1, "time": 40})"
            "\n"
            R"({"process": 2, "type": "invoke", "f": "get", "time": 40})"
            "\n"
            R"({"process": 2, "type": "ok", "f": "get", "value": null, "time": 50})"
            "\n");
  ASSERT_EQ(history.ops.size(), 3u);
  EXPECT_EQ(history.ops[0].call, 0);
  EXPECT_EQ(history.ops[1].call, 1);
  EXPECT_EQ(history.ops[0].ret, 2);
  EXPECT_EQ(history.ops[2].call, 3);
  EXPECT_EQ(history.ops[1].ret, 4);
  EXPECT_FALSE(Precedes(history.ops[1], history.ops[2]));
}

TEST(JsonHistoryTest, ProcessNamesReachEveryOperationOfTheProcess) {
  const History history =
      Parse(R"({"process": 0, "type": "invoke", "f": "put", "value": 1})"
            "\n"
            R"({"process": 0, "type": "ok", "f": "put", "value": 1})"
            "\n"
            R"({"process": 0, "type": "invoke", "f": "put", "value": 2, "process_name": "producer 0"})"
            "\n"
            R"({"process": 0, "type": "ok", "f": "put", "value": 2})"
            "\n"
            R"({"process": 1, "type": "invoke", "f": "get"})"
            "\n");
  ASSERT_EQ(history.ops.size(), 3u);
  EXPECT_EQ(ProcessLabel(history.ops[0]), "producer 0");  // named at its next call
  EXPECT_EQ(ProcessLabel(history.ops[1]), "producer 0");
  EXPECT_EQ(ProcessLabel(history.ops[2]), "process 1");
  EXPECT_EQ(ErrorOf(R"({"process": 0, "type": "invoke", "f": "put", "process_name": 7})"
                    "\n"),
            "h.jsonl:1: \"process_name\" must be a string, not 7");
  EXPECT_EQ(
      ErrorOf(R"({"process": 0, "type": "invoke", "f": "put", "process_name": "a"})"
              "\n"
              R"({"process": 0, "type": "ok", "f": "put"})"
              "\n"
              R"({"process": 0, "type": "invoke", "f": "put", "process_name": "b"})"
              "\n"),
      "h.jsonl:3: process 0 is named \"b\" here but \"a\" earlier (one name a process)");
}

TEST(JsonHistoryTest, NamesFileLineAndProblem) {
  EXPECT_EQ(ErrorOf("{\"process\": 0, \"type\": \"invoke\", \"f\": \"put\"\n"),
            "h.jsonl:1:44: not valid JSON: syntax error while parsing object - unexpected end "
            "of input; expected '}'");
  EXPECT_EQ(ErrorOf("[1, 2]\n"), "h.jsonl:1: expected a JSON object {...} on every line");
  EXPECT_EQ(ErrorOf("{\"type\": \"invoke\", \"f\": \"put\"}\n"), "h.jsonl:1: no \"process\" field");
  EXPECT_EQ(ErrorOf("{\"process\": -1, \"type\": \"invoke\", \"f\": \"put\"}\n"),
            "h.jsonl:1: \"process\" must be a non-negative integer, not -1");
  EXPECT_EQ(ErrorOf("{\"process\": 0, \"f\": \"put\"}\n"), "h.jsonl:1: no \"type\" field");
  EXPECT_EQ(ErrorOf("{\"process\": 0, \"type\": \"begin\", \"f\": \"put\"}\n"),
            "h.jsonl:1: \"type\" is 'begin'; expected invoke, ok, fail or info");
  EXPECT_EQ(ErrorOf("{\"process\": 0, \"type\": \"invoke\", \"f\": 3}\n"),
            "h.jsonl:1: \"f\" must be a string, not 3");
  EXPECT_EQ(ErrorOf("{\"process\": 0, \"type\": \"invoke\", \"f\": \"put\", \"value\": 1.5}\n"),
            "h.jsonl:1: value 1.5 is not null, an integer, a string or a list of these");
  EXPECT_EQ(ErrorOf("{\"process\": 0, \"type\": \"invoke\", \"f\": \"put\", \"time\": \"x\"}\n"),
            "h.jsonl:1: \"time\" must be a number, not \"x\"");
}

TEST(JsonHistoryTest, TimesMustBeEverywhereAndGoForward) {
  EXPECT_EQ(ErrorOf(R"({"process": 0, "type": "invoke", "f": "put", "value": 1, "time": 5})"
                    "\n"
                    R"({"process": 0, "type": "ok", "f": "put", "value": 1})"
                    "\n"),
            "h.jsonl:2: this event has no time, but the one at line 1 has (give every event a "
            "time, or none)");
  EXPECT_EQ(ErrorOf(R"({"process": 0, "type": "invoke", "f": "put", "value": 1})"
                    "\n"
                    R"({"process": 0, "type": "ok", "f": "put", "value": 1, "time": 5})"
                    "\n"),
            "h.jsonl:2: this event has a time, but the one at line 1 has none (give every "
            "event a time, or none)");
  EXPECT_EQ(ErrorOf(R"({"process": 0, "type": "invoke", "f": "put", "value": 1, "time": 5})"
                    "\n"
                    R"({"process": 0, "type": "ok", "f": "put", "value": 1, "time": 4})"
                    "\n"),
            "h.jsonl:2: time 4 of process 0 is earlier than its previous event's time 5");
}

TEST(JsonHistoryTest, EventsThatDoNotPairUpAreErrors) {
  EXPECT_EQ(ErrorOf(R"({"process": 0, "type": "ok", "f": "get", "value": 1})"
                    "\n"),
            "h.jsonl:1: 'ok' of process 0 completes a call that was never made (no open "
            "invoke of process 0 before this line)");
}

}  // namespace
}  // namespace grader
