// Shrinking non-linearizable histories: the cut at the first violation, removals that
// never invent a violation, and the explanation of the culprit.
#include "linearizability/counterexample.h"

#include <algorithm>
#include <unordered_set>

#include <gtest/gtest.h>

#include "history_maker.h"
#include "linearizability/queue_model.h"
#include "linearizability/register_model.h"

namespace grader {
namespace {

class CounterexampleTest : public ::testing::Test {
 protected:
  RegisterModel register_{/*with_cas=*/true};
  QueueModel queue_;
};

TEST_F(CounterexampleTest, CutKeepsCallsBeforeItAndMakesLaterReturnsPending) {
  HistoryMaker h;
  const auto a = h.Call(0, "write", V(1));  // call 0
  const auto b = h.Call(1, "read");         // call 1
  h.Return(a);                              // 2
  h.Run(2, "read", {}, V(1));               // 3, 4
  h.Return(b, V(1));                        // 5
  const History cut = CutAt(h.Build(), 4);
  ASSERT_EQ(cut.ops.size(), 3u);
  EXPECT_FALSE(cut.ops[0].pending);
  EXPECT_TRUE(cut.ops[1].pending);
  EXPECT_TRUE(cut.ops[1].returned_later);
  EXPECT_EQ(cut.ops[1].ret, kNeverReturned);
  EXPECT_FALSE(cut.ops[2].pending);

  EXPECT_EQ(CutAt(h.Build(), 2).ops.size(), 2u);
}

TEST_F(CounterexampleTest, FirstViolationIsTheReturnOfTheFirstBadOp) {
  HistoryMaker h;
  h.Run(0, "write", V(1));
  h.Run(1, "read", {}, V(1));
  h.Run(1, "read", {}, Value());  // returns at 5: the first that cannot be linearized
  h.Run(2, "read", {}, V(7));
  EXPECT_EQ(FirstViolation(h.Build(), register_, {}), 5);

  HistoryMaker fine;
  fine.Run(0, "write", V(1));
  EXPECT_EQ(FirstViolation(fine.Build(), register_, {}), std::nullopt);
}

TEST_F(CounterexampleTest, MinimizeDropsWhatDoesNotMatter) {
  HistoryMaker h;
  h.Run(3, "write", V(5));
  h.Run(3, "read", {}, V(5));
  h.Run(0, "write", V(1));
  h.Run(4, "read", {}, V(1));
  const auto concurrent = h.Call(3, "write", V(6));
  h.Run(1, "read", {}, V(5));  // stale: 1 was written since
  h.Return(concurrent);
  h.Run(2, "read", {}, V(6));
  h.Run(2, "write", V(7));
  const Counterexample result = Minimize(h.Build(), register_, {});
  ASSERT_TRUE(result.culprit);
  // write(5) stays (the stale read saw it), write(1) stays (it overwrote 5); write(6),
  // pending at the cut and read by nobody before it, goes with everything after the cut.
  ASSERT_EQ(result.history.ops.size(), 3u);
  EXPECT_EQ(result.history.ops[0].input, V(5));
  EXPECT_EQ(result.history.ops[1].input, V(1));
  const Operation& culprit = result.history.ops[*result.culprit];
  EXPECT_EQ(culprit.process, 1);
  EXPECT_EQ(culprit.output, V(5));
  EXPECT_EQ(result.explanation,
            "read() -> 5 (process 1) cannot be linearized: at that point the register could "
            "hold 1, so read() could only return 1");
  EXPECT_EQ(SearchLinearization(result.history, register_, {}).verdict,
            Linearizability::kNotLinearizable);
}

TEST_F(CounterexampleTest, MinimizeNeverDropsThePutAGetSaw) {
  // The queue lost 1. Without put(2), "get() -> 2" alone would look like a value from
  // nowhere: a violation this history does not have. put(2) goes only with its get.
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(0, "put", V(2));
  h.Run(2, "put", V(1));  // values repeat, so the search decides
  h.Run(1, "get", {}, V(2));
  h.Run(1, "get", {}, V(1));
  h.Run(1, "get", {}, V(1));
  const Counterexample result = Minimize(h.Build(), queue_, {});
  ASSERT_TRUE(result.culprit);
  std::unordered_multiset<std::int64_t> put, got;
  for (const Operation& op : result.history.ops) {
    if (QueueModel::IsPut(op)) put.insert(op.input.number());
    if (QueueModel::IsGet(op) && !op.pending) got.insert(op.output.number());
  }
  for (std::int64_t value : got) EXPECT_GE(put.count(value), got.count(value)) << value;
  EXPECT_EQ(result.history.ops[*result.culprit].output, V(2));
  EXPECT_EQ(result.explanation,
            "get() -> 2 (process 1) cannot be linearized: at that point the queue could hold "
            "[1 2 1], so get() could only return 1");
}

TEST_F(CounterexampleTest, ExplainsACasThatCouldOnlyFail) {
  HistoryMaker h;
  h.Run(0, "write", V(1));
  h.Run(1, "cas", L({V(2), V(3)}));
  const Counterexample result = Explain(h.Build(), register_, {});
  ASSERT_TRUE(result.culprit);
  EXPECT_EQ(*result.culprit, 1u);
  EXPECT_EQ(result.explanation,
            "cas(2, 3) -> ok (process 1) cannot be linearized: at that point the register "
            "could hold 1, so cas(2, 3) could only fail");
}

TEST_F(CounterexampleTest, ExplainsAGetThatFoundAnItemInAnEmptyQueue) {
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(1, "get", {}, V(1));
  h.Run(1, "get", {}, V(1));
  const Counterexample result = Explain(h.Build(), queue_, {});
  EXPECT_EQ(result.explanation,
            "get() -> 1 (process 1) cannot be linearized: at that point the queue could hold "
            "[], so get() could only return empty");
}

}  // namespace
}  // namespace grader
