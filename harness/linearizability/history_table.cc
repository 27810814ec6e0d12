#include "linearizability/history_table.h"

#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>

namespace grader {
namespace {

constexpr std::string_view kCulpritMark = "<- first that cannot be linearized";

struct Row {
  std::int64_t position;
  std::size_t column;
  std::string text;
  bool culprit;
};

}  // namespace

std::string RenderHistoryTable(const History& history, const Model& model,
                               std::optional<std::size_t> culprit) {
  std::map<int, std::size_t> column_of;  // process -> column, processes in increasing order
  std::map<int, std::string> header_of;
  for (const Operation& op : history.ops) {
    column_of.emplace(op.process, 0);
    header_of.emplace(op.process, ProcessLabel(op));
  }
  std::vector<std::string> headers;
  for (auto& [process, column] : column_of) {
    column = headers.size();
    headers.push_back(header_of.at(process));
  }

  std::vector<Row> rows;
  std::int64_t last = 0;
  for (const Operation& op : history.ops) {
    last = std::max(last, op.pending ? op.call : op.ret);
  }
  for (std::size_t i = 0; i < history.ops.size(); ++i) {
    const Operation& op = history.ops[i];
    const std::size_t column = column_of.at(op.process);
    rows.push_back({op.call, column, model.CallText(op) + " ...", false});
    if (!op.pending) {
      rows.push_back({op.ret, column, "... -> " + model.ResultText(op), culprit == i});
    } else {
      // After every event, in call order.
      rows.push_back({last + 1 + op.call, column,
                      op.returned_later ? "... (returns later)" : "... (never returned)", false});
    }
  }
  std::sort(rows.begin(), rows.end(),
            [](const Row& a, const Row& b) { return a.position < b.position; });

  std::vector<std::size_t> width(headers.size());
  for (std::size_t c = 0; c < headers.size(); ++c) width[c] = headers[c].size();
  for (const Row& row : rows) width[row.column] = std::max(width[row.column], row.text.size());
  auto line = [&](std::size_t column, const std::string& text, bool mark) {
    std::string out;
    for (std::size_t c = 0; c < column; ++c) out += std::string(width[c] + 2, ' ');
    out += text;
    if (mark) {
      out += std::string(width[column] - text.size() + 2, ' ');
      out += kCulpritMark;
    }
    return out + "\n";
  };
  std::string table;
  for (std::size_t c = 0; c < headers.size(); ++c) {
    table += headers[c];
    if (c + 1 < headers.size()) table += std::string(width[c] - headers[c].size() + 2, ' ');
  }
  table += "\n";
  for (const Row& row : rows) table += line(row.column, row.text, row.culprit);
  return table;
}

std::string RenderCounterexample(const Counterexample& counterexample, const Model& model) {
  std::string text;
  if (!counterexample.pattern.empty()) text += counterexample.pattern + "\n";
  text += RenderHistoryTable(counterexample.history, model, counterexample.culprit);
  if (!counterexample.explanation.empty()) text += counterexample.explanation + "\n";
  return text;
}

}  // namespace grader
