// Builds histories in tests, event by event in time order:
//
//   HistoryMaker h;
//   auto put = h.Call(0, "put", V(1));
//   auto get = h.Call(1, "get");
//   h.Return(put);
//   h.Return(get, V(1));
//   History history = h.Build();   // calls never returned are pending
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "linearizability/history.h"

namespace grader {

inline Value V(std::int64_t number) { return Value::Int(number); }
inline Value V(const char* text) { return Value::String(text); }
inline Value L(std::vector<Value> items) { return Value::List(std::move(items)); }

class HistoryMaker {
 public:
  // Returns the op's index in the built history (ops are kept in call order).
  std::size_t Call(int process, std::string f, Value input = Value()) {
    Operation op;
    op.process = process;
    op.f = std::move(f);
    op.input = std::move(input);
    op.pending = true;
    op.call = next_++;
    op.line = static_cast<int>(ops_.size()) + 1;
    ops_.push_back(std::move(op));
    return ops_.size() - 1;
  }
  void Return(std::size_t op, Value output = Value()) {
    ops_[op].pending = false;
    ops_[op].output = std::move(output);
    ops_[op].ret = next_++;
  }
  // A call that returns at once, before any other event.
  std::size_t Run(int process, std::string f, Value input = Value(), Value output = Value()) {
    const std::size_t op = Call(process, std::move(f), std::move(input));
    Return(op, std::move(output));
    return op;
  }
  History Build() const {
    History history;
    history.source = "test";
    history.ops = ops_;
    return history;
  }

 private:
  std::vector<Operation> ops_;
  std::int64_t next_ = 0;
};

}  // namespace grader
