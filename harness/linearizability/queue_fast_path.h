// A polynomial check of FIFO-queue histories in which no value is put twice, after
// Henzinger, Sezgin and Vafeiadis, "Aspect-oriented linearizability proofs" (CONCUR 2013):
// such a history is linearizable iff it shows none of four patterns,
//   VFresh  a get returns a value that was never put, or returns before its put is called;
//   VRepet  a value is got twice;
//   VOrd    put(a) returns before put(b) is called, and get -> b returns before get -> a is
//           called, or b is got and a never is;
//   VWit    a get returns empty while the queue is surely non-empty during its whole call:
//           a chain of values v1..vk covers it, put(v1) returned before the get was called,
//           put(v(i+1)) returned before get -> vi was called, and get -> vk was called after
//           the get returned (or vk was never got).
// Each is found in O(n log n) with sweeps over the events, so 100,000-operation histories
// take milliseconds where the general search would take hours.
//
// A pending put is dropped unless its value was got (then it took effect, at an unknown
// time). Pending gets are dropped too; that proves linearizability when no pattern shows.
// A pending get can only take an item nobody else got, so it can explain away a VOrd whose
// first value was never got, or a VWit whose chain ends in a value never got, and only if
// it was called early enough; such a pattern is kInconclusive and the general search
// decides. Every other pattern stands.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "linearizability/history.h"
#include "linearizability/queue_model.h"

namespace grader {

struct QueuePattern {
  enum class Kind { kFresh, kRepeat, kOrder, kWitness };
  Kind kind = Kind::kFresh;
  std::vector<std::size_t> ops;  // indices into the history: the pattern's 2 to 4 ops
                                 // (VWit with a longer chain: 2 per value, plus the get)
  std::string description;       // the pattern for people, in terms of the ops
};

// "VFresh", "VRepet", "VOrd", "VWit".
const char* PatternName(QueuePattern::Kind kind);

struct QueueFastResult {
  enum class Answer {
    kNotApplicable,  // some value is put twice: the patterns do not decide
    kLinearizable,
    kNotLinearizable,  // `pattern` says why
    kInconclusive,     // only patterns that pending gets might explain show
  };
  Answer answer = Answer::kNotApplicable;
  QueuePattern pattern;
};

// REQUIRES: model.Validate(op) is empty for every op.
QueueFastResult CheckQueueFast(const History& history, const QueueModel& model);

}  // namespace grader
