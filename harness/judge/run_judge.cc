#include "judge/run_judge.h"

#include <csignal>

#include <fmt/format.h>

#include "judge/gtest_result.h"
#include "judge/hang_evidence.h"
#include "judge/history_check.h"
#include "judge/output_compare.h"
#include "judge/sanitizer_evidence.h"
#include "judge/sanitizer_report.h"
#include "judge/source_quote.h"
#include "process/signals.h"

namespace grader {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

long long Ms(std::chrono::nanoseconds t) { return duration_cast<milliseconds>(t).count(); }

std::string Tail(const std::string& text, std::size_t max_lines) {
  std::size_t at = text.size();
  for (std::size_t lines = 0; at > 0 && lines <= max_lines; --at) {
    if (text[at - 1] == '\n') ++lines;
  }
  return text.substr(at == 0 ? 0 : at + 1);
}

RunJudgement JudgeDriverResult(const RunObservation& observation, const JudgeContext& context) {
  const ExitStatus& status = observation.process.status;
  const auto result = observation.gtest_json ? ParseGtestResult(*observation.gtest_json)
                                             : std::nullopt;
  RunJudgement judgement;
  if (!result) {
    judgement.verdict = Verdict::kRuntimeError;
    // No report framed by the run's token: the program ended before its main() could
    // send one (build/driver_main.h), whatever it printed or returned.
    judgement.message = fmt::format(
        "the test program ended ({}) before the tests finished and reported{}",
        DescribeExit(status),
        status.signaled ? ""
                        : ": does your code call exit(), _exit() or abort(), or close "
                          "descriptors it did not open?");
    judgement.details = Tail(observation.process.err, 20);
    return judgement;
  }
  if (result->tests == 0) {
    // Either the spec's filter selects nothing (then the reference fails too, and
    // `grader validate` says so) or the result file was overwritten from inside the sandbox.
    // Never an internal error: that would take the test out of the score.
    judgement.verdict = Verdict::kRuntimeError;
    judgement.message = fmt::format("the test program reported that it ran no test (filter "
                                    "'{}')",
                                    context.test->gtest_filter);
    return judgement;
  }
  judgement.evidence["failures"] = nlohmann::json::array();
  for (const auto& failure : result->failures) {
    judgement.evidence["failures"].push_back(
        {{"test", failure.test}, {"message", failure.message}});
  }
  if (!result->failures.empty()) {
    judgement.verdict = Verdict::kWrongAnswer;
    const GtestFailure& first = result->failures.front();
    const std::size_t first_line_end = first.message.find('\n');
    judgement.message = first.message.substr(0, first_line_end);
    // The details add what the message does not say: the rest of the first failure, then
    // the others.
    for (std::size_t i = 0; i < result->failures.size(); ++i) {
      const GtestFailure& failure = result->failures[i];
      const std::string body =
          i > 0 ? failure.message
                : (first_line_end == std::string::npos ? "" : first.message.substr(first_line_end + 1));
      if (body.empty()) continue;
      judgement.details += fmt::format("{}:\n{}\n", failure.test, body);
    }
    judgement.details_public = true;  // drivers write their messages for students
  }
  // After the driver's own failures, which keep the message when there are any; a history
  // that is not linearizable adds its counterexample either way.
  CheckAttachedHistories(*result, judgement);
  // Speed tests' measurements (grader_driver::MeasureSpeed), for harness/timing to read.
  constexpr std::string_view kTimingPrefix = "timing/";
  for (const GtestAttachment& attachment : result->attachments) {
    if (!attachment.name.starts_with(kTimingPrefix)) continue;
    judgement.evidence["timings"][attachment.name.substr(kTimingPrefix.size())] =
        nlohmann::json::parse(attachment.text, nullptr, /*allow_exceptions=*/false);
  }
  if (judgement.verdict != Verdict::kOk) return judgement;
  if (!status.Success()) {
    judgement.verdict = Verdict::kRuntimeError;
    judgement.message = fmt::format("every check passed, but the program then ended with {}",
                                    DescribeExit(status));
    judgement.details = Tail(observation.process.err, 20);
  }
  return judgement;
}

RunJudgement JudgeProgramOutput(const RunObservation& observation, const RunRequest& request,
                                const JudgeContext& context) {
  const TestSpec& test = *context.test;
  RunJudgement judgement;
  if (!observation.process.status.Success()) {
    judgement.verdict = Verdict::kRuntimeError;
    judgement.message = fmt::format("the program ended with {}",
                                    DescribeExit(observation.process.status));
    judgement.details = Tail(observation.process.err, 20);
    return judgement;
  }
  const OutputComparison comparison =
      CompareOutput(test.expected_output, observation.process.out, test.compare);
  if (comparison.equal) return judgement;
  judgement.verdict = Verdict::kWrongAnswer;
  if (context.reveal_io) {
    judgement.message = "wrong output: " + comparison.difference;
    judgement.details = fmt::format("input:\n{}\nexpected output:\n{}\nyour output:\n{}",
                                    request.stdin_data, test.expected_output,
                                    observation.process.out);
    judgement.evidence["input"] = request.stdin_data;
    judgement.evidence["expected"] = test.expected_output;
    judgement.evidence["actual"] = observation.process.out;
  } else {
    judgement.message = "wrong output on a hidden input";
  }
  return judgement;
}

}  // namespace

