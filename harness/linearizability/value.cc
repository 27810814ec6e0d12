#include "linearizability/value.h"

#include <functional>
#include <utility>

namespace grader {
namespace {

// boost::hash_combine's mixing: cheap, and good enough for the search's state cache.
std::size_t Combine(std::size_t seed, std::size_t hash) {
  return seed ^ (hash + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

}  // namespace

Value Value::Int(std::int64_t number) {
  Value value;
  value.kind_ = Kind::kInt;
  value.number_ = number;
  return value;
}

Value Value::String(std::string text) {
  Value value;
  value.kind_ = Kind::kString;
  value.payload_ = std::make_shared<const Payload>(Payload{std::move(text), {}});
  return value;
}

Value Value::List(std::vector<Value> items) {
  Value value;
  value.kind_ = Kind::kList;
  value.payload_ = std::make_shared<const Payload>(Payload{{}, std::move(items)});
  return value;
}

std::string Value::ToString() const {
  switch (kind_) {
    case Kind::kNil:
      return "nil";
    case Kind::kInt:
      return std::to_string(number_);
    case Kind::kString:
      return text();
    case Kind::kList: {
      std::string text = "[";
      for (std::size_t i = 0; i < items().size(); ++i) {
        if (i > 0) text += ' ';
        text += items()[i].ToString();
      }
      return text + "]";
    }
  }
  return "?";
}

std::size_t Value::Hash() const {
  std::size_t hash = static_cast<std::size_t>(kind_);
  switch (kind_) {
    case Kind::kNil:
      break;
    case Kind::kInt:
      hash = Combine(hash, std::hash<std::int64_t>{}(number_));
      break;
    case Kind::kString:
      hash = Combine(hash, std::hash<std::string>{}(text()));
      break;
    case Kind::kList:
      for (const Value& item : items()) hash = Combine(hash, item.Hash());
      break;
  }
  return hash;
}

bool operator==(const Value& a, const Value& b) {
  if (a.kind_ != b.kind_ || a.number_ != b.number_) return false;
  if (a.payload_ == b.payload_) return true;
  return a.payload_->text == b.payload_->text && a.payload_->items == b.payload_->items;
}

std::size_t HashState(const ModelState& state) {
  std::size_t hash = state.size();
  for (const Value& value : state) hash = Combine(hash, value.Hash());
  return hash;
}

}  // namespace grader
