#include "linearizability/kv_model.h"

#include <unordered_map>

#include <fmt/format.h>

#include "linearizability/register_model.h"

namespace grader {
namespace {

bool IsPut(const Operation& op) { return FunctionIs(op, {"put", "write"}); }
bool IsGet(const Operation& op) { return FunctionIs(op, {"get", "read"}); }

const Value& KeyOf(const Operation& op) { return op.input.items()[0]; }

// What a completed get read: the v of [k v], or a bare v.
const Value& ReadValue(const Operation& op) {
  if (op.output.is_list() && op.output.items().size() == 2) return op.output.items()[1];
  return op.output;
}

// The state holds [key value] pairs in the order keys were first written; a key not in it
// holds nil.
ModelState::const_iterator Find(const ModelState& state, const Value& key) {
  for (auto it = state.begin(); it != state.end(); ++it) {
    if (it->items()[0] == key) return it;
  }
  return state.end();
}

Value ValueAt(const ModelState& state, const Value& key) {
  auto it = Find(state, key);
  return it == state.end() ? Value() : it->items()[1];
}

// Values are [key value] pairs, so one key's values never mix with another's.
ValueAccess Access() {
  return {[](const Operation& op) -> std::optional<Value> {
            if (!IsGet(op) || op.pending) return std::nullopt;
            return Value::List({KeyOf(op), ReadValue(op)});
          },
          [](const Operation& op) -> std::optional<Value> {
            if (!IsPut(op)) return std::nullopt;
            return Value::List({KeyOf(op), op.input.items()[1]});
          }};
}

}  // namespace

std::string KvModel::Validate(const Operation& op) const {
  if (!IsPut(op) && !IsGet(op)) {
    return fmt::format("the kv model has no operation '{}' (it has put/write and get/read)", op.f);
  }
  if (!op.input.is_list() || op.input.items().empty() || op.input.items().size() > 2 ||
      (IsPut(op) && op.input.items().size() != 2)) {
    return fmt::format("{} needs {} as its value, not {}", op.f,
                       IsPut(op) ? "[key value]" : "[key] or [key nil]", op.input.ToString());
  }
  if (IsGet(op) && !op.pending && op.output.is_list() && op.output.items().size() == 2 &&
      op.output.items()[0] != KeyOf(op)) {
    return fmt::format("{} of key {} returned {}, a pair of another key", op.f,
                       KeyOf(op).ToString(), op.output.ToString());
  }
  return "";
}

std::optional<ModelState> KvModel::Step(const ModelState& state, const Operation& op) const {
  const Value& key = KeyOf(op);
  if (IsGet(op)) {
    if (op.pending || ReadValue(op) == ValueAt(state, key)) return state;
    return std::nullopt;
  }
  ModelState next = state;
  auto it = Find(state, key);
  const Value pair = Value::List({key, op.input.items()[1]});
  if (it == state.end()) {
    next.push_back(pair);
  } else {
    next[it - state.begin()] = pair;
  }
  return next;
}

std::optional<Operation> KvModel::Complete(const ModelState& state, const Operation& op) const {
  Operation done = op;
  done.pending = false;
  done.returned_later = false;
  if (IsGet(op)) done.output = Value::List({KeyOf(op), ValueAt(state, KeyOf(op))});
  return done;
}

std::string KvModel::CallText(const Operation& op) const {
  if (IsGet(op)) return fmt::format("{}({})", op.f, KeyOf(op).ToString());
  return Model::CallText(op);
}

std::string KvModel::ResultText(const Operation& op) const {
  return IsGet(op) ? ReadValue(op).ToString() : "ok";
}

std::string KvModel::StateText(const ModelState& state) const {
  std::string text;
  for (const Value& pair : state) {
    if (!text.empty()) text += ", ";
    text += fmt::format("{}: {}", pair.items()[0].ToString(), pair.items()[1].ToString());
  }
  return "{" + text + "}";
}

std::vector<std::vector<std::size_t>> KvModel::Partition(const History& history) const {
  std::vector<std::vector<std::size_t>> parts;
  std::unordered_map<Value, std::size_t, ValueHash> part_of_key;
  for (std::size_t i = 0; i < history.ops.size(); ++i) {
    auto [it, added] = part_of_key.try_emplace(KeyOf(history.ops[i]), parts.size());
    if (added) parts.emplace_back();
    parts[it->second].push_back(i);
  }
  return parts;
}

std::vector<bool> KvModel::Unobservable(const History& history) const {
  return UnobservedWrites(history, Access());
}

std::vector<std::vector<std::size_t>> KvModel::RemovalGroups(const History& history) const {
  return ValueComponentGroups(history, Access());
}

}  // namespace grader
