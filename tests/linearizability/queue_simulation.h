// Random small concurrent histories of a FIFO queue, correct or with one kind of bug, for
// comparing the pattern check with the search. Each op is called, takes effect on a real
// std::deque at a random later moment, and returns at a random moment after that; threads
// interleave at random. Values put are distinct.
#pragma once

#include <deque>
#include <optional>
#include <random>
#include <vector>

#include "history_maker.h"
#include "linearizability/history.h"

namespace grader {

enum class QueueBug {
  kNone,
  kLifo,           // a get takes the newest item
  kLosesItem,      // a put sometimes drops its item
  kDuplicates,     // a get sometimes leaves the item in the queue
  kSpuriousEmpty,  // a get sometimes says empty while items are queued
  kStale,          // a get sometimes returns an item got before
  kSkipsHead,      // a get sometimes takes the second item
  kFutureValue,    // a get sometimes returns the value the next put will put
};

struct SimulationOptions {
  int threads = 3;
  int ops_per_thread = 3;
  double put_share = 0.5;
  QueueBug bug = QueueBug::kNone;
  double bug_rate = 0.3;
  bool pending_puts = false;  // stop with some puts still running
  bool pending_gets = false;  // stop with some gets still running
};

inline History SimulateQueue(std::mt19937_64& random, const SimulationOptions& options) {
  struct Running {
    std::size_t op;
    bool is_put;
    bool done_effect;
    Value result;
  };
  HistoryMaker maker;
  std::deque<std::int64_t> queue;
  std::vector<std::int64_t> got_before;
  std::vector<int> left(options.threads, options.ops_per_thread);
  std::vector<std::optional<Running>> running(options.threads);
  std::int64_t next_value = 1;
  auto chance = [&](double p) { return std::uniform_real_distribution<>(0, 1)(random) < p; };
  const bool buggy_now = options.bug != QueueBug::kNone;
  for (;;) {
    std::vector<int> ready;
    for (int t = 0; t < options.threads; ++t) {
      if (running[t] || left[t] > 0) ready.push_back(t);
    }
    if (ready.empty()) break;
    const int t = ready[std::uniform_int_distribution<std::size_t>(0, ready.size() - 1)(random)];
    if (!running[t]) {
      --left[t];
      const bool is_put = chance(options.put_share);
      const std::size_t op = is_put ? maker.Call(t, "put", V(next_value++)) : maker.Call(t, "get");
      running[t] = Running{op, is_put, false, Value()};
      continue;
    }
    Running& run = *running[t];
    const bool may_hang = left[t] == 0 && ((run.is_put && options.pending_puts) ||
                                           (!run.is_put && options.pending_gets));
    if (!run.done_effect && may_hang && chance(0.25)) {
      running[t].reset();  // never takes effect, never returns
      continue;
    }
    if (!run.done_effect) {
      run.done_effect = true;
      const bool bug = buggy_now && chance(options.bug_rate);
      if (run.is_put) {
        if (!(bug && options.bug == QueueBug::kLosesItem)) {
          queue.push_back(maker.Build().ops[run.op].input.number());
        }
      } else if (bug && options.bug == QueueBug::kFutureValue) {
        run.result = V(next_value);
      } else if (bug && options.bug == QueueBug::kStale && !got_before.empty()) {
        run.result = V(got_before[random() % got_before.size()]);
      } else if (queue.empty() || (bug && options.bug == QueueBug::kSpuriousEmpty)) {
        run.result = Value();
      } else if (bug && options.bug == QueueBug::kLifo) {
        run.result = V(queue.back());
        queue.pop_back();
      } else if (bug && options.bug == QueueBug::kSkipsHead && queue.size() >= 2) {
        run.result = V(queue[1]);
        queue.erase(queue.begin() + 1);
      } else {
        run.result = V(queue.front());
        if (!(bug && options.bug == QueueBug::kDuplicates)) queue.pop_front();
      }
      if (!run.result.is_nil()) got_before.push_back(run.result.number());
      continue;
    }
    // Near the end, leave some calls running forever (after their effect).
    if (may_hang && chance(0.4)) {
      running[t].reset();
      continue;
    }
    maker.Return(run.op, run.result);
    running[t].reset();
  }
  return maker.Build();
}

}  // namespace grader
