#include "linearizability/model.h"

#include <numeric>

#include <fmt/format.h>

#include "common/error.h"
#include "linearizability/kv_model.h"
#include "linearizability/queue_model.h"
#include "linearizability/register_model.h"

namespace grader {

std::string Model::CallText(const Operation& op) const {
  std::string args;
  if (op.input.is_list()) {
    for (const Value& item : op.input.items()) {
      if (!args.empty()) args += ", ";
      args += item.ToString();
    }
  } else if (!op.input.is_nil()) {
    args = op.input.ToString();
  }
  return fmt::format("{}({})", op.f, args);
}

std::string Model::ResultText(const Operation& op) const {
  return op.output.is_nil() ? "ok" : op.output.ToString();
}

std::string Model::StateText(const ModelState& state) const {
  return Value::List(state).ToString();
}

std::vector<std::vector<std::size_t>> Model::Partition(const History& history) const {
  std::vector<std::size_t> all(history.ops.size());
  std::iota(all.begin(), all.end(), 0);
  return {all};
}

std::vector<bool> Model::Unobservable(const History& history) const {
  return std::vector<bool>(history.ops.size(), false);
}

std::vector<std::vector<std::size_t>> Model::RemovalGroups(const History&) const { return {}; }

std::unique_ptr<Model> MakeModel(std::string_view name) {
  if (name == "queue") return std::make_unique<QueueModel>();
  if (name == "register") return std::make_unique<RegisterModel>(/*with_cas=*/false);
  if (name == "cas-register") return std::make_unique<RegisterModel>(/*with_cas=*/true);
  if (name == "kv") return std::make_unique<KvModel>();
  throw InputError(fmt::format("unknown model '{}' (known models: {})", name, KnownModelNames()));
}

std::string KnownModelNames() { return "queue, register, cas-register, kv"; }

bool FunctionIs(const Operation& op, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    if (op.f == name) return true;
  }
  return false;
}

}  // namespace grader
