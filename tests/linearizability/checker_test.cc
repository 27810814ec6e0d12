// CheckLinearizability end to end: validation, the queue fast path, the search by parts, the
// counterexample, and unknown answers when the budget runs out.
#include "linearizability/checker.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "history_maker.h"
#include "linearizability/history_table.h"
#include "linearizability/kv_model.h"
#include "linearizability/queue_model.h"
#include "linearizability/register_model.h"

namespace grader {
namespace {

TEST(CheckerTest, UnknownOperationIsBadInputNamingFileAndLine) {
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(0, "pop", {}, V(1));
  History history = h.Build();
  history.source = "q.jsonl";
  history.ops[1].line = 3;
  try {
    CheckLinearizability(history, QueueModel());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "q.jsonl:3: the queue model has no operation 'pop' (it has put/enqueue and "
                 "get/dequeue)");
  }
}

TEST(CheckerTest, QueueWithDistinctValuesTakesTheFastPath) {
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(0, "put", V(2));
  h.Run(1, "get", {}, V(2));  // LIFO
  h.Run(1, "get", {}, V(1));
  h.Run(2, "put", V(3));
  const LinearizabilityResult result = CheckLinearizability(h.Build(), QueueModel());
  EXPECT_EQ(result.verdict, Linearizability::kNotLinearizable);
  EXPECT_TRUE(result.fast_path);
  ASSERT_TRUE(result.counterexample);
  EXPECT_EQ(result.counterexample->history.ops.size(), 4u);
  EXPECT_EQ(RenderCounterexample(*result.counterexample, QueueModel()),
            "VOrd: put(1) returned before put(2) was called, so 1 had to leave the queue "
            "first, but get() -> 2 returned before get() -> 1 was called\n"
            "process 0   process 1\n"
            "put(1) ...\n"
            "... -> ok\n"
            "put(2) ...\n"
            "... -> ok\n"
            "            get() ...\n"
            "            ... -> 2   <- first that cannot be linearized\n"
            "            get() ...\n"
            "            ... -> 1\n"
            "get() -> 2 (process 1) cannot be linearized: at that point the queue could hold "
            "[1 2], so get() could only return 1\n");
}

TEST(CheckerTest, QueueWithRepeatedValuesIsSearched) {
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(0, "put", V(1));
  h.Run(1, "get", {}, V(1));
  h.Run(1, "get", {}, V(1));
  h.Run(1, "get", {}, Value());
  const LinearizabilityResult result = CheckLinearizability(h.Build(), QueueModel());
  EXPECT_EQ(result.verdict, Linearizability::kLinearizable);
  EXPECT_FALSE(result.fast_path);
  EXPECT_EQ(result.parts, 1u);
}

TEST(CheckerTest, KeyValueStoreIsCheckedKeyByKey) {
  HistoryMaker h;
  h.Run(0, "put", L({V("x"), V(1)}));
  h.Run(1, "put", L({V("y"), V(1)}));
  h.Run(0, "get", L({V("x")}), L({V("x"), V(1)}));
  h.Run(2, "put", L({V("y"), V(2)}));
  h.Run(1, "get", L({V("y")}), L({V("y"), V(1)}));  // stale
  h.Run(0, "get", L({V("x")}), L({V("x"), V(1)}));
  const LinearizabilityResult result = CheckLinearizability(h.Build(), KvModel());
  EXPECT_EQ(result.verdict, Linearizability::kNotLinearizable);
  EXPECT_EQ(result.parts, 2u);
  ASSERT_TRUE(result.counterexample);
  for (const Operation& op : result.counterexample->history.ops) {
    EXPECT_EQ(op.input.items()[0], V("y"));
  }
  EXPECT_EQ(result.counterexample->explanation,
            "get(y) -> 1 (process 1) cannot be linearized: at that point the store could hold "
            "{y: 2}, so get(y) could only return 2");
}

TEST(CheckerTest, ExhaustedBudgetIsUnknownNotAnError) {
  HistoryMaker h;
  std::vector<std::size_t> writes;
  for (int p = 0; p < 10; ++p) writes.push_back(h.Call(p, "write", V(p)));
  for (std::size_t w : writes) h.Return(w);
  h.Run(0, "read", {}, V(3));
  LinearizabilityOptions options;
  options.max_states = 5;
  const LinearizabilityResult result =
      CheckLinearizability(h.Build(), RegisterModel(false), options);
  EXPECT_EQ(result.verdict, Linearizability::kUnknown);
  EXPECT_EQ(result.unknown_reason, "the search reached its limit of 5 configurations");
  EXPECT_FALSE(result.counterexample);
}

TEST(CheckerTest, PendingPutsNobodyGotDoNotSlowTheSearch) {
  // Forty blocked puts of a bounded queue (values repeat, so no fast path): each could
  // take effect anywhere, 2^40 orders, but nobody got their items.
  HistoryMaker h;
  for (int p = 0; p < 40; ++p) h.Call(p, "put", V(7));
  h.Run(40, "put", V(1));
  h.Run(41, "get", {}, V(1));
  LinearizabilityOptions options;
  options.max_states = 1000;
  EXPECT_EQ(CheckLinearizability(h.Build(), QueueModel(), options).verdict,
            Linearizability::kLinearizable);
}

TEST(CheckerTest, WithoutMinimizingTheCounterexampleIsTheFailingPart) {
  HistoryMaker h;
  h.Run(0, "write", V(1));
  h.Run(0, "write", V(2));
  h.Run(1, "read", {}, V(1));
  LinearizabilityOptions options;
  options.minimize = false;
  const LinearizabilityResult result =
      CheckLinearizability(h.Build(), RegisterModel(false), options);
  ASSERT_TRUE(result.counterexample);
  EXPECT_EQ(result.counterexample->history.ops.size(), 3u);
  EXPECT_FALSE(result.counterexample->culprit);
}

}  // namespace
}  // namespace grader
