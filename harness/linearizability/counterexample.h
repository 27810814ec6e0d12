// Shrinking a non-linearizable history to a counterexample people can read, and saying
// which operation broke.
//
// Shrinking never invents a violation: every step keeps a sub-history whose violation
// implies the original's.
//  1. Cut at the first violation: the earliest return `cut` such that the ops called
//     before it, with those returning after it made pending (their results unknown), are
//     already not linearizable. Any linearization of the whole history restricted to
//     the ops returned by `cut` (dropping the rest, which are pending here) would be one of
//     the cut history, so the cut history's violation is the original's. The op returning
//     at `cut` is the first that cannot be linearized: just before it, all was still fine.
//  2. Remove the model's removal groups (Model::RemovalGroups: e.g. every put and get of
//     one value), large chunks first, keeping only removals after which the history is
//     still not linearizable.
//  3. Cut again, and ask the model what the culprit could have returned instead: in each
//     state in which the search tried to linearize it, the result the model gives there,
//     kept if the history with that result is linearizable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "linearizability/history.h"
#include "linearizability/model.h"
#include "linearizability/wgl_search.h"

namespace grader {

struct Counterexample {
  History history;                     // a minimal non-linearizable sub-history
  std::optional<std::size_t> culprit;  // index in history.ops of the first op that cannot
                                       // be linearized (unset if the budget ran out first)
  std::string explanation;  // "get() -> 5 (process 2) cannot be linearized: at that point..."
  std::string pattern;      // the queue fast path's pattern ("VOrd: ..."), else empty
};

// The ops called before `cut`; those returning after it become pending (returned_later).
History CutAt(const History& history, std::int64_t cut);

// The position of the earliest return at which the cut history is not linearizable, or
// nullopt when no cut could be shown to be (the budget ran out).
std::optional<std::int64_t> FirstViolation(const History& history, const Model& model,
                                           const SearchLimits& limits);

// Steps 1 to 3 above. REQUIRES: `history` is not linearizable. When the budget runs out
// the counterexample is as small as it got, still a real one.
Counterexample Minimize(const History& history, const Model& model, const SearchLimits& limits);

// Step 3 only, for a history already small (a queue pattern), which is kept whole.
// REQUIRES: not linearizable.
Counterexample Explain(const History& history, const Model& model, const SearchLimits& limits);

}  // namespace grader
