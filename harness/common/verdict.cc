#include "common/verdict.h"

#include <array>
#include <utility>

namespace grader {
namespace {

constexpr std::array<std::pair<Verdict, std::string_view>, 12> kNames = {{
    {Verdict::kOk, "ok"},
    {Verdict::kWrongAnswer, "wrong-answer"},
    {Verdict::kDataRace, "data-race"},
    {Verdict::kDeadlock, "deadlock"},
    {Verdict::kTimeLimit, "time-limit"},
    {Verdict::kRuntimeError, "runtime-error"},
    {Verdict::kMemoryLimit, "memory-limit"},
    {Verdict::kOutputLimit, "output-limit"},
    {Verdict::kCompileError, "compile-error"},
    {Verdict::kTooSlow, "too-slow"},
    {Verdict::kForbidden, "forbidden"},
    {Verdict::kInternalError, "internal-error"},
}};

}  // namespace

std::string_view VerdictName(Verdict verdict) {
  for (const auto& [v, name] : kNames) {
    if (v == verdict) return name;
  }
  return "internal-error";
}

std::optional<Verdict> ParseVerdict(std::string_view name) {
  for (const auto& [v, n] : kNames) {
    if (n == name) return v;
  }
  return std::nullopt;
}

}  // namespace grader
