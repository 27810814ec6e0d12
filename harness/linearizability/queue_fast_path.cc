#include "linearizability/queue_fast_path.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

namespace grader {
namespace {

// One value put, and the get that returned it, if any.
struct Item {
  std::size_t put;
  std::optional<std::size_t> get;
};

class PatternFinder {
 public:
  PatternFinder(const History& history, const QueueModel& model)
      : ops_(history.ops), model_(model) {
    for (const Operation& op : ops_) {
      if (op.pending && QueueModel::IsGet(op)) {
        first_pending_get_ = std::min(first_pending_get_, op.call);
      }
    }
  }

  // Keeps the pattern whose last return is earliest, so people see the first thing that
  // broke; but a doubtful one only if there is no other. A pattern is doubtful when a
  // pending get might have taken its value that nobody got, which only a get called before
  // `rescuable_before` could have done (kNotRescuable: none could). `describe` is called
  // only for a pattern that is kept (a buggy history may show thousands).
  template <typename Describe>
  void Offer(QueuePattern::Kind kind, std::vector<std::size_t> ops, Describe describe,
             std::int64_t rescuable_before = kNotRescuable) {
    std::int64_t key = 0;
    for (std::size_t op : ops) {
      if (ops_[op].ret != kNeverReturned) key = std::max(key, ops_[op].ret);
    }
    const bool doubtful = first_pending_get_ < rescuable_before;
    if (best_ && std::pair(doubtful, key) >= std::pair(best_doubtful_, best_key_)) return;
    best_key_ = key;
    best_doubtful_ = doubtful;
    best_ = QueuePattern{kind, std::move(ops), describe()};
  }
  const std::optional<QueuePattern>& best() const { return best_; }
  bool best_doubtful() const { return best_doubtful_; }

  std::string Call(std::size_t op) const { return model_.CallText(ops_[op]); }
  std::string Got(std::size_t op) const {
    return fmt::format("{} -> {}", model_.CallText(ops_[op]), model_.ResultText(ops_[op]));
  }
  const Operation& op(std::size_t index) const { return ops_[index]; }

  static constexpr std::int64_t kNotRescuable = std::numeric_limits<std::int64_t>::min();

