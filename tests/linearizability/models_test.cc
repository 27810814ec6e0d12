// The sequential specifications, one step at a time: what each accepts, what a pending op
// does, what they tell people, and how they split and shrink histories.
#include <gtest/gtest.h>

#include "common/error.h"
#include "history_maker.h"
#include "linearizability/kv_model.h"
#include "linearizability/queue_model.h"
#include "linearizability/register_model.h"

namespace grader {
namespace {

Operation Op(std::string f, Value input, Value output = Value(), bool pending = false) {
  Operation op;
  op.f = std::move(f);
  op.input = std::move(input);
  op.output = std::move(output);
  op.pending = pending;
  return op;
}

Operation Pending(std::string f, Value input = Value()) {
  return Op(std::move(f), std::move(input), Value(), true);
}

TEST(QueueModelTest, IsFifo) {
  const QueueModel queue;
  ModelState state = queue.Initial();
  state = *queue.Step(state, Op("put", V(1)));
  state = *queue.Step(state, Op("enqueue", V(2)));
  EXPECT_EQ(state, (ModelState{V(1), V(2)}));
  EXPECT_FALSE(queue.Step(state, Op("get", {}, V(2))));
  EXPECT_FALSE(queue.Step(state, Op("get", {}, Value())));
  state = *queue.Step(state, Op("dequeue", {}, V(1)));
  EXPECT_EQ(state, (ModelState{V(2)}));
}

TEST(QueueModelTest, EmptyResultsNeedAnEmptyQueue) {
  const QueueModel queue;
  for (const Value& empty : {Value(), V("empty"), V("timeout")}) {
    EXPECT_EQ(queue.Step({}, Op("get", {}, empty)), ModelState{});
    EXPECT_FALSE(queue.Step({V(1)}, Op("get", {}, empty)));
  }
}

TEST(QueueModelTest, PendingGetTakesTheHeadOrNothing) {
  const QueueModel queue;
  EXPECT_EQ(queue.Step({V(1), V(2)}, Pending("get")), ModelState{V(2)});
  EXPECT_EQ(queue.Step({}, Pending("get")), ModelState{});
}

TEST(QueueModelTest, ValidatesOperations) {
  const QueueModel queue;
  EXPECT_EQ(queue.Validate(Op("put", V(1))), "");
  EXPECT_EQ(queue.Validate(Op("get", {})), "");
  EXPECT_EQ(queue.Validate(Op("pop", {})),
            "the queue model has no operation 'pop' (it has put/enqueue and get/dequeue)");
  EXPECT_EQ(queue.Validate(Op("put", Value())),
            "put(nil): a queue item cannot be nil, \"empty\" or \"timeout\" (those are what a "
            "get on an empty queue returns)");
}

TEST(QueueModelTest, TextsAndCompletion) {
  const QueueModel queue;
  EXPECT_EQ(queue.CallText(Op("put", V(3))), "put(3)");
  EXPECT_EQ(queue.CallText(Op("get", {})), "get()");
  EXPECT_EQ(queue.ResultText(Op("put", V(3))), "ok");
  EXPECT_EQ(queue.ResultText(Op("get", {}, V(3))), "3");
  EXPECT_EQ(queue.ResultText(Op("get", {}, V("timeout"))), "empty");
  EXPECT_EQ(queue.StateText({V(3), V(4)}), "[3 4]");
  EXPECT_EQ(queue.Complete({V(3)}, Pending("get"))->output, V(3));
  EXPECT_TRUE(queue.Complete({}, Pending("get"))->output.is_nil());
}

TEST(QueueModelTest, RemovalGroupsAreValuesAndEmptyGets) {
  HistoryMaker h;
  h.Run(0, "put", V(1));         // 0
  h.Run(0, "put", V(2));         // 1
  h.Run(1, "get", {}, V(1));     // 2
  h.Run(1, "get", {}, Value());  // 3
  h.Call(2, "get");              // 4: pending, never removed
  h.Run(0, "put", V(1));         // 5
  const auto groups = QueueModel().RemovalGroups(h.Build());
  EXPECT_EQ(groups, (std::vector<std::vector<std::size_t>>{{0, 2, 5}, {1}, {3}}));
}

TEST(QueueModelTest, PendingPutsNobodyGotAreUnobservable) {
  HistoryMaker h;
  h.Call(0, "put", V(1));
  h.Call(1, "put", V(2));
  h.Run(2, "get", {}, V(2));
  EXPECT_EQ(QueueModel().Unobservable(h.Build()), (std::vector<bool>{true, false, false}));
}

TEST(RegisterModelTest, ReadsWhatWasWritten) {
  const RegisterModel reg(false);
  EXPECT_EQ(reg.Initial(), ModelState{Value()});
  EXPECT_TRUE(reg.Step({Value()}, Op("read", {}, Value())));
  EXPECT_FALSE(reg.Step({Value()}, Op("read", {}, V(1))));
  EXPECT_EQ(reg.Step({Value()}, Op("write", V(1))), ModelState{V(1)});
  EXPECT_EQ(reg.Step({V(1)}, Pending("read")), ModelState{V(1)});
  EXPECT_EQ(reg.Validate(Op("cas", L({V(1), V(2)}))),
            "the register model has no operation 'cas' (it has read, write)");
  EXPECT_EQ(reg.ResultText(Op("read", {}, V(4))), "4");
  EXPECT_EQ(reg.ResultText(Op("write", V(4), V(4))), "ok");
  EXPECT_EQ(reg.CallText(Op("write", V(4))), "write(4)");
  EXPECT_EQ(reg.StateText({Value()}), "nil");
}

TEST(RegisterModelTest, CompareAndSwap) {
  const RegisterModel reg(true);
  const Operation cas = Op("cas", L({V(1), V(2)}));
  EXPECT_EQ(reg.Step({V(1)}, cas), ModelState{V(2)});
  EXPECT_FALSE(reg.Step({V(3)}, cas));
  Operation pending = cas;
  pending.pending = true;
  EXPECT_EQ(reg.Step({V(3)}, pending), ModelState{V(3)});  // fails: no effect
  EXPECT_EQ(reg.Step({V(1)}, pending), ModelState{V(2)});
  EXPECT_TRUE(reg.Complete({V(1)}, cas));
  EXPECT_FALSE(reg.Complete({V(3)}, cas));
  EXPECT_EQ(reg.CallText(cas), "cas(1, 2)");
  EXPECT_EQ(reg.Validate(Op("cas", V(1))), "cas needs [old new], not 1");
}

TEST(RegisterModelTest, RemovalGroupsJoinValuesThroughCas) {
  HistoryMaker h;
  h.Run(0, "write", V(1));           // 0
  h.Run(0, "cas", L({V(1), V(2)}));  // 1
  h.Run(1, "read", {}, V(2));        // 2
  h.Run(1, "write", V(3));           // 3
  h.Run(1, "read", {}, V(3));        // 4
  const auto groups = RegisterModel(true).RemovalGroups(h.Build());
  EXPECT_EQ(groups, (std::vector<std::vector<std::size_t>>{{0, 1, 2}, {3, 4}, {2}, {4}}));
}

TEST(RegisterModelTest, WriteNobodyReadsIsRemovableAlone) {
  HistoryMaker h;
  h.Run(0, "write", V(1));           // 0: read by 2
  h.Run(0, "write", V(4));           // 1: read by nobody
  h.Run(1, "read", {}, V(1));        // 2
  h.Run(1, "cas", L({V(1), V(5)}));  // 3: observes 1, writes 5 nobody reads
  const auto groups = RegisterModel(true).RemovalGroups(h.Build());
  EXPECT_EQ(groups, (std::vector<std::vector<std::size_t>>{{0, 2, 3}, {1}, {2}, {3}}));
}

TEST(RegisterModelTest, PendingWritesNobodyReadsAreUnobservable) {
  HistoryMaker h;
  h.Call(0, "write", V(1));           // read by nobody
  h.Call(1, "write", V(2));           // observed by the pending cas ...
  h.Call(2, "cas", L({V(2), V(5)}));  // ... which writes 5, read by nobody
  h.Call(3, "write", V(3));
  h.Run(4, "read", {}, V(3));
  EXPECT_EQ(RegisterModel(true).Unobservable(h.Build()),
            (std::vector<bool>{true, true, true, false, false}));
}

TEST(KvModelTest, KeysAreIndependentRegisters) {
  const KvModel kv;
  ModelState state = kv.Initial();
  state = *kv.Step(state, Op("put", L({V("x"), V(1)})));
  state = *kv.Step(state, Op("put", L({V("y"), V(2)})));
  EXPECT_TRUE(kv.Step(state, Op("get", L({V("x"), Value()}), L({V("x"), V(1)}))));
  EXPECT_TRUE(kv.Step(state, Op("read", L({V("y")}), V(2))));
  EXPECT_TRUE(kv.Step(state, Op("get", L({V("z")}), L({V("z"), Value()}))));
  EXPECT_FALSE(kv.Step(state, Op("get", L({V("x")}), L({V("x"), V(2)}))));
  EXPECT_EQ(kv.StateText(state), "{x: 1, y: 2}");
  EXPECT_EQ(kv.CallText(Op("get", L({V("x"), Value()}))), "get(x)");
  EXPECT_EQ(kv.CallText(Op("put", L({V("x"), V(1)}))), "put(x, 1)");
  EXPECT_EQ(kv.ResultText(Op("get", L({V("x")}), L({V("x"), V(1)}))), "1");
  EXPECT_EQ(kv.Complete(state, Pending("get", L({V("y")})))->output, L({V("y"), V(2)}));
}

TEST(KvModelTest, Validates) {
  const KvModel kv;
  EXPECT_EQ(kv.Validate(Op("put", V(1))), "put needs [key value] as its value, not 1");
  EXPECT_EQ(kv.Validate(Op("get", L({}))), "get needs [key] or [key nil] as its value, not []");
  EXPECT_EQ(kv.Validate(Op("get", L({V("x")}), L({V("y"), V(1)}))),
            "get of key x returned [y 1], a pair of another key");
  EXPECT_EQ(kv.Validate(Op("cas", L({V("x"), V(1)}))),
            "the kv model has no operation 'cas' (it has put/write and get/read)");
}

TEST(KvModelTest, PartitionsByKey) {
  HistoryMaker h;
  h.Run(0, "put", L({V("x"), V(1)}));
  h.Run(1, "put", L({V("y"), V(1)}));
  h.Run(0, "get", L({V("x")}), L({V("x"), V(1)}));
  EXPECT_EQ(KvModel().Partition(h.Build()), (std::vector<std::vector<std::size_t>>{{0, 2}, {1}}));
}

TEST(MakeModelTest, KnowsTheFourModels) {
  EXPECT_EQ(MakeModel("queue")->Name(), "queue");
  EXPECT_EQ(MakeModel("register")->Name(), "register");
  EXPECT_EQ(MakeModel("cas-register")->Name(), "cas-register");
  EXPECT_EQ(MakeModel("kv")->Name(), "kv");
  try {
    MakeModel("stack");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "unknown model 'stack' (known models: queue, register, cas-register, kv)");
  }
}

}  // namespace
}  // namespace grader
