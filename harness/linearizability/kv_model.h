// A key-value store of registers, every key holding nil at first. Values are Jepsen's
// [key value] tuples:
//   put([k v]) / write([k v])   sets key k to v
//   get([k]) / read([k nil])    returns [k v], the value of key k (or just v)
// Keys are independent, so the checker checks each key's operations on their own
// (P-compositionality), which keeps the search small.
#pragma once

#include "linearizability/model.h"

namespace grader {

class KvModel : public Model {
 public:
  std::string_view Name() const override { return "kv"; }
  std::string_view Noun() const override { return "the store"; }
  std::string Validate(const Operation& op) const override;
  ModelState Initial() const override { return {}; }
  std::optional<ModelState> Step(const ModelState& state, const Operation& op) const override;
  std::optional<Operation> Complete(const ModelState& state, const Operation& op) const override;
  std::string CallText(const Operation& op) const override;
  std::string ResultText(const Operation& op) const override;
  // "{x: 3, y: nil}"
  std::string StateText(const ModelState& state) const override;
  // One part per key.
  std::vector<std::vector<std::size_t>> Partition(const History& history) const override;
  // UnobservedWrites over (key, value) pairs.
  std::vector<bool> Unobservable(const History& history) const override;
  // ValueComponentGroups over (key, value) pairs.
  std::vector<std::vector<std::size_t>> RemovalGroups(const History& history) const override;
};

}  // namespace grader