 private:
  const std::vector<Operation>& ops_;
  const QueueModel& model_;
  std::int64_t first_pending_get_ = kNeverReturned;
  std::optional<QueuePattern> best_;
  std::int64_t best_key_ = 0;
  bool best_doubtful_ = false;
};

void FindOrder(const std::vector<Item>& items, PatternFinder& finder) {
  auto put_of = [&](const Item& item) -> const Operation& { return finder.op(item.put); };
  auto get_of = [&](const Item& item) -> const Operation& { return finder.op(*item.get); };
  // A value never got blocks every value put after it returned.
  const Item* blocker = nullptr;
  for (const Item& item : items) {
    if (!item.get && (!blocker || put_of(item).ret < put_of(*blocker).ret)) blocker = &item;
  }
  std::vector<const Item*> got;
  for (const Item& item : items) {
    if (item.get) got.push_back(&item);
  }
  if (blocker) {
    for (const Item* y : got) {
      if (put_of(*blocker).ret < put_of(*y).call) {
        finder.Offer(
            QueuePattern::Kind::kOrder, {blocker->put, y->put, *y->get},
            [&] {
              return fmt::format(
                  "{} returned before {} was called, so {} had to leave the queue "
                  "first, but {} returned and {} was never got",
                  finder.Call(blocker->put), finder.Call(y->put), put_of(*blocker).input.ToString(),
                  finder.Got(*y->get), put_of(*blocker).input.ToString());
            },
            get_of(*y).ret);
      }
    }
  }
  // Both got: sweep the y by put call; the x whose put returned before it, with the latest
  // get call, is the one most likely to have been got after get -> y returned.
  std::vector<const Item*> by_put_return = got, by_put_call = got;
  std::sort(by_put_return.begin(), by_put_return.end(),
            [&](const Item* a, const Item* b) { return put_of(*a).ret < put_of(*b).ret; });
  std::sort(by_put_call.begin(), by_put_call.end(),
            [&](const Item* a, const Item* b) { return put_of(*a).call < put_of(*b).call; });
  std::size_t next = 0;
  const Item* latest = nullptr;
  for (const Item* y : by_put_call) {
    for (; next < by_put_return.size() && put_of(*by_put_return[next]).ret < put_of(*y).call;
         ++next) {
      const Item* x = by_put_return[next];
      if (!latest || get_of(*x).call > get_of(*latest).call) latest = x;
    }
    if (latest && get_of(*y).ret < get_of(*latest).call) {
      finder.Offer(QueuePattern::Kind::kOrder, {latest->put, y->put, *y->get, *latest->get}, [&] {
        return fmt::format(
            "{} returned before {} was called, so {} had to leave the queue "
            "first, but {} returned before {} was called",
            finder.Call(latest->put), finder.Call(y->put), put_of(*latest).input.ToString(),
            finder.Got(*y->get), finder.Got(*latest->get));
      });
    }
  }
}

void FindWitness(const std::vector<Item>& items, const std::vector<std::size_t>& empty_gets,
                 PatternFinder& finder) {
  if (empty_gets.empty()) return;
  // Ranks of the events; gap k lies between the events of ranks k and k + 1.
  std::vector<std::int64_t> positions;
  for (const Item& item : items) {
    positions.push_back(finder.op(item.put).call);
    if (finder.op(item.put).ret != kNeverReturned) positions.push_back(finder.op(item.put).ret);
    if (item.get) positions.push_back(finder.op(*item.get).call);
  }
  for (std::size_t get : empty_gets) {
    positions.push_back(finder.op(get).call);
    positions.push_back(finder.op(get).ret);
  }
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  const std::size_t gaps = positions.size();
  auto rank = [&](std::int64_t position) {
    return static_cast<std::size_t>(std::lower_bound(positions.begin(), positions.end(), position) -
                                    positions.begin());
  };
  // A value is surely in the queue from its put's return to its get's call: the gaps
  // [start, end) of its interval.
  struct Cover {
    std::size_t start, end;
    const Item* item;
  };
  std::vector<Cover> covers;
  std::vector<int> delta(gaps + 1, 0);
  for (const Item& item : items) {
    if (finder.op(item.put).ret == kNeverReturned) continue;
    const std::size_t start = rank(finder.op(item.put).ret);
    const std::size_t end = item.get ? rank(finder.op(*item.get).call) : gaps;
    if (start >= end) continue;
    covers.push_back({start, end, &item});
    ++delta[start];
    --delta[end];
  }
  // uncovered[k]: how many of the gaps before k no value covers.
  std::vector<std::size_t> uncovered(gaps + 1, 0);
  int depth = 0;
  for (std::size_t k = 0; k < gaps; ++k) {
    depth += delta[k];
    uncovered[k + 1] = uncovered[k] + (depth == 0 ? 1 : 0);
  }
  // Of the gets that found the queue empty while it surely was not, the one that returned
  // first; only its chain is worth the quadratic search for the shortest cover.
  std::optional<std::size_t> earliest;
  for (std::size_t get : empty_gets) {
    const std::size_t first = rank(finder.op(get).call), last = rank(finder.op(get).ret);
    if (uncovered[last] == uncovered[first] &&
        (!earliest || finder.op(get).ret < finder.op(*earliest).ret)) {
      earliest = get;
    }
  }
  if (earliest) {
    const std::size_t get = *earliest;
    const std::size_t first = rank(finder.op(get).call), last = rank(finder.op(get).ret);
    // Greedy interval cover: the shortest chain of values covering the get's call.
    std::vector<std::size_t> pattern = {get};
    std::string chain, previous;
    bool ends_never_got = false;
    for (std::size_t gap = first; gap < last;) {
      const Cover* best = nullptr;
      for (const Cover& cover : covers) {
        if (cover.start <= gap && gap < cover.end && (!best || cover.end > best->end)) {
          best = &cover;
        }
      }
      const Item& item = *best->item;
      const std::string value = finder.op(item.put).input.ToString();
      pattern.push_back(item.put);
      chain += gap == first ? fmt::format("{} returned before it was called", finder.Call(item.put))
                            : fmt::format(", {} returned before {} was got", finder.Call(item.put),
                                          previous);
      previous = value;
      if (item.get) pattern.push_back(*item.get);
      gap = best->end;
      if (gap >= last) {
        ends_never_got = !item.get;
        chain += item.get ? fmt::format(", and {} was got only after it returned", value)
                          : fmt::format(", and {} was never got", value);
      }
    }
    finder.Offer(
        QueuePattern::Kind::kWitness, pattern,
        [&] {
          return fmt::format(
              "{} found the queue empty, but the queue was never empty "
              "during the whole call: {}",
              finder.Call(get), chain);
        },
        ends_never_got ? finder.op(get).ret : PatternFinder::kNotRescuable);
  }
}

}  // namespace

const char* PatternName(QueuePattern::Kind kind) {
  switch (kind) {
    case QueuePattern::Kind::kFresh:
      return "VFresh";
    case QueuePattern::Kind::kRepeat:
      return "VRepet";
    case QueuePattern::Kind::kOrder:
      return "VOrd";
    case QueuePattern::Kind::kWitness:
      return "VWit";
  }
  return "?";
}

QueueFastResult CheckQueueFast(const History& history, const QueueModel& model) {
  const std::vector<Operation>& ops = history.ops;
  std::unordered_map<Value, std::size_t, ValueHash> put_of;
  std::unordered_map<Value, std::vector<std::size_t>, ValueHash> gets_of;
  std::vector<std::size_t> empty_gets;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const Operation& op = ops[i];
    if (QueueModel::IsPut(op)) {
      if (!put_of.try_emplace(op.input, i).second) return {};  // kNotApplicable
    } else if (op.pending) {
      continue;  // PatternFinder weighs what pending gets might have taken
    } else if (QueueModel::IsEmptyResult(op.output)) {
      empty_gets.push_back(i);
    } else {
      gets_of[op.output].push_back(i);
    }
  }