RunJudgement JudgeRun(const RunObservation& observation, const RunRequest& request,
                      const JudgeContext& context) {
  const SubprocessResult& process = observation.process;
  const Limits& limits = request.limits;
  RunJudgement judgement;
  std::vector<SanitizerFinding> findings;
  for (const auto& log : observation.sanitizer_logs) {
    for (auto& finding : ParseSanitizerLog(log)) findings.push_back(std::move(finding));
  }
  if (findings.empty() && request.flavor == Flavor::kAsan) {
    // UBSan combined with ASan ignores log_path and reports on stderr. Reading the
    // student's stderr is safe here: a forged report can only fail its writer.
    findings = ParseSanitizerLog(process.err);
  }

  constexpr std::uint64_t kMiB = 1 << 20;
  if (observation.limit_hit == "memory") {
    judgement.verdict = Verdict::kMemoryLimit;
    judgement.message = fmt::format(
        "used more than the {} MiB of memory the test allows (all its processes together, "
        "resident at once; at most {} MiB was measured): the run was stopped at the limit",
        limits.memory / kMiB, std::max(observation.memory_peak, limits.memory) / kMiB);
  } else if (observation.limit_hit == "processes") {
    judgement.verdict = Verdict::kForbidden;
    judgement.message = fmt::format(
        "tried to run more than {} processes and threads at once ({} fork or thread "
        "creations were refused): the run was stopped. Does something start processes or "
        "threads in a loop without waiting for them?",
        limits.processes, std::max(observation.tasks_refused, 1));
  } else if (observation.limit_hit == "disk") {
    judgement.verdict = Verdict::kOutputLimit;
    judgement.message =
        observation.disk_bytes == UINT64_MAX
            ? "created more files than can be counted: the run was stopped"
            : fmt::format("wrote {} MiB of files; the test allows {} MiB: the run was stopped",
                          std::max(observation.disk_bytes, limits.disk) / kMiB,
                          limits.disk / kMiB);
  } else if (observation.limit_hit == "cpu") {
    judgement.verdict = Verdict::kTimeLimit;
    judgement.message = fmt::format(
        "used more than {} ms of CPU time, all its processes and threads together ({} ms "
        "measured): the run was stopped",
        limits.cpu_time.count(), Ms(observation.tree_cpu));
  } else if (process.status.signaled && process.status.signal == SIGXFSZ) {
    judgement.verdict = Verdict::kOutputLimit;
    judgement.message = fmt::format("a file grew past the {} MiB one file may have",
                                    limits.file_size / kMiB);
  } else if (observation.limit_hit == "stopped" ||
             (process.timed_out && observation.sandbox_stopped)) {
    judgement.verdict = Verdict::kForbidden;
    judgement.message = fmt::format(
        "the sandbox's own process was stopped (a ptrace attach, or SIGSTOP sent to a "
        "process the test did not start), which hangs the run; that is not allowed");
  } else if (process.timed_out) {
    const double cpu_share = static_cast<double>(observation.cpu_at_deadline.count()) /
                             static_cast<double>(std::max<long long>(1, process.wall_time.count()));
    judgement.verdict = cpu_share < kDeadlockCpuShare ? Verdict::kDeadlock : Verdict::kTimeLimit;
    judgement.message =
        judgement.verdict == Verdict::kDeadlock
            ? fmt::format("no result after {} ms, and the threads used only {} ms of CPU: they "
                          "were waiting for each other (deadlock or lost wake-up)",
                          limits.wall_time.count(), Ms(observation.cpu_at_deadline))
            : fmt::format("no result after {} ms while computing ({} ms of CPU): an endless "
                          "loop, or far too slow",
                          limits.wall_time.count(), Ms(observation.cpu_at_deadline));
    AddThreadStacks(observation.stacks, context, judgement);
    if (!findings.empty()) {
      // Reported before the hang (a lock-order inversion, say): part of the evidence.
      RunJudgement sanitizer = JudgeSanitizerFindings(findings, context);
      judgement.details += "\nbefore it hung, " + sanitizer.message + "\n" + sanitizer.details;
      judgement.evidence["findings"] = std::move(sanitizer.evidence["findings"]);
    }
  } else if (!findings.empty()) {
    judgement = JudgeSanitizerFindings(findings, context);
  } else if (!observation.sanitizer_logs.empty()) {
    // A report the parser cannot read (cut short, or unknown): still a sanitizer's finding.
    judgement.verdict = Verdict::kRuntimeError;
    judgement.message = "a sanitizer stopped the program with a report the grader could not "
                        "read; the report is below";
    judgement.details = Tail(observation.sanitizer_logs.front(), 40);
    judgement.details_public = true;
  } else if (process.output_overflow) {
    judgement.verdict = Verdict::kOutputLimit;
    judgement.message = fmt::format("wrote more than {} bytes to stdout or stderr",
                                    limits.output);
  } else if (process.peak_rss > limits.memory) {
    judgement.verdict = Verdict::kMemoryLimit;
    judgement.message = fmt::format("used {} MiB of memory; the limit is {} MiB",
                                    process.peak_rss >> 20, limits.memory >> 20);
  } else if (KilledForCpuLimit(process.status) ||
             (process.status.signaled && process.cpu_time >= limits.cpu_time)) {
    judgement.verdict = Verdict::kTimeLimit;
    judgement.message = fmt::format("used more than {} ms of CPU time", limits.cpu_time.count());
  } else if (context.spec->kind == ExerciseKind::kApi) {
    judgement = JudgeDriverResult(observation, context);
  } else {
    judgement = JudgeProgramOutput(observation, request, context);
  }

  judgement.evidence["exit"] = DescribeExit(process.status);
  judgement.evidence["wall_ms"] = Ms(process.wall_time);
  // wait4 sees only the sandbox's own process: the tree's figures are the cgroup's (or the
  // watchdog's) when there are any.
  judgement.evidence["cpu_ms"] =
      Ms(std::max({process.timed_out ? observation.cpu_at_deadline : process.cpu_time,
                   observation.tree_cpu}));
  judgement.evidence["peak_rss_bytes"] = process.peak_rss;
  judgement.evidence["memory_peak_bytes"] = observation.memory_peak;
  judgement.evidence["disk_bytes"] = observation.disk_bytes;
  judgement.evidence["limits_backend"] = observation.limits_backend;
  if (observation.tasks_refused > 0) judgement.evidence["tasks_refused"] = observation.tasks_refused;
  judgement.evidence["seed"] = request.seed;
  if (request.threads > 0) judgement.evidence["threads"] = request.threads;
  return judgement;
}

}  // namespace grader
