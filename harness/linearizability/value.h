// The values that operations of a history take and return: nil (no value), integers,
// strings and lists of values (a compare-and-swap's [old new], a key-value pair [k v]).
// Values are small and compared structurally; models keep their state as a sequence of them.
#pragma once

#include <cstddef>
#include <cstdint>
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
  const std::string& text() const { return text_; }
  const std::vector<Value>& items() const { return items_; }

  // As a person reads it, in Jepsen's notation: nil, 3, text, [3 4].
  std::string ToString() const;
  std::size_t Hash() const;

  // Unused members keep their defaults, so member-wise equality is value equality.
  friend bool operator==(const Value&, const Value&) = default;

 private:
  Kind kind_ = Kind::kNil;
  std::int64_t number_ = 0;
  std::string text_;
  std::vector<Value> items_;
};

struct ValueHash {
  std::size_t operator()(const Value& value) const { return value.Hash(); }
};

// A model's state: a short sequence of values (a register: its one value; a queue: its
// items, head first; a key-value store: [key value] pairs).
using ModelState = std::vector<Value>;

std::size_t HashState(const ModelState& state);

}  // namespace grader
