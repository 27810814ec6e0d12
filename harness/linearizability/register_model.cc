#include "linearizability/register_model.h"

#include <cstdint>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

namespace grader {
namespace {

bool IsRead(const Operation& op) { return op.f == "read"; }
bool IsWrite(const Operation& op) { return op.f == "write"; }
bool IsCas(const Operation& op) { return op.f == "cas"; }

ValueAccess Access() {
  return {[](const Operation& op) -> std::optional<Value> {
            if (IsRead(op) && !op.pending) return op.output;
            if (IsCas(op)) return op.input.items()[0];
            return std::nullopt;
          },
          [](const Operation& op) -> std::optional<Value> {
            if (IsWrite(op)) return op.input;
            if (IsCas(op)) return op.input.items()[1];
            return std::nullopt;
          }};
}

}  // namespace

std::string RegisterModel::Validate(const Operation& op) const {
  if (IsRead(op) || IsWrite(op)) return "";
  if (IsCas(op) && with_cas_) {
    if (!op.input.is_list() || op.input.items().size() != 2) {
      return fmt::format("cas needs [old new], not {}", op.input.ToString());
    }
    return "";
  }
  return fmt::format("the {} model has no operation '{}' (it has read, write{})", Name(), op.f,
                     with_cas_ ? ", cas" : "");
}

std::optional<ModelState> RegisterModel::Step(const ModelState& state, const Operation& op) const {
  if (IsRead(op)) {
    if (op.pending || op.output == state[0]) return state;
    return std::nullopt;
  }
  if (IsWrite(op)) return ModelState{op.input};
  const Value& old_value = op.input.items()[0];
  if (state[0] == old_value) return ModelState{op.input.items()[1]};
  // A pending cas that finds another value fails: no effect.
  if (op.pending) return state;
  return std::nullopt;
}

std::optional<Operation> RegisterModel::Complete(const ModelState& state,
                                                 const Operation& op) const {
  if (IsCas(op) && state[0] != op.input.items()[0]) return std::nullopt;
  Operation done = op;
  done.pending = false;
  done.returned_later = false;
  done.output = IsRead(op) ? state[0] : op.input;
  return done;
}

std::string RegisterModel::CallText(const Operation& op) const {
  if (IsRead(op)) return "read()";
  return Model::CallText(op);
}

std::string RegisterModel::ResultText(const Operation& op) const {
  return IsRead(op) ? op.output.ToString() : "ok";
}

std::string RegisterModel::StateText(const ModelState& state) const { return state[0].ToString(); }

std::vector<std::vector<std::size_t>> RegisterModel::RemovalGroups(const History& history) const {
  return ValueComponentGroups(history, Access());
}

std::vector<bool> RegisterModel::Unobservable(const History& history) const {
  return UnobservedWrites(history, Access());
}

std::vector<bool> UnobservedWrites(const History& history, const ValueAccess& access) {
  // Why dropping is safe: in a linearization, the value such an op writes is observed by
  // nobody until the next write, so without the op every other op still sees what it saw;
  // pending ops that had no effect are dropped with it.
  std::unordered_map<Value, int, ValueHash> observers;
  for (const Operation& op : history.ops) {
    if (auto value = access.observed(op)) ++observers[*value];
  }
  std::vector<bool> dropped(history.ops.size(), false);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < history.ops.size(); ++i) {
      const Operation& op = history.ops[i];
      if (dropped[i] || !op.pending) continue;
      const std::optional<Value> written = access.written(op);
      if (!written) continue;
      auto it = observers.find(*written);
      if (it != observers.end() && it->second > 0) continue;
      dropped[i] = true;
      changed = true;
      if (auto value = access.observed(op)) --observers[*value];
    }
  }
  return dropped;
}

std::vector<std::vector<std::size_t>> ValueComponentGroups(const History& history,
                                                           const ValueAccess& access) {
  // Union-find over the distinct values.
  std::unordered_map<Value, std::size_t, ValueHash> id_of;
  std::vector<std::size_t> parent;
  auto find = [&](std::size_t id) {
    while (parent[id] != id) id = parent[id] = parent[parent[id]];
    return id;
  };
  std::unordered_map<Value, int, ValueHash> observers;
  std::vector<std::optional<Value>> observed(history.ops.size()), written(history.ops.size());
  for (std::size_t i = 0; i < history.ops.size(); ++i) {
    observed[i] = access.observed(history.ops[i]);
    written[i] = access.written(history.ops[i]);
    if (observed[i]) ++observers[*observed[i]];
    std::size_t first = SIZE_MAX;
    for (const std::optional<Value>& value : {observed[i], written[i]}) {
      if (!value) continue;
      auto [it, added] = id_of.try_emplace(*value, parent.size());
      if (added) parent.push_back(parent.size());
      if (first == SIZE_MAX) {
        first = find(it->second);
      } else {
        parent[find(it->second)] = first;
      }
    }
  }
  std::vector<std::vector<std::size_t>> groups;
  std::unordered_map<std::size_t, std::size_t> group_of_root;
  for (std::size_t i = 0; i < history.ops.size(); ++i) {
    const std::optional<Value>& value = observed[i] ? observed[i] : written[i];
    if (!value) continue;
    auto [it, added] = group_of_root.try_emplace(find(id_of.at(*value)), groups.size());
    if (added) groups.emplace_back();
    groups[it->second].push_back(i);
  }
  for (std::size_t i = 0; i < history.ops.size(); ++i) {
    if (!written[i]) {
      groups.push_back({i});
      continue;
    }
    const int own = observed[i] == written[i] ? 1 : 0;
    auto it = observers.find(*written[i]);
    if (it == observers.end() || it->second == own) groups.push_back({i});
  }
  // A value only one op touches makes the same group twice.
  std::set<std::vector<std::size_t>> seen;
  std::erase_if(groups,
                [&](const std::vector<std::size_t>& group) { return !seen.insert(group).second; });
  return groups;
}

}  // namespace grader