  PatternFinder finder(history, model);
  for (auto& [value, gets] : gets_of) {
    std::sort(gets.begin(), gets.end(),
              [&](std::size_t a, std::size_t b) { return ops[a].ret < ops[b].ret; });
    auto put = put_of.find(value);
    if (put == put_of.end()) {
      finder.Offer(QueuePattern::Kind::kFresh, {gets[0]}, [&] {
        return fmt::format("{} returned {}, but {} was never put", finder.Call(gets[0]),
                           value.ToString(), value.ToString());
      });
    } else if (ops[put->second].call > ops[gets[0]].ret) {
      finder.Offer(QueuePattern::Kind::kFresh, {put->second, gets[0]}, [&] {
        return fmt::format("{} returned before {} was called", finder.Got(gets[0]),
                           finder.Call(put->second));
      });
    }
    if (gets.size() >= 2) {
      std::vector<std::size_t> pattern = {gets[0], gets[1]};
      if (put != put_of.end()) pattern.push_back(put->second);
      finder.Offer(QueuePattern::Kind::kRepeat, pattern,
                   [&] { return fmt::format("{} was put once but got twice", value.ToString()); });
    }
  }
  // The other patterns presume every got value was put once, before it was got.
  if (!finder.best()) {
    std::vector<Item> items;
    for (const auto& [value, put] : put_of) {
      auto gets = gets_of.find(value);
      Item item{put, std::nullopt};
      if (gets != gets_of.end()) item.get = gets->second.front();
      // A pending put whose value nobody got may as well never have happened.
      if (ops[put].pending && !item.get) continue;
      items.push_back(item);
    }
    // Deterministic order (the map's is not), so the reported pattern is reproducible.
    std::sort(items.begin(), items.end(),
              [](const Item& a, const Item& b) { return a.put < b.put; });
    FindOrder(items, finder);
    FindWitness(items, empty_gets, finder);
  }

  QueueFastResult result;
  if (!finder.best()) {
    result.answer = QueueFastResult::Answer::kLinearizable;
    return result;
  }
  result.answer = finder.best_doubtful() ? QueueFastResult::Answer::kInconclusive
                                         : QueueFastResult::Answer::kNotLinearizable;
  result.pattern = *finder.best();
  std::sort(result.pattern.ops.begin(), result.pattern.ops.end());
  return result;
}

}  // namespace grader
