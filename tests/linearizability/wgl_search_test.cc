// The Wing-Gong-Lowe search on small hand-made histories: linearizable or not, with
// pending operations, and its limits.
#include "linearizability/wgl_search.h"

#include <gtest/gtest.h>

#include "history_maker.h"
#include "linearizability/queue_model.h"
#include "linearizability/register_model.h"

namespace grader {
namespace {

class WglSearchTest : public ::testing::Test {
 protected:
  Linearizability Search(const HistoryMaker& maker, const Model& model) {
    return SearchLinearization(maker.Build(), model, {}).verdict;
  }

  RegisterModel register_{/*with_cas=*/true};
  QueueModel queue_;
};

TEST_F(WglSearchTest, EmptyHistoryIsLinearizable) {
  EXPECT_EQ(Search(HistoryMaker(), register_), Linearizability::kLinearizable);
}

TEST_F(WglSearchTest, SequentialHistoryFollowsTheModel) {
  HistoryMaker ok;
  ok.Run(0, "write", V(1));
  ok.Run(1, "read", {}, V(1));
  ok.Run(0, "cas", L({V(1), V(2)}));
  ok.Run(1, "read", {}, V(2));
  EXPECT_EQ(Search(ok, register_), Linearizability::kLinearizable);

  HistoryMaker stale;
  stale.Run(0, "write", V(1));
  stale.Run(1, "read", {}, Value());
  EXPECT_EQ(Search(stale, register_), Linearizability::kNotLinearizable);
}

TEST_F(WglSearchTest, OverlappingOperationsMayTakeEffectInEitherOrder) {
  HistoryMaker h;
  const auto write = h.Call(0, "write", V(1));
  const auto read = h.Call(1, "read");
  h.Return(read, Value());  // the read took effect before the write
  h.Return(write);
  h.Run(1, "read", {}, V(1));
  EXPECT_EQ(Search(h, register_), Linearizability::kLinearizable);
}

TEST_F(WglSearchTest, ReadsMayNotGoBackInTime) {
  // While write(2) runs, one read sees 2 and a later read sees 1 again.
  HistoryMaker h;
  h.Run(0, "write", V(1));
  const auto write = h.Call(0, "write", V(2));
  h.Run(1, "read", {}, V(2));
  h.Run(2, "read", {}, V(1));
  h.Return(write);
  EXPECT_EQ(Search(h, register_), Linearizability::kNotLinearizable);
}

TEST_F(WglSearchTest, PendingOperationsMayTakeEffectLaterOrNever) {
  HistoryMaker took_effect;
  took_effect.Call(0, "write", V(1));  // never returns
  took_effect.Run(1, "read", {}, V(1));
  EXPECT_EQ(Search(took_effect, register_), Linearizability::kLinearizable);

  HistoryMaker never;
  never.Call(0, "write", V(1));
  never.Run(1, "read", {}, Value());
  never.Run(1, "read", {}, Value());
  EXPECT_EQ(Search(never, register_), Linearizability::kLinearizable);

  HistoryMaker not_before_its_call;
  not_before_its_call.Run(1, "read", {}, V(1));
  not_before_its_call.Call(0, "write", V(1));
  EXPECT_EQ(Search(not_before_its_call, register_), Linearizability::kNotLinearizable);
}

TEST_F(WglSearchTest, PendingGetMayHaveTakenAnItem) {
  HistoryMaker h;
  h.Run(0, "put", V(1));
  h.Run(0, "put", V(2));
  h.Call(1, "get");  // blocked forever, or took 1 and never returned
  h.Run(2, "get", {}, V(2));
  EXPECT_EQ(Search(h, queue_), Linearizability::kLinearizable);
}

TEST_F(WglSearchTest, QueueWithRepeatedValues) {
  HistoryMaker fifo;
  fifo.Run(0, "put", V(1));
  fifo.Run(0, "put", V(2));
  fifo.Run(0, "put", V(1));
  fifo.Run(1, "get", {}, V(1));
  fifo.Run(1, "get", {}, V(2));
  fifo.Run(1, "get", {}, V(1));
  EXPECT_EQ(Search(fifo, queue_), Linearizability::kLinearizable);

  HistoryMaker lifo;
  lifo.Run(0, "put", V(1));
  lifo.Run(0, "put", V(2));
  lifo.Run(0, "put", V(1));
  lifo.Run(1, "get", {}, V(1));
  lifo.Run(1, "get", {}, V(1));
  EXPECT_EQ(Search(lifo, queue_), Linearizability::kNotLinearizable);
}

History ManyConcurrentWrites() {
  HistoryMaker h;
  std::vector<std::size_t> writes;
  for (int p = 0; p < 12; ++p) writes.push_back(h.Call(p, "write", V(p)));
  for (std::size_t w : writes) h.Return(w);
  h.Run(0, "read", {}, V(99));  // never written: every order is tried
  return h.Build();
}

TEST_F(WglSearchTest, LimitsGiveUnknown) {
  SearchLimits states;
  states.max_states = 10;
  SearchResult result = SearchLinearization(ManyConcurrentWrites(), register_, states);
  EXPECT_EQ(result.verdict, Linearizability::kUnknown);
  EXPECT_EQ(result.exhausted, "states");

  SearchLimits memory;
  memory.max_memory_bytes = 1000;
  result = SearchLinearization(ManyConcurrentWrites(), register_, memory);
  EXPECT_EQ(result.verdict, Linearizability::kUnknown);
  EXPECT_EQ(result.exhausted, "memory");

  SearchLimits time;
  time.deadline = std::chrono::steady_clock::now();
  result = SearchLinearization(ManyConcurrentWrites(), register_, time);
  EXPECT_EQ(result.verdict, Linearizability::kUnknown);
  EXPECT_EQ(result.exhausted, "time");

  // Without limits the cache keeps it small: 2^12 sets of writes, one state each.
  result = SearchLinearization(ManyConcurrentWrites(), register_, {});
  EXPECT_EQ(result.verdict, Linearizability::kNotLinearizable);
  EXPECT_LE(result.states, 4096 * 12);
}

TEST_F(WglSearchTest, ProbeRecordsTheStatesAnOpWasTriedIn) {
  HistoryMaker h;
  const auto a = h.Call(0, "write", V(1));
  const auto b = h.Call(1, "write", V(2));
  h.Return(a);
  h.Return(b);
  const auto read = h.Run(2, "read", {}, V(3));
  const SearchResult result = SearchLinearization(h.Build(), register_, {}, read);
  EXPECT_EQ(result.verdict, Linearizability::kNotLinearizable);
  EXPECT_EQ(result.probe_states.size(), 2u);  // after either order of the writes
  EXPECT_NE(std::find(result.probe_states.begin(), result.probe_states.end(), ModelState{V(1)}),
            result.probe_states.end());
  EXPECT_NE(std::find(result.probe_states.begin(), result.probe_states.end(), ModelState{V(2)}),
            result.probe_states.end());
}

}  // namespace
}  // namespace grader
