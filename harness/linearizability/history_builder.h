// Pairs the events of a recorded history (Jepsen's invoke / ok / fail / info, one process
// at a time) into operations. Both history parsers feed it, so both formats mean the same:
//   invoke  a call; its value is the operation's input;
//   ok      the call returned; its value is the output (for reads and gets, what was read);
//   fail    the call returned and did not take effect: the operation is dropped;
//   info    the outcome is unknown: the operation is pending (it may take effect at any
//           point after its call, or never) and the process may call again;
// and a call still open at the end is pending too (a blocking call that never returned).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "linearizability/history.h"

namespace grader {

enum class EventType { kInvoke, kOk, kFail, kInfo };

struct HistoryEvent {
  int process = 0;
  std::string process_name;    // optional; a process keeps the first name it is given
  EventType type = EventType::kInvoke;
  std::string f;
  Value value;
  int line = 0;                // source line, for messages
  std::optional<double> time;  // the event's clock reading, when the format records one
};

class HistoryBuilder {
 public:
  explicit HistoryBuilder(std::string source);

  // Adds the next event in file order. Throws InputError ("source:line: what is wrong")
  // for a completion without a call, a second call of a process whose previous call is
  // still open, a completion of another function than the call, a process's clock going
  // backwards, or a "time" on some events but not on others.
  void Add(HistoryEvent event);

  // The operations, in call order. Event positions follow the file's order of events, or,
  // when every event has a time, the times (at equal times calls come before returns, so a
  // tie never invents a real-time order).
  History Finish() &&;

 private:
  struct EventRecord {
    std::size_t op;
    bool is_call;
    double time;
  };

  std::string source_;
  std::vector<Operation> ops_;
  std::vector<bool> dropped_;  // per op: failed, so not in the history
  std::vector<EventRecord> events_;
  std::unordered_map<int, std::size_t> open_calls_;  // process -> its open call (op index)
  std::unordered_map<int, std::string> process_names_;  // process -> its name, once given
  std::unordered_map<int, double> last_time_;        // process -> its latest event time
  int first_line_with_time_ = 0;
  int first_line_without_time_ = 0;
};

}  // namespace grader
