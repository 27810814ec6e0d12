// A read/write register, and a compare-and-swap register; both hold nil at first.
//   read()         returns the value
//   write(v)       sets it
//   cas([old new]) sets it to new if it holds old (only with_cas); a cas that found another
//                  value failed, and failed operations are not in the history.
#pragma once

#include <functional>
#include <optional>

#include "linearizability/model.h"

namespace grader {

class RegisterModel : public Model {
 public:
  explicit RegisterModel(bool with_cas) : with_cas_(with_cas) {}

  std::string_view Name() const override { return with_cas_ ? "cas-register" : "register"; }
  std::string_view Noun() const override { return "the register"; }
  std::string Validate(const Operation& op) const override;
  ModelState Initial() const override { return {Value()}; }
  std::optional<ModelState> Step(const ModelState& state, const Operation& op) const override;
  std::optional<Operation> Complete(const ModelState& state, const Operation& op) const override;
  std::string CallText(const Operation& op) const override;
  std::string ResultText(const Operation& op) const override;
  std::string StateText(const ModelState& state) const override;
  // Pending writes and cas of values nothing reads (UnobservedWrites).
  std::vector<bool> Unobservable(const History& history) const override;
  // ValueComponentGroups over the values each op reads or writes.
  std::vector<std::vector<std::size_t>> RemovalGroups(const History& history) const override;

 private:
  bool with_cas_;
};

// Model::Unobservable for register-like models: pending ops that write a value no op
// observes (`observed_of(op)`: the value op reads, if any; a cas observes its old value,
// even pending, since it may have taken effect). Dropping one such op can leave another's
// value unobserved, so this repeats until nothing changes. `written_of(op)`: the value op
// writes, if any.
std::vector<bool> UnobservedWrites(
    const History& history,
    const std::function<std::optional<Value>(const Operation&)>& observed_of,
    const std::function<std::optional<Value>(const Operation&)>& written_of);

// Removal groups (Model::RemovalGroups) for register-like models. Values are joined when one
// op touches several (a cas reads old and writes new); a group is every op touching a value
// of one such component: without all the writers and readers of those values, every other
// read still sees what its last writer wrote. Also each op that never changes the state
// (`is_read`) alone. `values_of(op)` lists the values op reads or writes.
std::vector<std::vector<std::size_t>> ValueComponentGroups(
    const History& history, const std::function<std::vector<Value>(const Operation&)>& values_of,
    const std::function<bool(const Operation&)>& is_read);

}  // namespace grader
