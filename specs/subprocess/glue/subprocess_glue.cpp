// Adapts the submitted sp::run (subprocess.hpp) to include/subprocess_adapter.h.
//
// Compiled per submission next to the student's files. It holds no test logic: it checks the
// API's shape at compile time, so a changed declaration fails the build with one message that
// names it, converts between the adapter's types and sp's field by field, and turns whatever
// sp::run throws into a value. The checks are concepts (templates) because a
// requires-expression outside a template makes an invalid use a hard error instead of a false
// condition; each use is guarded by its concept so that the failed static_assert is the only
// error a student sees.
#include <chrono>
#include <concepts>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <type_traits>
#include <vector>

#include "subprocess.hpp"
#include "subprocess_adapter.h"

namespace {

using Args = std::vector<std::string>;

template <class P>
concept CompletedProcessShape = requires {
  requires std::same_as<decltype(P::args), std::vector<std::string>>;
  requires std::same_as<decltype(P::returncode), int>;
  requires std::same_as<decltype(P::out), std::string>;
  requires std::same_as<decltype(P::err), std::string>;
};

template <class O>
concept RunOptionsShape = std::default_initializable<O> && requires {
  requires std::same_as<decltype(O::input), std::optional<std::string>>;
  requires std::same_as<decltype(O::capture_output), bool>;
  requires std::same_as<decltype(O::timeout), std::optional<std::chrono::milliseconds>>;
  requires std::same_as<decltype(O::cwd), std::optional<std::string>>;
};

template <class E>
concept TimeoutExpiredShape =
    std::derived_from<E, std::runtime_error> && std::constructible_from<E, std::string>;

// Args is a template parameter only to make the expression dependent (see the top).
template <class A, class O>
concept RunsWithOptions = requires(const A& args, const O& options) {
  { sp::run(args, options) } -> std::same_as<sp::CompletedProcess>;
};

template <class A>
concept RunsWithDefaultOptions = requires(const A& args) {
  { sp::run(args) } -> std::same_as<sp::CompletedProcess>;
};

static_assert(CompletedProcessShape<sp::CompletedProcess>,
              "subprocess.hpp: sp::CompletedProcess must have exactly these member types: "
              "std::vector<std::string> args; int returncode; std::string out; std::string err;");
static_assert(RunOptionsShape<sp::RunOptions>,
              "subprocess.hpp: sp::RunOptions must be default-constructible with these member "
              "types: std::optional<std::string> input; bool capture_output; "
              "std::optional<std::chrono::milliseconds> timeout; std::optional<std::string> cwd;");
static_assert(TimeoutExpiredShape<sp::TimeoutExpired>,
              "subprocess.hpp: declare `struct TimeoutExpired : std::runtime_error { using "
              "std::runtime_error::runtime_error; };` in namespace sp");
static_assert(RunsWithOptions<Args, sp::RunOptions>,
              "subprocess.hpp: declare `CompletedProcess run(const std::vector<std::string>& "
              "args, const RunOptions& options = {});` in namespace sp");
static_assert(RunsWithDefaultOptions<Args>,
              "subprocess.hpp: `sp::run(args)` must compile: give run's options the default "
              "argument `= {}` (it is part of the API)");

template <class O>
O ToRunOptions(const subprocess_adapter::Options& from) {
  O options;
  if constexpr (RunOptionsShape<O>) {
    options.input = from.input;
    options.capture_output = from.capture_output;
    options.timeout = from.timeout;
    options.cwd = from.cwd;
  }
  return options;
}

template <class O>
subprocess_adapter::Options FromRunOptions(const O& from) {
  subprocess_adapter::Options options;
  if constexpr (RunOptionsShape<O>) {
    options.input = from.input;
    options.capture_output = from.capture_output;
    options.timeout = from.timeout;
    options.cwd = from.cwd;
  }
  return options;
}

template <class P>
void CopyCompleted(P&& completed, subprocess_adapter::Result& result) {
  if constexpr (CompletedProcessShape<std::remove_cvref_t<P>>) {
    result.args = std::move(completed.args);
    result.returncode = completed.returncode;
    result.out = std::move(completed.out);
    result.err = std::move(completed.err);
  }
}

template <class A, class O>
void CallRun(const A& args, const subprocess_adapter::Options& options, bool default_options,
             subprocess_adapter::Result& result) {
  if constexpr (RunsWithOptions<A, O> && RunsWithDefaultOptions<A>) {
    if (default_options) {
      CopyCompleted(sp::run(args), result);
    } else {
      CopyCompleted(sp::run(args, ToRunOptions<O>(options)), result);
    }
  }
}

}  // namespace

namespace subprocess_adapter {

Result Run(const std::vector<std::string>& args, const Options& options, bool default_options) {
  Result result;
  try {
    CallRun<Args, sp::RunOptions>(args, options, default_options, result);
    result.outcome = Outcome::kCompleted;
  } catch (const sp::TimeoutExpired& e) {
    result.outcome = Outcome::kTimeoutExpired;
    result.what = e.what();
  } catch (const std::system_error& e) {
    result.outcome = Outcome::kSystemError;
    result.what = e.what();
    result.error_value = e.code().value();
    result.error_category = e.code().category().name();
  } catch (const std::exception& e) {
    result.outcome = Outcome::kOtherException;
    result.what = e.what();
  } catch (...) {
    result.outcome = Outcome::kUnknownThrow;
  }
  return result;
}

Options DefaultOptions() { return FromRunOptions(sp::RunOptions{}); }

}  // namespace subprocess_adapter
