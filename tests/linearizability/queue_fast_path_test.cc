// The queue pattern check: each pattern on a hand-made history, when it does not decide,
// and a randomized comparison with the general search on small histories of correct and
// buggy queues.
#include "linearizability/queue_fast_path.h"

#include <random>

#include <gtest/gtest.h>

#include "history_maker.h"
#include "linearizability/checker.h"
#include "linearizability/wgl_search.h"
#include "queue_simulation.h"

namespace grader {
namespace {

using Answer = QueueFastResult::Answer;

class QueueFastPathTest : public ::testing::Test {
 protected:
  QueueFastResult Check(const HistoryMaker& maker) { return CheckQueueFast(maker.Build(), model_); }

  QueueModel model_;
};

TEST_F(QueueFastPathTest, SequentialFifoIsLinearizable) {
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(0, "put", V(2));
  h.Run(1, "get", {}, V(1));
  h.Run(1, "get", {}, V(2));
  h.Run(1, "get", {}, Value());
  EXPECT_EQ(Check(h).answer, Answer::kLinearizable);
}

TEST_F(QueueFastPathTest, OverlappingPutsMayBeGotInEitherOrder) {
  HistoryMaker h;
  const auto a = h.Call(0, "put", V(1));
  const auto b = h.Call(1, "put", V(2));
  h.Return(a);
  h.Return(b);
  h.Run(2, "get", {}, V(2));
  h.Run(2, "get", {}, V(1));
  EXPECT_EQ(Check(h).answer, Answer::kLinearizable);
}

TEST_F(QueueFastPathTest, FreshValueNeverPut) {
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(1, "get", {}, V(7));
  const QueueFastResult result = Check(h);
  ASSERT_EQ(result.answer, Answer::kNotLinearizable);
  EXPECT_EQ(result.pattern.kind, QueuePattern::Kind::kFresh);
  EXPECT_EQ(result.pattern.ops, (std::vector<std::size_t>{1}));
  EXPECT_EQ(result.pattern.description, "get() returned 7, but 7 was never put");
}

TEST_F(QueueFastPathTest, FreshValueGotBeforeItsPutWasCalled) {
  HistoryMaker h;
  h.Run(1, "get", {}, V(1));
  h.Run(0, "put", V(1));
  const QueueFastResult result = Check(h);
  ASSERT_EQ(result.answer, Answer::kNotLinearizable);
  EXPECT_EQ(result.pattern.kind, QueuePattern::Kind::kFresh);
  EXPECT_EQ(result.pattern.description, "get() -> 1 returned before put(1) was called");
}

TEST_F(QueueFastPathTest, RepeatedGet) {
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(1, "get", {}, V(1));
  h.Run(2, "get", {}, V(1));
  const QueueFastResult result = Check(h);
  ASSERT_EQ(result.answer, Answer::kNotLinearizable);
  EXPECT_EQ(result.pattern.kind, QueuePattern::Kind::kRepeat);
  EXPECT_EQ(result.pattern.ops, (std::vector<std::size_t>{0, 1, 2}));
}

TEST_F(QueueFastPathTest, OrderBothGot) {
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(0, "put", V(2));
  h.Run(1, "get", {}, V(2));
  h.Run(1, "get", {}, V(1));
  const QueueFastResult result = Check(h);
  ASSERT_EQ(result.answer, Answer::kNotLinearizable);
  EXPECT_EQ(result.pattern.kind, QueuePattern::Kind::kOrder);
  EXPECT_EQ(result.pattern.ops, (std::vector<std::size_t>{0, 1, 2, 3}));
  EXPECT_EQ(result.pattern.description,
            "put(1) returned before put(2) was called, so 1 had to leave the queue first, but "
            "get() -> 2 returned before get() -> 1 was called");
}

TEST_F(QueueFastPathTest, OrderFirstNeverGot) {
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(0, "put", V(2));
  h.Run(1, "get", {}, V(2));
  const QueueFastResult result = Check(h);
  ASSERT_EQ(result.answer, Answer::kNotLinearizable);
  EXPECT_EQ(result.pattern.kind, QueuePattern::Kind::kOrder);
  EXPECT_EQ(result.pattern.description,
            "put(1) returned before put(2) was called, so 1 had to leave the queue first, but "
            "get() -> 2 returned and 1 was never got");
}

TEST_F(QueueFastPathTest, WitnessOneValueCoversTheEmptyGet) {
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(1, "get", {}, Value());
  h.Run(2, "get", {}, V(1));
  const QueueFastResult result = Check(h);
  ASSERT_EQ(result.answer, Answer::kNotLinearizable);
  EXPECT_EQ(result.pattern.kind, QueuePattern::Kind::kWitness);
  EXPECT_EQ(result.pattern.ops, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(result.pattern.description,
            "get() found the queue empty, but the queue was never empty during the whole "
            "call: put(1) returned before it was called, and 1 was got only after it returned");
}

TEST_F(QueueFastPathTest, WitnessChainOfTwoValues) {
  // 1 is in the queue when the empty get starts; 2 arrives before 1 leaves, and stays
  // until after the get returned: no instant of the get saw an empty queue.
  HistoryMaker h;
  h.Run(0, "put", V(1));
  const auto empty = h.Call(1, "get");
  h.Run(0, "put", V(2));
  h.Run(2, "get", {}, V(1));
  h.Return(empty, Value());
  h.Run(2, "get", {}, V(2));
  const QueueFastResult result = Check(h);
  ASSERT_EQ(result.answer, Answer::kNotLinearizable);
  EXPECT_EQ(result.pattern.kind, QueuePattern::Kind::kWitness);
  EXPECT_EQ(result.pattern.ops.size(), 5u);
  EXPECT_EQ(result.pattern.description,
            "get() found the queue empty, but the queue was never empty during the whole "
            "call: put(1) returned before it was called, put(2) returned before 1 was got, "
            "and 2 was got only after it returned");
  EXPECT_EQ(SearchLinearization(h.Build(), model_, {}).verdict, Linearizability::kNotLinearizable);
}

TEST_F(QueueFastPathTest, EmptyGetWithAGapIsLinearizable) {
  // 1 leaves before 2 is put: the queue may have been empty in between.
  HistoryMaker h;
  h.Run(0, "put", V(1));
  const auto empty = h.Call(1, "get");
  h.Run(2, "get", {}, V(1));
  h.Run(0, "put", V(2));
  h.Return(empty, V("timeout"));
  h.Run(2, "get", {}, V(2));
  EXPECT_EQ(Check(h).answer, Answer::kLinearizable);
}

TEST_F(QueueFastPathTest, PendingPutNobodyGotIsIgnored) {
  HistoryMaker h;
  h.Call(0, "put", V(1));  // never returns
  h.Run(1, "put", V(2));
  h.Run(1, "get", {}, V(2));
  EXPECT_EQ(Check(h).answer, Answer::kLinearizable);
}

TEST_F(QueueFastPathTest, PendingGetsLeaveViolationsToTheSearch) {
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(0, "put", V(2));
  h.Call(2, "get");  // may have taken 1
  h.Run(1, "get", {}, V(2));
  EXPECT_EQ(Check(h).answer, Answer::kInconclusive);
  EXPECT_EQ(SearchLinearization(h.Build(), model_, {}).verdict, Linearizability::kLinearizable);
}

TEST_F(QueueFastPathTest, PendingGetsCalledAfterTheViolationDoNotMatter) {
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(0, "put", V(2));
  h.Run(1, "get", {}, V(2));
  h.Call(2, "get");  // blocked at the end: too late to have taken 1 before get -> 2
  h.Call(1, "get");
  const QueueFastResult result = Check(h);
  EXPECT_EQ(result.answer, Answer::kNotLinearizable);
  EXPECT_EQ(result.pattern.kind, QueuePattern::Kind::kOrder);
  EXPECT_EQ(SearchLinearization(h.Build(), model_, {}).verdict, Linearizability::kNotLinearizable);
}

TEST_F(QueueFastPathTest, PendingGetsCannotTakeItemsOthersGot) {
  HistoryMaker h;
  h.Call(2, "get");  // called first, never returns
  h.Run(0, "put", V(1));
  h.Run(0, "put", V(2));
  h.Run(1, "get", {}, V(2));
  h.Run(1, "get", {}, V(1));
  EXPECT_EQ(Check(h).answer, Answer::kNotLinearizable);
}

TEST_F(QueueFastPathTest, RepeatedValuesAreNotDecided) {
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(0, "put", V(1));
  EXPECT_EQ(Check(h).answer, Answer::kNotApplicable);
}

// The pattern check and the search agree, and every reported pattern is a violation on
// its own. Histories with pending gets go to the search when a pattern shows; the checker's
// final answer must still be the search's.
TEST_F(QueueFastPathTest, AgreesWithTheSearchOnRandomHistories) {
  std::mt19937_64 random(20240601);
  const QueueBug bugs[] = {QueueBug::kNone,       QueueBug::kLifo,       QueueBug::kLosesItem,
                           QueueBug::kDuplicates, QueueBug::kStale,      QueueBug::kSpuriousEmpty,
                           QueueBug::kSkipsHead,  QueueBug::kFutureValue};
  int histories = 0, violations = 0, by_pattern[4] = {0, 0, 0, 0};
  int decided_despite_pending_gets = 0, inconclusive = 0;
  LinearizabilityOptions search_only;
  search_only.queue_fast_path = false;
  for (int round = 0; round < 300; ++round) {
    for (QueueBug bug : bugs) {
      SimulationOptions options;
      options.threads = 2 + round % 3;
      options.ops_per_thread = 2 + round % 4;
      options.put_share = 0.4 + 0.1 * (round % 3);
      options.bug = bug;
      options.pending_puts = round % 2 == 0;
      options.pending_gets = round % 5 == 0;
      const History history = SimulateQueue(random, options);
      const Linearizability expected = SearchLinearization(history, model_, {}).verdict;
      ASSERT_NE(expected, Linearizability::kUnknown);
      const QueueFastResult fast = CheckQueueFast(history, model_);
      ++histories;
      SCOPED_TRACE(testing::Message() << "round " << round << ", bug " << static_cast<int>(bug));
      switch (fast.answer) {
        case Answer::kLinearizable:
          EXPECT_EQ(expected, Linearizability::kLinearizable);
          break;
        case Answer::kNotLinearizable:
          EXPECT_EQ(expected, Linearizability::kNotLinearizable) << fast.pattern.description;
          decided_despite_pending_gets += options.pending_gets;
          EXPECT_EQ(SearchLinearization(SubHistory(history, fast.pattern.ops), model_, {}).verdict,
                    Linearizability::kNotLinearizable)
              << fast.pattern.description;
          ++by_pattern[static_cast<int>(fast.pattern.kind)];
          break;
        case Answer::kInconclusive:
          EXPECT_TRUE(options.pending_gets);
          ++inconclusive;
          break;
        case Answer::kNotApplicable:
          ADD_FAILURE() << "every value is put once: the patterns apply";
          break;
      }
      EXPECT_EQ(CheckLinearizability(history, model_).verdict, expected);
      EXPECT_EQ(CheckLinearizability(history, model_, search_only).verdict, expected);
      violations += expected == Linearizability::kNotLinearizable;
    }
  }
  // The comparison means something only if both answers were common, and every pattern
  // showed up.
  EXPECT_GT(violations, histories / 5);
  EXPECT_LT(violations, histories * 4 / 5);
  for (int count : by_pattern) EXPECT_GT(count, 10);
  EXPECT_GT(decided_despite_pending_gets, 10);
  std::cout << histories << " random histories, " << violations << " not linearizable; "
            << "VFresh " << by_pattern[0] << ", VRepet " << by_pattern[1] << ", VOrd "
            << by_pattern[2] << ", VWit " << by_pattern[3] << "; with pending gets "
            << decided_despite_pending_gets << " decided, " << inconclusive
            << " left to the search\n";
}

}  // namespace
}  // namespace grader
