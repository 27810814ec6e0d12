// The Wing-Gong-Lowe search for a linearization of one history (G. Lowe, "Testing for
// linearizability", 2017): the history's call and return events in a doubly linked list
// in time order; the search linearizes some call before the first return still in the
// list (its op takes effect there: "lift" removes its call and return), and backtracks
// ("unlift") when it reaches a return whose op could not be linearized. Configurations
// (set of linearized ops as a bitset, model state) already explored are cached, so none is
// explored twice.
//
// Pending ops (no return) have their returns after every event: they may be linearized
// anywhere after their call, or never; the search succeeds once every completed op is.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "linearizability/history.h"
#include "linearizability/model.h"

namespace grader {

enum class Linearizability { kLinearizable, kNotLinearizable, kUnknown };

// "linearizable", "not linearizable", "unknown".
const char* LinearizabilityName(Linearizability verdict);

// When the search gives up (the answer is then kUnknown, never an error).
struct SearchLimits {
  std::int64_t max_states = 20'000'000;       // configurations cached
  std::size_t max_memory_bytes = 2ULL << 30;  // estimated size of the cache, in bytes
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

struct SearchResult {
  Linearizability verdict = Linearizability::kUnknown;
  std::int64_t states = 0;  // configurations cached
  std::string exhausted;    // kUnknown: which limit ran out ("time", "states", "memory")
  // With a probe: the distinct states in which the search tried to linearize the probed op
  // (at most kMaxProbeStates).
  std::vector<ModelState> probe_states;
};

inline constexpr std::size_t kMaxProbeStates = 32;

// REQUIRES: model.Validate(op) is empty for every op; event positions are distinct.
// `probe`: an index into history.ops whose attempted states are recorded.
SearchResult SearchLinearization(const History& history, const Model& model,
                                 const SearchLimits& limits,
                                 std::optional<std::size_t> probe = std::nullopt);

}  // namespace grader
