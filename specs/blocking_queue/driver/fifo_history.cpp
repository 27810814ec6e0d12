#include "fifo_history.h"

#include <algorithm>
#include <limits>
#include <sstream>
#include <unordered_map>
#include <utility>

namespace queue_test {
namespace {

constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();

std::string Call(const QueueOp& op) {
  const std::string value = std::to_string(op.value);
  if (op.kind == QueueOp::Kind::kPut) {
    return op.timed ? "put(" + value + ", timeout)" : "put(" + value + ")";
  }
  const std::string get = op.timed ? "get(timeout)" : "get()";
  return op.has_value ? get + " -> " + value : get + " -> nothing (it timed out)";
}

}  // namespace

FifoRecorder::FifoRecorder(unsigned threads, std::function<std::string(unsigned)> names,
                           std::size_t ops_per_thread)
    : history_(threads, ops_per_thread), names_(std::move(names)), ops_(threads) {
  for (auto& log : ops_) log.reserve(ops_per_thread);
  for (unsigned thread = 0; thread < threads; ++thread) history_.Name(thread, names_(thread));
}

void FifoRecorder::Record(unsigned thread, std::size_t history_op, QueueOp op) {
  const bool put = op.kind == QueueOp::Kind::kPut;
  // A put that gave up, or any call that threw ShutDown, did not take effect.
  const bool failed = op.status == Status::kShutDown || (put && op.status == Status::kTimedOut);
  // The JSON value of a return: the item put or got; null for a get that gave up.
  history_.Return(thread, history_op, op.has_value ? std::to_string(op.value) : "", failed);
  ops_[thread].push_back(op);
}

Status FifoRecorder::Put(unsigned thread, IntQueue& queue, long long item) {
  const std::size_t op = history_.Invoke(thread, "put", std::to_string(item));
  QueueOp record{QueueOp::Kind::kPut, thread, false, true, Status::kOk, item, Tick(), 0};
  record.status = queue.Put(item);
  record.returned = Tick();
  Record(thread, op, record);
  return record.status;
}

Status FifoRecorder::PutFor(unsigned thread, IntQueue& queue, long long item,
                            milliseconds timeout) {
  const std::size_t op = history_.Invoke(thread, "put", std::to_string(item));
  QueueOp record{QueueOp::Kind::kPut, thread, true, true, Status::kOk, item, Tick(), 0};
  record.status = queue.PutFor(item, timeout);
  record.returned = Tick();
  Record(thread, op, record);
  return record.status;
}

Status FifoRecorder::Get(unsigned thread, IntQueue& queue, long long* item) {
  const std::size_t op = history_.Invoke(thread, "get", "");
  QueueOp record{QueueOp::Kind::kGet, thread, false, true, Status::kOk, 0, Tick(), 0};
  record.status = queue.Get(&record.value);
  record.returned = Tick();
  record.has_value = record.status == Status::kOk;
  *item = record.value;
  Record(thread, op, record);
  return record.status;
}

Status FifoRecorder::GetFor(unsigned thread, IntQueue& queue, milliseconds timeout,
                            long long* item) {
  const std::size_t op = history_.Invoke(thread, "get", "");
  QueueOp record{QueueOp::Kind::kGet, thread, true, true, Status::kOk, 0, Tick(), 0};
  record.status = queue.GetFor(timeout, &record.value);
  record.returned = Tick();
  record.has_value = record.status == Status::kOk;
  *item = record.value;
  Record(thread, op, record);
  return record.status;
}

std::size_t FifoRecorder::Operations() const {
  std::size_t count = 0;
  for (const auto& log : ops_) count += log.size();
  return count;
}

std::string FifoRecorder::CheckFifo() const {
  auto who = [this](const QueueOp& op) { return Call(op) + " by " + names_(op.thread); };

  std::unordered_map<long long, const QueueOp*> put_of;         // puts that took effect
  std::unordered_map<long long, const QueueOp*> gave_up_put_of;  // timed puts that gave up
  std::vector<const QueueOp*> gets;                             // gets that returned an item
  std::vector<const QueueOp*> empty_gets;                       // timed gets that gave up
  for (const auto& log : ops_) {
    for (const QueueOp& op : log) {
      if (op.kind == QueueOp::Kind::kPut) {
        if (op.status == Status::kOk) put_of[op.value] = &op;
        if (op.status == Status::kTimedOut) gave_up_put_of[op.value] = &op;
      } else if (op.status == Status::kOk) {
        gets.push_back(&op);
      } else if (op.status == Status::kTimedOut) {
        empty_gets.push_back(&op);
      }
    }
  }

  // fresh and repeat, earliest get first.
  std::sort(gets.begin(), gets.end(),
            [](const QueueOp* a, const QueueOp* b) { return a->returned < b->returned; });
  std::unordered_map<long long, const QueueOp*> get_of;
  for (const QueueOp* get : gets) {
    const auto put = put_of.find(get->value);
    if (put == put_of.end()) {
      const auto gave_up = gave_up_put_of.find(get->value);
      if (gave_up != gave_up_put_of.end()) {
        return who(*get) + ", but " + who(*gave_up->second) +
               " returned false: an item whose timed put gives up must never enter the queue";
      }
      return who(*get) + ", an item no thread ever put (a value read from an empty or "
                         "corrupted container?)";
    }
    if (get->returned < put->second->invoked) {
      return who(*get) + " returned before " + who(*put->second) +
             " was even called: get() must wait until an item is really there";
    }
    const auto [first, inserted] = get_of.emplace(get->value, get);
    if (!inserted) {
      return who(*first->second) + ", and later " + who(*get) + ": " +
             std::to_string(get->value) + " was put once (" + who(*put->second) +
             ") but came out twice; every item must come out exactly once";
    }
  }

  // order: some b with get(b) returned before get(a) was called, and put(b) called after
  // put(a) returned. Sweep the a's by the call of their get, adding every b whose get
  // returned before that, and keep the b whose put was called last.
  struct Item {
    const QueueOp* put;
    const QueueOp* get;
  };
  std::vector<Item> items;
  items.reserve(get_of.size());
  for (const auto& [value, get] : get_of) items.push_back({put_of.at(value), get});
  std::vector<Item> by_get_return = items;
  std::sort(by_get_return.begin(), by_get_return.end(),
            [](const Item& x, const Item& y) { return x.get->returned < y.get->returned; });
  std::vector<Item> by_get_call = items;
  std::sort(by_get_call.begin(), by_get_call.end(),
            [](const Item& x, const Item& y) { return x.get->invoked < y.get->invoked; });
  const Item* latest = nullptr;
  std::size_t next = 0;
  for (const Item& a : by_get_call) {
    for (; next < by_get_return.size() && by_get_return[next].get->returned < a.get->invoked;
         ++next) {
      if (latest == nullptr || by_get_return[next].put->invoked > latest->put->invoked) {
        latest = &by_get_return[next];
      }
    }
    if (latest != nullptr && latest->put->invoked > a.put->returned) {
      const QueueOp& put_a = *a.put;
      const QueueOp& put_b = *latest->put;
      std::ostringstream text;
      if (put_a.thread == put_b.thread) {
        text << names_(put_a.thread) << " called " << Call(put_a) << " and then " << Call(put_b);
      } else {
        text << who(put_a) << " returned before " << who(put_b) << " was called";
      }
      text << ", so " << put_a.value << " was ahead of " << put_b.value
           << " in the queue; yet " << who(*latest->get) << " returned before " << who(*a.get)
           << " was called. A FIFO queue hands items out in the order they were put (is it "
              "a stack, or are items kept in more than one container?)";
      return text.str();
    }
  }

  // Items that never came out: the consumers stopped only at end markers put after all of
  // them, so each was lost or overtaken.
  const QueueOp* lost = nullptr;
  for (const auto& [value, put] : put_of) {
    if (get_of.count(value) == 0 && (lost == nullptr || put->returned < lost->returned)) {
      lost = put;
    }
  }
  if (lost != nullptr) {
    return who(*lost) + " returned, but " + std::to_string(lost->value) +
           " never came out of the queue, though the consumers kept getting until each got "
           "an end marker put after every item: the item was lost or overtaken";
  }

  // witness: an empty get while some value was in the queue from before its call until
  // after its return.
  std::vector<Item> by_put_return;
  for (const auto& [value, put] : put_of) {
    const auto get = get_of.find(value);
    by_put_return.push_back({put, get == get_of.end() ? nullptr : get->second});
  }
  std::sort(by_put_return.begin(), by_put_return.end(),
            [](const Item& x, const Item& y) { return x.put->returned < y.put->returned; });
  std::sort(empty_gets.begin(), empty_gets.end(),
            [](const QueueOp* x, const QueueOp* y) { return x->invoked < y->invoked; });
  const Item* longest = nullptr;
  next = 0;
  auto got_at = [](const Item& item) { return item.get == nullptr ? kNever : item.get->invoked; };
  for (const QueueOp* empty : empty_gets) {
    for (; next < by_put_return.size() && by_put_return[next].put->returned < empty->invoked;
         ++next) {
      if (longest == nullptr || got_at(by_put_return[next]) > got_at(*longest)) {
        longest = &by_put_return[next];
      }
    }
    if (longest != nullptr && got_at(*longest) > empty->returned) {
      return who(*empty) + ", though " + std::to_string(longest->put->value) +
             " was in the queue for the whole call: " + who(*longest->put) +
             " returned before it was called, and " +
             (longest->get == nullptr ? std::string("it never came out")
                                      : who(*longest->get) + " was called only after it "
                                                             "returned");
    }
  }
  return "";
}

}  // namespace queue_test
