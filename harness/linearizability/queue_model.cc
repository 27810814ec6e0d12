#include "linearizability/queue_model.h"

#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

namespace grader {

bool QueueModel::IsPut(const Operation& op) { return FunctionIs(op, {"put", "enqueue"}); }

bool QueueModel::IsGet(const Operation& op) { return FunctionIs(op, {"get", "dequeue"}); }

bool QueueModel::IsEmptyResult(const Value& output) {
  return output.is_nil() ||
         (output.is_string() && (output.text() == "empty" || output.text() == "timeout"));
}

std::string QueueModel::Validate(const Operation& op) const {
  if (IsPut(op)) {
    if (IsEmptyResult(op.input)) {
      return fmt::format(
          "{}({}): a queue item cannot be nil, \"empty\" or \"timeout\" (those "
          "are what a get on an empty queue returns)",
          op.f, op.input.ToString());
    }
    return "";
  }
  if (IsGet(op)) return "";
  return fmt::format(
      "the queue model has no operation '{}' (it has put/enqueue and "
      "get/dequeue)",
      op.f);
}

std::optional<ModelState> QueueModel::Step(const ModelState& state, const Operation& op) const {
  if (IsPut(op)) {
    ModelState next = state;
    next.push_back(op.input);
    return next;
  }
  if (op.pending) {
    // Had it returned, it would have returned the head, or found the queue empty.
    if (state.empty()) return state;
    return ModelState(state.begin() + 1, state.end());
  }
  if (IsEmptyResult(op.output)) {
    if (!state.empty()) return std::nullopt;
    return state;
  }
  if (state.empty() || state.front() != op.output) return std::nullopt;
  return ModelState(state.begin() + 1, state.end());
}

std::optional<Operation> QueueModel::Complete(const ModelState& state, const Operation& op) const {
  Operation done = op;
  done.pending = false;
  done.returned_later = false;
  if (IsGet(op)) done.output = state.empty() ? Value() : state.front();
  return done;
}

std::string QueueModel::CallText(const Operation& op) const {
  if (IsGet(op)) return op.f + "()";
  return fmt::format("{}({})", op.f, op.input.ToString());
}

std::string QueueModel::ResultText(const Operation& op) const {
  if (IsPut(op)) return "ok";
  return IsEmptyResult(op.output) ? "empty" : op.output.ToString();
}

std::vector<bool> QueueModel::Unobservable(const History& history) const {
  std::unordered_set<Value, ValueHash> got;
  for (const Operation& op : history.ops) {
    if (IsGet(op) && !op.pending && !IsEmptyResult(op.output)) got.insert(op.output);
  }
  std::vector<bool> unobservable(history.ops.size(), false);
  for (std::size_t i = 0; i < history.ops.size(); ++i) {
    const Operation& op = history.ops[i];
    unobservable[i] = op.pending && IsPut(op) && !got.contains(op.input);
  }
  return unobservable;
}

std::vector<std::vector<std::size_t>> QueueModel::RemovalGroups(const History& history) const {
  std::vector<std::vector<std::size_t>> groups;
  std::unordered_map<Value, std::size_t, ValueHash> group_of_value;
  auto group_of = [&](const Value& value) -> std::vector<std::size_t>& {
    auto [it, added] = group_of_value.try_emplace(value, groups.size());
    if (added) groups.emplace_back();
    return groups[it->second];
  };
  for (std::size_t i = 0; i < history.ops.size(); ++i) {
    const Operation& op = history.ops[i];
    if (IsPut(op)) {
      group_of(op.input).push_back(i);
    } else if (!op.pending && IsEmptyResult(op.output)) {
      groups.push_back({i});
    } else if (!op.pending) {
      group_of(op.output).push_back(i);
    }
    // A pending get stays: it may have taken an item that nothing else accounts for.
  }
  return groups;
}

}  // namespace grader
