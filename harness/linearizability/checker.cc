#include "linearizability/checker.h"

#include <fmt/format.h>

#include "common/error.h"
#include "linearizability/queue_fast_path.h"
#include "linearizability/queue_model.h"

namespace grader {
namespace {

using Clock = std::chrono::steady_clock;

SearchLimits MinimizeLimits(const LinearizabilityOptions& options) {
  SearchLimits limits;
  limits.max_states = options.max_states;
  limits.max_memory_bytes = options.max_memory_bytes;
  limits.deadline = Clock::now() + options.minimize_time_limit;
  return limits;
}

std::string UnknownReason(const std::string& exhausted, const LinearizabilityOptions& options) {
  if (exhausted == "time") {
    return fmt::format("the search ran out of time ({} ms)", options.time_limit.count());
  }
  if (exhausted == "states") {
    return fmt::format("the search reached its limit of {} configurations", options.max_states);
  }
  return fmt::format("the search reached its memory limit ({} MiB)",
                     options.max_memory_bytes >> 20);
}

// The fast path's answer, or nullopt when the search has to decide.
std::optional<LinearizabilityResult> CheckQueuePatterns(const History& history,
                                                        const QueueModel& model,
                                                        const LinearizabilityOptions& options) {
  const QueueFastResult fast = CheckQueueFast(history, model);
  LinearizabilityResult result;
  result.fast_path = true;
  if (fast.answer == QueueFastResult::Answer::kLinearizable) {
    result.verdict = Linearizability::kLinearizable;
    return result;
  }
  if (fast.answer != QueueFastResult::Answer::kNotLinearizable) return std::nullopt;
  const History pattern = SubHistory(history, fast.pattern.ops);
  Counterexample counterexample = Explain(pattern, model, MinimizeLimits(options));
  // The pattern's few ops violate the queue on their own; if the search does not agree,
  // trust the search on the whole history rather than report a doubtful pattern.
  if (!counterexample.culprit) return std::nullopt;
  counterexample.pattern =
      fmt::format("{}: {}", PatternName(fast.pattern.kind), fast.pattern.description);
  result.verdict = Linearizability::kNotLinearizable;
  result.counterexample = std::move(counterexample);
  return result;
}

}  // namespace

LinearizabilityResult CheckLinearizability(const History& history, const Model& model,
                                           const LinearizabilityOptions& options) {
  for (const Operation& op : history.ops) {
    const std::string problem = model.Validate(op);
    if (!problem.empty()) throw InputError(fmt::format("{}: {}", Where(history, op), problem));
  }
  if (const auto* queue = dynamic_cast<const QueueModel*>(&model);
      queue != nullptr && options.queue_fast_path) {
    if (std::optional<LinearizabilityResult> decided =
            CheckQueuePatterns(history, *queue, options)) {
      return std::move(*decided);
    }
  }

  History relevant;
  relevant.source = history.source;
  const std::vector<bool> unobservable = model.Unobservable(history);
  for (std::size_t i = 0; i < history.ops.size(); ++i) {
    if (!unobservable[i]) relevant.ops.push_back(history.ops[i]);
  }

  LinearizabilityResult result;
  result.verdict = Linearizability::kLinearizable;
  SearchLimits limits;
  limits.max_memory_bytes = options.max_memory_bytes;
  limits.deadline = Clock::now() + options.time_limit;
  for (const std::vector<std::size_t>& indices : model.Partition(relevant)) {
    const History part = SubHistory(relevant, indices);
    limits.max_states = options.max_states - result.states;
    const SearchResult search = SearchLinearization(part, model, limits);
    result.states += search.states;
    ++result.parts;
    if (search.verdict == Linearizability::kNotLinearizable) {
      result.verdict = Linearizability::kNotLinearizable;
      if (options.minimize) {
        result.counterexample = Minimize(part, model, MinimizeLimits(options));
      } else {
        result.counterexample = Counterexample{part, std::nullopt, "", ""};
      }
      return result;
    }
    // Keep going: a later part may still show a violation, which is a definite answer.
    if (search.verdict == Linearizability::kUnknown && result.unknown_reason.empty()) {
      result.verdict = Linearizability::kUnknown;
      result.unknown_reason = UnknownReason(search.exhausted, options);
    }
  }
  return result;
}

}  // namespace grader
