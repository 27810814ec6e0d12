#include "judge/history_check.h"

#include <chrono>
#include <sstream>
#include <string_view>

#include <fmt/format.h>

#include "common/error.h"
#include "linearizability/checker.h"
#include "linearizability/history_table.h"
#include "linearizability/json_history.h"
#include "linearizability/model.h"

namespace grader {
namespace {

constexpr std::string_view kHistoryPrefix = "history/";

// Enough for the drivers' histories (100,000 operations check in well under a second on
// the queue's fast path); a search that needs more answers "unknown", which costs nothing.
LinearizabilityOptions JudgeBudget() {
  LinearizabilityOptions options;
  options.time_limit = std::chrono::seconds(20);
  options.minimize_time_limit = std::chrono::seconds(10);
  return options;
}

}  // namespace

void CheckAttachedHistories(const GtestResult& result, RunJudgement& judgement) {
  for (const GtestAttachment& attachment : result.attachments) {
    if (attachment.name.rfind(kHistoryPrefix, 0) != 0) continue;
    const std::string model_name = attachment.name.substr(kHistoryPrefix.size());
    nlohmann::json entry = {{"test", attachment.test}, {"model", model_name}};
    const auto start = std::chrono::steady_clock::now();
    try {
      const auto model = MakeModel(model_name);
      std::istringstream text(attachment.text);
      const History history = ParseJsonHistory(text, attachment.test + " history");
      const LinearizabilityResult check = CheckLinearizability(history, *model, JudgeBudget());
      entry["verdict"] = LinearizabilityName(check.verdict);
      entry["operations"] = history.ops.size();
      entry["states"] = check.states;
      entry["fast_path"] = check.fast_path;
      if (check.verdict == Linearizability::kUnknown) entry["unknown"] = check.unknown_reason;
      if (check.verdict == Linearizability::kNotLinearizable && check.counterexample) {
        const std::string shown = RenderCounterexample(*check.counterexample, *model);
        entry["counterexample"] = shown;
        entry["counterexample_operations"] = check.counterexample->history.ops.size();
        if (judgement.verdict == Verdict::kOk) {
          judgement.verdict = Verdict::kWrongAnswer;
          const std::string& why = check.counterexample->explanation;
          judgement.message = fmt::format(
              "{}: the operations the threads saw cannot happen one at a time in any order "
              "a {} allows (not linearizable){}",
              attachment.test, model_name,
              why.empty() ? "" : ": " + why.substr(0, why.find('\n')));
        }
        judgement.details += fmt::format(
            "{}: {} operations recorded; the smallest part that is still impossible:\n{}",
            attachment.test, history.ops.size(), shown);
        judgement.details_public = true;  // the student's operations and results only
      }
    } catch (const InputError& error) {
      entry["verdict"] = "unreadable";
      if (judgement.verdict == Verdict::kOk) {
        judgement.verdict = Verdict::kRuntimeError;
        judgement.message = fmt::format(
            "{}: the recorded history of the test's operations is damaged ({}): did the code "
            "write outside its own memory?",
            attachment.test, error.what());
      }
    }
    entry["seconds"] =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    judgement.evidence["linearizability"].push_back(std::move(entry));
  }
}

}  // namespace grader
