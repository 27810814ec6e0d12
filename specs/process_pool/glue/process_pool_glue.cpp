// Adapts the submitted process_map (process_pool.hpp) to include/process_pool_adapter.h.
//
// Compiled per submission next to the student's files. It holds no test logic: it checks the
// API's shape at compile time, so a wrong declaration fails the build with one message that
// says what is wrong, and turns each call's result or exception into an Outcome. The call
// check is a concept over a dummy template parameter because a requires-expression outside a
// template makes an invalid call a hard error instead of a false condition.
#include <cxxabi.h>

#include <concepts>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

#include "process_pool.hpp"
#include "process_pool_adapter.h"

namespace {

using process_pool_adapter::Function;
using process_pool_adapter::Outcome;

template <class F>
concept MapsWithProcessMap = requires(const F& f, const std::vector<std::string>& items,
                                      unsigned processes) {
  { process_map(f, items, processes) } -> std::same_as<std::vector<std::string>>;
};

static_assert(std::is_class_v<ChildProcessError> &&
                  std::is_convertible_v<ChildProcessError*, std::runtime_error*>,
              "process_pool.hpp: declare `struct ChildProcessError : std::runtime_error { using "
              "std::runtime_error::runtime_error; };` (publicly derived from std::runtime_error)");
static_assert(std::is_constructible_v<ChildProcessError, std::string>,
              "process_pool.hpp: ChildProcessError must be constructible from a message string: "
              "`using std::runtime_error::runtime_error;`");
static_assert(MapsWithProcessMap<Function>,
              "process_pool.hpp: declare `std::vector<std::string> process_map(const "
              "std::function<std::string(const std::string&)>& f, const "
              "std::vector<std::string>& items, unsigned processes);`");

std::string Demangle(const char* name) {
  if (name == nullptr) return "an unknown type";
  int status = 0;
  char* readable = abi::__cxa_demangle(name, nullptr, nullptr, &status);
  std::string text = status == 0 && readable != nullptr ? readable : name;
  std::free(readable);
  return text;
}

// The call itself, as a template so that `if constexpr` drops it when the declaration is
// wrong and the static_assert above is the only error.
template <class F>
std::vector<std::string> Call(const F& f, const std::vector<std::string>& items,
                              unsigned processes) {
  if constexpr (MapsWithProcessMap<F>) {
    return process_map(f, items, processes);
  } else {
    return {};
  }
}

}  // namespace

namespace process_pool_adapter {

Outcome ProcessMap(const Function& f, const std::vector<std::string>& items, unsigned processes) {
  Outcome outcome;
  try {
    outcome.results = Call(f, items, processes);
  } catch (const ChildProcessError& error) {
    outcome.kind = Outcome::Kind::kChildProcessError;
    outcome.what = error.what();
    outcome.type = Demangle(typeid(error).name());
  } catch (const std::invalid_argument& error) {
    outcome.kind = Outcome::Kind::kInvalidArgument;
    outcome.what = error.what();
    outcome.type = Demangle(typeid(error).name());
  } catch (const std::exception& error) {
    outcome.kind = Outcome::Kind::kOtherException;
    outcome.what = error.what();
    outcome.type = Demangle(typeid(error).name());
  } catch (...) {
    outcome.kind = Outcome::Kind::kOtherException;
    const std::type_info* type = abi::__cxa_current_exception_type();
    outcome.type = Demangle(type == nullptr ? nullptr : type->name());
  }
  return outcome;
}

}  // namespace process_pool_adapter
