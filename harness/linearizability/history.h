// A concurrent history: operations of several processes (threads), each with the call and
// return positions of its two events in one total order of events (a position is a rank,
// not a duration: only the order of positions matters).
//
// An operation that never returned, or returned with an unknown outcome (Jepsen's "info"),
// is pending: it may take effect at any point after its call, or never, and its result is
// unknown. Operations that failed (Jepsen's "fail": they did not happen) are not in the
// history at all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "linearizability/value.h"

namespace grader {

// The return position of a pending operation: after every event.
inline constexpr std::int64_t kNeverReturned = std::numeric_limits<std::int64_t>::max();

struct Operation {
  int process = 0;
  std::string process_name;  // who called, for people ("consumer 2"); empty: "process N"
  std::string f;  // the function as recorded: "put", "get", "read", "write", "cas", ...
  Value input;    // the call's argument(s); nil when it has none
  Value output;   // what it returned; meaningless when pending
  bool pending = false;
  // Set on a pending operation that did return, with `output`, but after the part of the
  // history it belongs to now (a counterexample cut at the first violation); renderers say
  // "returns later" instead of "never returned".
  bool returned_later = false;
  std::int64_t call = 0;
  std::int64_t ret = kNeverReturned;  // kNeverReturned exactly when pending
  int line = 0;  // source line of the call (0 when the history was built in code)
};

struct History {
  std::string source;          // the file it was read from, for messages; may be empty
  std::vector<Operation> ops;  // in the order of their calls
};

// The op's caller as people read it: its process_name, else "process N".
std::string ProcessLabel(const Operation& op);

// "file:line" of an operation, for messages ("line 12" when the source is unknown).
std::string Where(const History& history, const Operation& op);

// The operations at `indices` (in any order), in the order of their calls; the source is
// kept. REQUIRES: every index < history.ops.size().
History SubHistory(const History& history, const std::vector<std::size_t>& indices);

// True when `a` returned before `b` was called (a precedes b in real time).
inline bool Precedes(const Operation& a, const Operation& b) { return a.ret < b.call; }

// Sorts ops by call position. Positions must be distinct across all events.
void SortByCall(History* history);

}  // namespace grader
