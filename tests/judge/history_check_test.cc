// CheckAttachedHistories: a driver's recorded histories judged by the linearizability checker.
#include "judge/history_check.h"

#include <string>

#include <gtest/gtest.h>

#include "judge_test_util.h"

namespace grader {
namespace {

using testing::Contains;

// Two sequential puts, then a get that returns the second value first: LIFO.
constexpr char kLifo[] =
    R"({"process":0,"type":"invoke","f":"put","value":1}
{"process":0,"type":"ok","f":"put","value":1}
{"process":0,"type":"invoke","f":"put","value":2}
{"process":0,"type":"ok","f":"put","value":2}
{"process":1,"type":"invoke","f":"get","value":null}
{"process":1,"type":"ok","f":"get","value":2}
)";

constexpr char kFifo[] =
    R"({"process":0,"type":"invoke","f":"put","value":1}
{"process":0,"type":"ok","f":"put","value":1}
{"process":1,"type":"invoke","f":"get","value":null}
{"process":0,"type":"invoke","f":"put","value":2}
{"process":1,"type":"ok","f":"get","value":1}
{"process":0,"type":"ok","f":"put","value":2}
)";

GtestResult WithHistory(const std::string& text, const std::string& name = "history/queue") {
  GtestResult result;
  result.tests = 1;
  result.attachments.push_back({"Queue.Stress", name, text});
  return result;
}

TEST(HistoryCheckTest, LinearizableHistoryPassesAndIsRecorded) {
  RunJudgement judgement;
  CheckAttachedHistories(WithHistory(kFifo), judgement);
  EXPECT_EQ(judgement.verdict, Verdict::kOk);
  ASSERT_EQ(judgement.evidence["linearizability"].size(), 1u);
  EXPECT_EQ(judgement.evidence["linearizability"][0]["verdict"], "linearizable");
  EXPECT_EQ(judgement.evidence["linearizability"][0]["operations"], 3);
}

TEST(HistoryCheckTest, LifoHistoryIsAWrongAnswerWithATable) {
  RunJudgement judgement;
  CheckAttachedHistories(WithHistory(kLifo), judgement);
  EXPECT_EQ(judgement.verdict, Verdict::kWrongAnswer);
  EXPECT_TRUE(Contains(judgement.message, "Queue.Stress"));
  EXPECT_TRUE(Contains(judgement.message, "not linearizable"));
  EXPECT_TRUE(Contains(judgement.details, "process 0"));
  EXPECT_TRUE(Contains(judgement.details, "get() ..."));
  EXPECT_TRUE(judgement.details_public);
  EXPECT_EQ(judgement.evidence["linearizability"][0]["verdict"], "not linearizable");
}

TEST(HistoryCheckTest, AnEarlierFailureKeepsItsMessage) {
  RunJudgement judgement;
  judgement.verdict = Verdict::kWrongAnswer;
  judgement.message = "the driver's own check";
  CheckAttachedHistories(WithHistory(kLifo), judgement);
  EXPECT_EQ(judgement.message, "the driver's own check");
  EXPECT_TRUE(Contains(judgement.details, "the smallest part that is still impossible"));
}

TEST(HistoryCheckTest, DamagedHistoryIsARuntimeError) {
  RunJudgement judgement;
  CheckAttachedHistories(WithHistory("{\"process\":0,\"type\":\"invoke\"\n"), judgement);
  EXPECT_EQ(judgement.verdict, Verdict::kRuntimeError);
  EXPECT_TRUE(Contains(judgement.message, "damaged"));
}

TEST(HistoryCheckTest, OtherAttachmentsAreLeftAlone) {
  RunJudgement judgement;
  CheckAttachedHistories(WithHistory("anything", "notes"), judgement);
  EXPECT_EQ(judgement.verdict, Verdict::kOk);
  EXPECT_FALSE(judgement.evidence.contains("linearizability"));
}

}  // namespace
}  // namespace grader
