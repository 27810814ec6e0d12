// Theory of operation. CheckLinearizability decides whether a history is linearizable with
// respect to a model:
//  1. every op is validated against the model (an unknown function is bad input);
//  2. for a queue whose values are all distinct, the polynomial pattern check decides
//     (queue_fast_path.h), and a violation's 2-4 ops are the counterexample;
//  3. otherwise pending ops no other op could observe are dropped (Model::Unobservable),
//     the history is split into the model's independent parts (a key-value
//     store: one per key) and each is searched with Wing-Gong-Lowe (wgl_search.h);
//  4. a non-linearizable part is shrunk to a counterexample (counterexample.h).
// A search that runs out of time, states or memory answers kUnknown: never an error, and
// never "not linearizable" without a violation found.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "linearizability/counterexample.h"
#include "linearizability/history.h"
#include "linearizability/model.h"
#include "linearizability/wgl_search.h"

namespace grader {

struct LinearizabilityOptions {
  // The whole check's budget (all parts together), then the counterexample's own.
  std::chrono::milliseconds time_limit{30'000};
  std::chrono::milliseconds minimize_time_limit{10'000};
  std::int64_t max_states = 20'000'000;       // configurations cached, all parts together
  std::size_t max_memory_bytes = 2ULL << 30;  // estimated cache size of one part's search
  bool queue_fast_path = true;  // off: queues go through the search too (for comparisons)
  bool minimize = true;         // off: the counterexample is the whole failing part
};

struct LinearizabilityResult {
  Linearizability verdict = Linearizability::kUnknown;
  std::string unknown_reason;                    // kUnknown: which limit ran out, for people
  std::optional<Counterexample> counterexample;  // set when kNotLinearizable
  std::int64_t states = 0;                       // configurations the searches cached
  std::size_t parts = 0;                         // independent parts searched
  bool fast_path = false;                        // the queue pattern check decided
};

// Throws InputError ("source:line: what is wrong") when an op is not one the model knows.
LinearizabilityResult CheckLinearizability(const History& history, const Model& model,
                                           const LinearizabilityOptions& options = {});

}  // namespace grader
