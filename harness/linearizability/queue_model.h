// A FIFO queue, initially empty.
//   put(v) / enqueue(v)  appends v; v must not be nil, "empty" or "timeout".
//   get() / dequeue()    removes and returns the head. A get that returned nil, "empty" or
//                        "timeout" says the queue was empty at its linearization point: a
//                        non-blocking get on an empty queue, or a get whose timeout expired
//                        (allowed only if the queue could have been empty at some point
//                        while it waited). A blocking get that never returned is pending.
// Queues are not P-compositional by value; the checker has a fast path for histories in
// which no value is put twice (queue_fast_path.h).
#pragma once

#include "linearizability/model.h"

namespace grader {

class QueueModel : public Model {
 public:
  std::string_view Name() const override { return "queue"; }
  std::string_view Noun() const override { return "the queue"; }
  std::string Validate(const Operation& op) const override;
  ModelState Initial() const override { return {}; }
  std::optional<ModelState> Step(const ModelState& state, const Operation& op) const override;
  std::optional<Operation> Complete(const ModelState& state, const Operation& op) const override;
  std::string CallText(const Operation& op) const override;
  std::string ResultText(const Operation& op) const override;
  // Pending puts of values no completed get returned: had one taken effect, its item would
  // only have blocked the items behind it.
  std::vector<bool> Unobservable(const History& history) const override;
  // Removing every put and get of one value is safe (the others still find the same heads),
  // and so is removing one get that found the queue empty.
  std::vector<std::vector<std::size_t>> RemovalGroups(const History& history) const override;

  static bool IsPut(const Operation& op);
  static bool IsGet(const Operation& op);
  // True when a get's result means "the queue was empty".
  static bool IsEmptyResult(const Value& output);
};

}  // namespace grader
