// A history as people read it: one column per process, one row per event in time order.
//
//   process 0     process 1     process 2
//   put(1) ...
//                 put(2) ...
//   ... -> ok
//                 ... -> ok
//                               get() ...
//                               ... -> 2      <- first that cannot be linearized
//   get() ...
//   ... (never returned)
//
// A pending op ends in "... (never returned)", or "... (returns later)" when it did return
// but after the part shown.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "linearizability/counterexample.h"
#include "linearizability/history.h"
#include "linearizability/model.h"

namespace grader {

// `culprit`: an index into history.ops whose return row is marked.
std::string RenderHistoryTable(const History& history, const Model& model,
                               std::optional<std::size_t> culprit = std::nullopt);

// The counterexample for people: the queue pattern (if any), the table, the explanation.
// Every line ends in '\n'.
std::string RenderCounterexample(const Counterexample& counterexample, const Model& model);

}  // namespace grader
