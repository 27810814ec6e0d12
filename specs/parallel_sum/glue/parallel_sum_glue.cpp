// Adapts the submitted parallel_sum (parallel_sum.hpp) to include/parallel_sum_adapter.h.
//
// Compiled per submission next to the student's header. It holds no test logic: it checks
// the function's shape at compile time, so a wrong signature fails the build with one
// message that says what is wrong, and forwards the adapter's call. The check is a concept
// (a template) because a requires-expression outside a template makes an invalid call a
// hard error instead of a false condition; the forwarding call is guarded by the same
// concept so that the failed static_assert is the only error a student sees.
#include <concepts>
#include <span>

#include "parallel_sum.hpp"
#include "parallel_sum_adapter.h"

namespace {

// Braces make a narrowing conversion ill-formed, so this only holds when parallel_sum
// takes the span as a span of const int (a std::span<int> or a std::vector would not
// accept it) and the thread count as an unsigned type at least as wide as `unsigned`.
template <class Data>
concept SumsSpanOfConstInt = requires(Data data, unsigned threads) {
  { parallel_sum(data, {threads}) } -> std::same_as<long long>;
};

static_assert(SumsSpanOfConstInt<std::span<const int>>,
              "parallel_sum.hpp: declare exactly "
              "`long long parallel_sum(std::span<const int> data, unsigned threads);` "
              "(a std::span<const int> by value, an unsigned thread count, returning long long; "
              "include <span>, and no namespace around it)");

// A template, so that `if constexpr` really drops a call that would not compile.
template <class Data>
long long ForwardParallelSum(Data data, unsigned threads) {
  if constexpr (SumsSpanOfConstInt<Data>) {
    return parallel_sum(data, threads);
  } else {
    return 0;
  }
}

}  // namespace

namespace parallel_sum_adapter {

long long ParallelSum(std::span<const int> data, unsigned threads) {
  return ForwardParallelSum(data, threads);
}

}  // namespace parallel_sum_adapter
