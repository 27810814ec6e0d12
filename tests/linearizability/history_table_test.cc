// The per-thread table people read, compared with the exact text.
#include "linearizability/history_table.h"

#include <gtest/gtest.h>

#include "history_maker.h"
#include "linearizability/queue_model.h"

namespace grader {
namespace {

TEST(HistoryTableTest, OneColumnPerProcessOneRowPerEvent) {
  HistoryMaker h;
  const auto put = h.Call(0, "put", V(1));
  const auto get = h.Call(2, "get");
  h.Return(put);
  h.Return(get, V(1));
  h.Call(1, "get");
  const auto empty = h.Run(2, "get", {}, Value());
  EXPECT_EQ(RenderHistoryTable(h.Build(), QueueModel(), empty),
            "process 0   process 1             process 2\n"
            "put(1) ...\n"
            "                                  get() ...\n"
            "... -> ok\n"
            "                                  ... -> 1\n"
            "            get() ...\n"
            "                                  get() ...\n"
            "                                  ... -> empty  <- first that cannot be "
            "linearized\n"
            "            ... (never returned)\n");
}

TEST(HistoryTableTest, CutOpsReturnLater) {
  HistoryMaker h;
  h.Call(0, "put", V(1));
  History history = h.Build();
  history.ops[0].returned_later = true;
  EXPECT_EQ(RenderHistoryTable(history, QueueModel()),
            "process 0\n"
            "put(1) ...\n"
            "... (returns later)\n");
}

TEST(HistoryTableTest, NamedProcessesHeadTheirColumns) {
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(3, "get", {}, V(1));
  History history = h.Build();
  history.ops[1].process_name = "consumer 0";
  EXPECT_EQ(RenderHistoryTable(history, QueueModel()),
            "process 0   consumer 0\n"
            "put(1) ...\n"
            "... -> ok\n"
            "            get() ...\n"
            "            ... -> 1\n");
}

TEST(HistoryTableTest, CounterexampleShowsPatternTableAndExplanation) {
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(1, "get", {}, V(2));
  Counterexample counterexample{h.Build(), 1, "get() -> 2 (process 1) cannot be linearized",
                                "VFresh: get() returned 2, but 2 was never put"};
  EXPECT_EQ(RenderCounterexample(counterexample, QueueModel()),
            "VFresh: get() returned 2, but 2 was never put\n"
            "process 0   process 1\n"
            "put(1) ...\n"
            "... -> ok\n"
            "            get() ...\n"
            "            ... -> 2   <- first that cannot be linearized\n"
            "get() -> 2 (process 1) cannot be linearized\n");
}

}  // namespace
}  // namespace grader
