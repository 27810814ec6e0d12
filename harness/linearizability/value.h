// The values that operations of a history take and return: nil (no value), integers,
// strings and lists of values (a compare-and-swap's [old new], a key-value pair [k v]).
// Values are small and compared structurally; models keep their state as a sequence of them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace grader {

class Value {
 public:
  enum class Kind { kNil, kInt, kString, kList };

  Value() = default;  // nil
  static Value Int(std::int64_t number);
  static Value String(std::string text);
  static Value List(std::vector<Value> items);

  Kind kind() const { return kind_; }
  bool is_nil() const { return kind_ == Kind::kNil; }
  bool is_int() const { return kind_ == Kind::kInt; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_list() const { return kind_ == Kind::kList; }
  // REQUIRES: the matching kind.
  std::int64_t number() const { return number_; }
  const std::string& text() const { return payload_->text; }
  const std::vector<Value>& items() const { return payload_->items; }

  // As a person reads it, in Jepsen's notation: nil, 3, text, [3 4].
  std::string ToString() const;
  std::size_t Hash() const;

  friend bool operator==(const Value& a, const Value& b);

 private:
  // Strings and lists live behind a shared immutable payload, so a Value is 24 bytes and
  // copying one (the search copies model states all the time) never allocates.
  struct Payload {
    std::string text;
    std::vector<Value> items;
  };

  Kind kind_ = Kind::kNil;
  std::int64_t number_ = 0;
  std::shared_ptr<const Payload> payload_;  // set exactly for kString and kList
};

struct ValueHash {
  std::size_t operator()(const Value& value) const { return value.Hash(); }
};

// A model's state: a short sequence of values (a register: its one value; a queue: its
// items, head first; a key-value store: [key value] pairs).
using ModelState = std::vector<Value>;

std::size_t HashState(const ModelState& state);

}  // namespace grader
