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
  // UnobservedWrites: pending writes and cas of values nothing reads.
  std::vector<bool> Unobservable(const History& history) const override;
  // ValueComponentGroups.
  std::vector<std::vector<std::size_t>> RemovalGroups(const History& history) const override;

 private:
  bool with_cas_;
};

// How the ops of a register-like model (a register, one key of a store) touch values: the
// value an op observes (a completed read's result; a cas's old value, even pending, since
// it may have taken effect) and the value it writes, if any.
struct ValueAccess {
  std::function<std::optional<Value>(const Operation&)> observed;
  std::function<std::optional<Value>(const Operation&)> written;
};

// Model::Unobservable for register-like models: pending ops that write a value no op
// observes. Dropping one can leave another's value unobserved (a pending cas observed it),
// so this repeats until nothing changes.
std::vector<bool> UnobservedWrites(const History& history, const ValueAccess& access);

// Model::RemovalGroups for register-like models:
//  - every op touching a value of one component, values being joined when one op touches
//    several (a cas observes old and writes new): without all the writers and observers of
//    those values, every other op still sees what it saw;
//  - each op that writes nothing (a read) alone;
//  - each op whose written value nobody else observes alone: it changes nothing anyone sees
//    (a cas among them also observes, and dropping an observer is safe).
std::vector<std::vector<std::size_t>> ValueComponentGroups(const History& history,
                                                           const ValueAccess& access);

}  // namespace grader
