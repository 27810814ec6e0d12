#include "linearizability/history_builder.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include <fmt/format.h>

#include "common/error.h"

namespace grader {
namespace {

const char* TypeName(EventType type) {
  switch (type) {
    case EventType::kInvoke:
      return "invoke";
    case EventType::kOk:
      return "ok";
    case EventType::kFail:
      return "fail";
    case EventType::kInfo:
      return "info";
  }
  return "?";
}

}  // namespace

HistoryBuilder::HistoryBuilder(std::string source) : source_(std::move(source)) {}

void HistoryBuilder::Add(HistoryEvent event) {
  auto fail = [&](const std::string& message) {
    throw InputError(fmt::format("{}:{}: {}", source_, event.line, message));
  };
  if (event.time) {
    if (first_line_without_time_ != 0) {
      fail(
          fmt::format("this event has a time, but the one at line {} has none (give every "
                      "event a time, or none)",
                      first_line_without_time_));
    }
    if (first_line_with_time_ == 0) first_line_with_time_ = event.line;
    auto last = last_time_.find(event.process);
    if (last != last_time_.end() && *event.time < last->second) {
      fail(fmt::format("time {} of process {} is earlier than its previous event's time {}",
                       *event.time, event.process, last->second));
    }
    last_time_[event.process] = *event.time;
  } else {
    if (first_line_with_time_ != 0) {
      fail(
          fmt::format("this event has no time, but the one at line {} has (give every "
                      "event a time, or none)",
                      first_line_with_time_));
    }
    if (first_line_without_time_ == 0) first_line_without_time_ = event.line;
  }
  const double time = event.time.value_or(0);

  auto open = open_calls_.find(event.process);
  if (event.type == EventType::kInvoke) {
    if (open != open_calls_.end()) {
      const Operation& previous = ops_[open->second];
      fail(
          fmt::format("process {} calls {} while its {} called at line {} has not returned "
                      "(one call at a time per process)",
                      event.process, event.f, previous.f, previous.line));
    }
    std::string& name = process_names_[event.process];
    if (name.empty()) {
      name = event.process_name;
    } else if (!event.process_name.empty() && event.process_name != name) {
      fail(fmt::format("process {} is named \"{}\" here but \"{}\" earlier (one name a process)",
                       event.process, event.process_name, name));
    }
    Operation op;
    op.process = event.process;
    op.process_name = name;
    op.f = std::move(event.f);
    op.input = std::move(event.value);
    op.line = event.line;
    op.pending = true;  // until its completion arrives
    open_calls_[event.process] = ops_.size();
    events_.push_back({ops_.size(), true, time});
    ops_.push_back(std::move(op));
    dropped_.push_back(false);
    return;
  }
  if (open == open_calls_.end()) {
    fail(
        fmt::format("'{}' of process {} completes a call that was never made (no open "
                    "invoke of process {} before this line)",
                    TypeName(event.type), event.process, event.process));
  }
  const std::size_t index = open->second;
  Operation& op = ops_[index];
  if (event.f != op.f) {
    fail(fmt::format("process {} completes '{}', but its open call at line {} is '{}'",
                     event.process, event.f, op.line, op.f));
  }
  open_calls_.erase(open);
  switch (event.type) {
    case EventType::kOk:
      op.pending = false;
      op.output = std::move(event.value);
      events_.push_back({index, false, time});
      break;
    case EventType::kFail:
      dropped_[index] = true;
      break;
    case EventType::kInfo:
      break;  // stays pending; the process is free to call again
    case EventType::kInvoke:
      break;
  }
}

History HistoryBuilder::Finish() && {
  std::vector<std::size_t> order(events_.size());
  std::iota(order.begin(), order.end(), 0);
  if (first_line_with_time_ != 0) {
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      if (events_[a].time != events_[b].time) return events_[a].time < events_[b].time;
      return events_[a].is_call && !events_[b].is_call;
    });
  }
  std::int64_t position = 0;
  for (std::size_t event : order) {
    const EventRecord& record = events_[event];
    Operation& op = ops_[record.op];
    if (record.is_call) {
      op.call = position++;
    } else {
      op.ret = position++;
    }
  }
  History history;
  history.source = source_;
  for (std::size_t i = 0; i < ops_.size(); ++i) {
    if (dropped_[i]) continue;
    if (ops_[i].pending) ops_[i].ret = kNeverReturned;
    if (ops_[i].process_name.empty()) {  // named only at a later call
      if (auto name = process_names_.find(ops_[i].process); name != process_names_.end()) {
        ops_[i].process_name = name->second;
      }
    }
    history.ops.push_back(std::move(ops_[i]));
  }
  SortByCall(&history);
  return history;
}

}  // namespace grader
