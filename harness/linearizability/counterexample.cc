#include "linearizability/counterexample.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <vector>

#include <fmt/format.h>

namespace grader {
namespace {

bool ShownNotLinearizable(const History& history, const Model& model, const SearchLimits& limits) {
  return SearchLinearization(history, model, limits).verdict == Linearizability::kNotLinearizable;
}

std::vector<std::size_t> Indices(const std::vector<bool>& kept) {
  std::vector<std::size_t> indices;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (kept[i]) indices.push_back(i);
  }
  return indices;
}

// One pass of removals over the groups, in chunks of halving size (a light delta
// debugging): a history with one culprit among many ops loses most of them in a few checks.
// Returns whether anything was removed.
bool RemoveGroups(History& current, const Model& model, const SearchLimits& limits) {
  const std::vector<std::vector<std::size_t>> groups = model.RemovalGroups(current);
  std::vector<bool> kept(current.ops.size(), true);
  bool removed_any = false;
  for (std::size_t chunk = std::max<std::size_t>(1, groups.size() / 2);; chunk /= 2) {
    for (std::size_t start = 0; start < groups.size(); start += chunk) {
      if (std::chrono::steady_clock::now() >= limits.deadline) break;
      std::vector<bool> candidate = kept;
      bool changed = false;
      for (std::size_t g = start; g < std::min(groups.size(), start + chunk); ++g) {
        for (std::size_t op : groups[g]) {
          changed = changed || candidate[op];
          candidate[op] = false;
        }
      }
      if (!changed) continue;
      if (ShownNotLinearizable(SubHistory(current, Indices(candidate)), model, limits)) {
        kept = std::move(candidate);
        removed_any = true;
      }
    }
    if (chunk == 1) break;
  }
  current = SubHistory(current, Indices(kept));
  return removed_any;
}

std::string Outcome(const Model& model, const std::optional<Operation>& op) {
  return op ? model.ResultText(*op) : "fail";
}

}  // namespace

History CutAt(const History& history, std::int64_t cut) {
  History result;
  result.source = history.source;
  for (const Operation& op : history.ops) {
    if (op.call >= cut) continue;
    result.ops.push_back(op);
    if (op.ret > cut) {
      Operation& later = result.ops.back();
      later.returned_later = later.returned_later || !later.pending;
      later.pending = true;
      later.ret = kNeverReturned;
    }
  }
  return result;
}

std::optional<std::int64_t> FirstViolation(const History& history, const Model& model,
                                           const SearchLimits& limits) {
  std::vector<std::int64_t> returns;
  for (const Operation& op : history.ops) {
    if (!op.pending) returns.push_back(op.ret);
  }
  std::sort(returns.begin(), returns.end());
  // Cutting later only adds constraints, so "not linearizable" is monotone in the cut.
  std::size_t low = 0, high = returns.size();  // the answer is in [low, high)
  std::optional<std::int64_t> found;
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    if (ShownNotLinearizable(CutAt(history, returns[middle]), model, limits)) {
      found = returns[middle];
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  return found;
}

Counterexample Minimize(const History& history, const Model& model, const SearchLimits& limits) {
  History current = history;
  if (auto cut = FirstViolation(current, model, limits)) current = CutAt(current, *cut);
  // Removals can open new ones (a register's values fall apart into smaller groups once a
  // cas joining them is gone), so repeat while they help, a few times at most.
  for (int pass = 0; pass < 8 && RemoveGroups(current, model, limits); ++pass) {
  }
  if (auto cut = FirstViolation(current, model, limits)) current = CutAt(current, *cut);
  return Explain(current, model, limits);
}

Counterexample Explain(const History& history, const Model& model, const SearchLimits& limits) {
  Counterexample result;
  result.history = history;
  const std::optional<std::int64_t> cut = FirstViolation(history, model, limits);
  if (!cut) return result;
  // The history is shown whole (a queue pattern's ops all matter to its description), but
  // the search needs only the part before the cut.
  const History shown = CutAt(history, *cut);
  std::size_t culprit = 0;
  while (shown.ops[culprit].ret != *cut) ++culprit;
  for (std::size_t i = 0; i < history.ops.size(); ++i) {
    if (history.ops[i].ret == *cut) result.culprit = i;
  }
  const Operation& op = shown.ops[culprit];

  const SearchResult probe = SearchLinearization(shown, model, limits, culprit);
  std::vector<std::string> states, allowed;
  std::set<std::string> tried;
  for (const ModelState& state : probe.probe_states) {
    states.push_back(model.StateText(state));
    const std::optional<Operation> instead = model.Complete(state, op);
    const std::string outcome = Outcome(model, instead);
    if (!tried.insert(outcome).second) continue;
    History alternative = shown;
    if (instead) {
      alternative.ops[culprit] = *instead;
    } else {
      alternative.ops.erase(alternative.ops.begin() + culprit);
    }
    if (SearchLinearization(alternative, model, limits).verdict == Linearizability::kLinearizable) {
      allowed.push_back(outcome);
    }
  }
  for (std::vector<std::string>* list : {&states, &allowed}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  // "1, 2 or 3"; a long list of states is cut short, the results never are.
  auto join = [](const std::vector<std::string>& items, std::size_t at_most) {
    std::string text;
    const std::size_t listed = items.size() > at_most ? at_most - 1 : items.size();
    for (std::size_t i = 0; i < listed; ++i) {
      if (i > 0) text += i + 1 == items.size() ? " or " : ", ";
      text += items[i];
    }
    if (listed < items.size()) text += fmt::format(" or {} other states", items.size() - listed);
    return text;
  };
  const std::string call = model.CallText(op);
  result.explanation = fmt::format("{} -> {} ({}) cannot be linearized", call,
                                   model.ResultText(op), ProcessLabel(op));
  if (states.empty()) return result;  // it was never callable: the budget ran out
  result.explanation +=
      fmt::format(": at that point {} could hold {}", model.Noun(), join(states, 6));
  if (allowed.empty()) {
    result.explanation += fmt::format(", and no result of {} fits there", call);
  } else if (allowed.size() == 1 && allowed[0] == "fail") {
    result.explanation += fmt::format(", so {} could only fail", call);
  } else {
    result.explanation +=
        fmt::format(", so {} could only return {}", call, join(allowed, SIZE_MAX));
  }
  return result;
}

}  // namespace grader
