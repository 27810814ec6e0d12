#include "linearizability/history.h"

#include <algorithm>

#include <fmt/format.h>

namespace grader {

std::string Where(const History& history, const Operation& op) {
  if (history.source.empty()) return fmt::format("line {}", op.line);
  return fmt::format("{}:{}", history.source, op.line);
}

std::string ProcessLabel(const Operation& op) {
  if (!op.process_name.empty()) return op.process_name;
  return fmt::format("process {}", op.process);
}

History SubHistory(const History& history, const std::vector<std::size_t>& indices) {
  std::vector<std::size_t> sorted = indices;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  History sub;
  sub.source = history.source;
  sub.ops.reserve(sorted.size());
  for (std::size_t index : sorted) sub.ops.push_back(history.ops[index]);
  SortByCall(&sub);
  return sub;
}

void SortByCall(History* history) {
  std::stable_sort(history->ops.begin(), history->ops.end(),
                   [](const Operation& a, const Operation& b) { return a.call < b.call; });
}

}  // namespace grader
