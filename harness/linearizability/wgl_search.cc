#include "linearizability/wgl_search.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace grader {
namespace {

constexpr int kNone = -1;

// The event list. Entry 0 is the head sentinel; entries 1..2n are calls and returns.
struct EventList {
  std::vector<int> next, prev, op, match;
  std::vector<bool> is_call;

  explicit EventList(const History& history) {
    struct Event {
      std::int64_t position;
      std::size_t op;
      bool is_call;
    };
    std::vector<Event> events;
    for (std::size_t i = 0; i < history.ops.size(); ++i) {
      events.push_back({history.ops[i].call, i, true});
      events.push_back({history.ops[i].ret, i, false});
    }
    // Pending returns share the position kNeverReturned; their order does not matter.
    std::stable_sort(events.begin(), events.end(),
                     [](const Event& a, const Event& b) { return a.position < b.position; });
    const int size = static_cast<int>(events.size()) + 1;
    next.assign(size, kNone);
    prev.assign(size, kNone);
    op.assign(size, kNone);
    match.assign(size, kNone);
    is_call.assign(size, false);
    std::vector<int> call_entry(history.ops.size());
    for (int i = 1; i < size; ++i) {
      const Event& event = events[i - 1];
      op[i] = static_cast<int>(event.op);
      is_call[i] = event.is_call;
      prev[i] = i - 1;
      next[i - 1] = i;
      if (event.is_call) {
        call_entry[event.op] = i;
      } else {
        match[call_entry[event.op]] = i;
      }
    }
  }

  void Unlink(int entry) {
    next[prev[entry]] = next[entry];
    if (next[entry] != kNone) prev[next[entry]] = prev[entry];
  }
  void Relink(int entry) {
    next[prev[entry]] = entry;
    if (next[entry] != kNone) prev[next[entry]] = entry;
  }
  // Lowe's lift and unlift: undone in the reverse order, the stale links of the removed
  // entries are exactly the ones to restore.
  void Lift(int call) {
    Unlink(call);
    Unlink(match[call]);
  }
  void Unlift(int call) {
    Relink(match[call]);
    Relink(call);
  }
};

// The cache of explored configurations: the bitsets in one flat array, chained by hash.
class ConfigCache {
 public:
  explicit ConfigCache(std::size_t ops) : words_((ops + 63) / 64) {}

  // False when (bits, state) was already in the cache.
  bool Insert(std::uint64_t hash, const std::vector<std::uint64_t>& bits, const ModelState& state) {
    auto [it, added] = first_.try_emplace(hash, kNone);
    for (int index = it->second; index != kNone; index = chain_[index]) {
      if (states_[index] == state &&
          std::equal(bits.begin(), bits.end(), bits_.begin() + index * words_)) {
        return false;
      }
    }
    chain_.push_back(it->second);
    it->second = static_cast<int>(states_.size());
    states_.push_back(state);
    bits_.insert(bits_.end(), bits.begin(), bits.end());
    bytes_ += words_ * 8 + sizeof(ModelState) + state.size() * sizeof(Value) + 48;
    return true;
  }

  std::int64_t size() const { return static_cast<std::int64_t>(states_.size()); }
  std::size_t bytes() const { return bytes_; }

 private:
  std::size_t words_;
  std::unordered_map<std::uint64_t, int> first_;  // hash -> latest config with it
  std::vector<int> chain_;                        // config -> previous config, same hash
  std::vector<ModelState> states_;
  std::vector<std::uint64_t> bits_;
  std::size_t bytes_ = 0;
};

// splitmix64: a fixed random 64-bit key per op, so the bitset's hash is updated by XOR.
std::uint64_t OpKey(std::size_t op) {
  std::uint64_t z = (op + 1) * 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

const char* LinearizabilityName(Linearizability verdict) {
  switch (verdict) {
    case Linearizability::kLinearizable:
      return "linearizable";
    case Linearizability::kNotLinearizable:
      return "not linearizable";
    case Linearizability::kUnknown:
      return "unknown";
  }
  return "?";
}

SearchResult SearchLinearization(const History& history, const Model& model,
                                 const SearchLimits& limits, std::optional<std::size_t> probe) {
  SearchResult result;
  const std::size_t completed_total = static_cast<std::size_t>(std::count_if(
      history.ops.begin(), history.ops.end(), [](const Operation& op) { return !op.pending; }));
  std::size_t completed_done = 0;

  EventList list(history);
  ConfigCache cache(history.ops.size());
  std::vector<std::uint64_t> bits((history.ops.size() + 63) / 64, 0);
  std::uint64_t bits_hash = 0;
  ModelState state = model.Initial();

  struct Frame {
    int call;
    ModelState state;  // before the op took effect
  };
  std::vector<Frame> stack;
  auto toggle = [&](int op) {
    bits[op / 64] ^= 1ULL << (op % 64);
    bits_hash ^= OpKey(op);
  };

  std::uint64_t steps = 0;
  int entry = list.next[0];
  for (;;) {
    if (completed_done == completed_total) {
      result.verdict = Linearizability::kLinearizable;
      break;
    }
    if ((++steps & 1023) == 0) {
      if (std::chrono::steady_clock::now() >= limits.deadline) {
        result.exhausted = "time";
        break;
      }
    }
    const int op = list.op[entry];
    const Operation& operation = history.ops[op];
    if (list.is_call[entry]) {
      if (probe && static_cast<std::size_t>(op) == *probe &&
          result.probe_states.size() < kMaxProbeStates &&
          std::find(result.probe_states.begin(), result.probe_states.end(), state) ==
              result.probe_states.end()) {
        result.probe_states.push_back(state);
      }
      std::optional<ModelState> next = model.Step(state, operation);
      // A pending op that changes nothing here may as well take effect later, or never.
      if (next && !(operation.pending && *next == state)) {
        toggle(op);
        if (cache.Insert(bits_hash ^ (HashState(*next) * 0x9e3779b97f4a7c15ULL), bits, *next)) {
          if (cache.size() > limits.max_states) {
            result.exhausted = "states";
            break;
          }
          if (cache.bytes() > limits.max_memory_bytes) {
            result.exhausted = "memory";
            break;
          }
          stack.push_back({entry, std::move(state)});
          state = std::move(*next);
          list.Lift(entry);
          if (!operation.pending) ++completed_done;
          entry = list.next[0];
          continue;
        }
        toggle(op);
      }
      entry = list.next[entry];
      continue;
    }
    // A return whose op is not linearized yet: every choice before it is exhausted.
    if (stack.empty()) {
      result.verdict = Linearizability::kNotLinearizable;
      break;
    }
    Frame frame = std::move(stack.back());
    stack.pop_back();
    const int undone = list.op[frame.call];
    toggle(undone);
    list.Unlift(frame.call);
    if (!history.ops[undone].pending) --completed_done;
    state = std::move(frame.state);
    entry = list.next[frame.call];
  }
  result.states = cache.size();
  return result;
}

}  // namespace grader
