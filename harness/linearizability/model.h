// A sequential specification: what a single-threaded object does with each operation. The
// checker asks whether some order of a history's operations, consistent with real time,
// is one the model accepts.
//
// Models are deterministic: the state and the operation fix the next state. A pending
// operation (result unknown) takes effect with whatever result the model gives; a completed
// one is accepted only when the model gives exactly its recorded result.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linearizability/history.h"
#include "linearizability/value.h"

namespace grader {

class Model {
 public:
  virtual ~Model() = default;

  // The name the command line uses: "queue", "register", "cas-register", "kv".
  virtual std::string_view Name() const = 0;
  // How messages call the object: "the queue", "the register".
  virtual std::string_view Noun() const = 0;

  // Empty when the model knows `op` (its function and the shape of its values); otherwise
  // what is wrong, for a person ("the queue has no operation 'pop' (it has put, get)").
  virtual std::string Validate(const Operation& op) const = 0;

  virtual ModelState Initial() const = 0;

  // The state after `op` takes effect in `state`, or nullopt when the model cannot give
  // op's recorded result there. For a pending op: the state after it takes effect (the
  // model picks the result); never nullopt. REQUIRES: Validate(op) is empty.
  virtual std::optional<ModelState> Step(const ModelState& state, const Operation& op) const = 0;

  // `op` completed as it would have in `state` (output set, no longer pending), or nullopt
  // when in `state` it could only fail (a cas on another value). Used to tell people what
  // the model would have allowed.
  virtual std::optional<Operation> Complete(const ModelState& state, const Operation& op) const = 0;

  // For people: the call ("put(3)", "cas(1, 4)"), the result of a completed op ("ok", "5",
  // "empty") and a state ("[3 4]", "nil").
  virtual std::string CallText(const Operation& op) const;
  virtual std::string ResultText(const Operation& op) const;
  virtual std::string StateText(const ModelState& state) const;

  // Independent parts of the history (P-compositionality: the history is linearizable iff
  // every part is), as lists of op indices. Default: one part holding every op.
  virtual std::vector<std::vector<std::size_t>> Partition(const History& history) const;

  // Pending ops no other op could observe (a put of a value nobody got), as a mask over
  // history.ops: the history is linearizable iff it is without them. Each such op would
  // only multiply the orders the search tries. Default: none.
  virtual std::vector<bool> Unobservable(const History& history) const;

  // Groups of ops (indices) whose removal can never turn a linearizable history into a
  // non-linearizable one, so a counterexample shrunk by removing them is still a real one.
  // Removing a single op is not safe in general: without its put(5), a later get() -> 5
  // would look like a violation the original history did not have. Groups may overlap.
  // Default: none (the counterexample is only cut at its first violation).
  virtual std::vector<std::vector<std::size_t>> RemovalGroups(const History& history) const;
};

// The model called `name` (Model::Name()). Throws InputError listing the known names.
std::unique_ptr<Model> MakeModel(std::string_view name);

// Names MakeModel knows, for help texts: "queue, register, cas-register, kv".
std::string KnownModelNames();

// True when op's function is one of `names`.
bool FunctionIs(const Operation& op, std::initializer_list<std::string_view> names);

}  // namespace grader
