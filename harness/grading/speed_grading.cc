#include "grading/speed_grading.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/error.h"
#include "grading/grader.h"
#include "grading/reported_speedups.h"
#include "process/cpus.h"
#include "timing/available_cores.h"
#include "timing/speed_protocol.h"
#include "timing/speedup_plot.h"
#include "timing/timing_lock.h"

namespace grader {
namespace {

std::string MsText(double seconds) { return fmt::format("{:.1f} ms", seconds * 1e3); }

// "2", "1 and 2", "1, 2 and 4": the thread counts of one run.
std::string ThreadsText(const std::vector<unsigned>& threads) {
  std::string text;
  for (std::size_t i = 0; i < threads.size(); ++i) {
    text += fmt::format("{}{}", i == 0 ? "" : i + 1 == threads.size() ? " and " : ", ",
                        threads[i]);
  }
  return text;
}

const char* OutcomeName(SpeedOutcome outcome) {
  switch (outcome) {
    case SpeedOutcome::kFastEnough: return "fast-enough";
    case SpeedOutcome::kTooSlow: return "too-slow";
    case SpeedOutcome::kTooNoisy: return "too-noisy";
    case SpeedOutcome::kMeasuring: return "measuring";
  }
  return "?";
}

// What the CPU time says about a slow submission at `threads` threads.
std::string Hint(double cores_busy, unsigned threads) {
  if (threads < 2) return "";
  if (cores_busy < 1.3) {
    return fmt::format(
        "only about {:.1f} core(s) were busy while your code ran with {} threads: are the "
        "threads (or worker processes) started and waited for one after another, or does "
        "one lock serialise the work?",
        cores_busy, threads);
  }
  return fmt::format(
      "{:.1f} cores were busy, yet the work took longer: threads that write next to each other "
      "(false sharing: per-thread results in one array, updated in the loop), a lock or "
      "atomic operation per element, or extra copying of the data cost more than the cores "
      "gained",
      cores_busy);
}

std::string CurveTable(const SpeedMeasurement& measurement) {
  const int runs = measurement.curve.empty() ? 0 : measurement.curve.front().pairs;
  std::string table =
      measurement.curve.size() < 2
          ? ""
          : fmt::format("medians of {} run{} of each, every thread count timed in turn within "
                        "each run:\n",
                        runs, runs == 1 ? "" : "s");
  table += "threads  reference  speedup  cores busy   submission  speedup  cores busy\n";
  for (const CurvePoint& point : measurement.curve) {
    table += fmt::format("{:>7}  {:>9}  {:>6.2f}x  {:>10.1f}   {:>10}  {:>6.2f}x  {:>10.1f}\n",
                         point.threads, MsText(point.reference_seconds),
                         measurement.ReferenceSpeedup(point.threads),
                         point.reference_cpu_per_wall, MsText(point.student_seconds),
                         measurement.StudentSpeedup(point.threads), point.student_cpu_per_wall);
  }
  return table;
}

nlohmann::json SpeedEvidence(const SpeedMeasurement& measurement, const SpeedSpec& speed,
                             const CoreCount& cores, unsigned judged) {
  nlohmann::json curve = nlohmann::json::array();
  for (const CurvePoint& point : measurement.curve) {
    curve.push_back({{"threads", point.threads},
                     {"pairs", point.pairs},
                     {"reference_seconds", point.reference_seconds},
                     {"student_seconds", point.student_seconds},
                     {"reference_speedup", measurement.ReferenceSpeedup(point.threads)},
                     {"student_speedup", measurement.StudentSpeedup(point.threads)},
                     {"reference_cpu_per_wall", point.reference_cpu_per_wall},
                     {"student_cpu_per_wall", point.student_cpu_per_wall},
                     {"reference_samples", point.reference_samples},
                     {"student_samples", point.student_samples},
                     {"reference_run_speedups", point.reference_run_speedups},
                     {"student_run_speedups", point.student_run_speedups}});
  }
  nlohmann::json evidence = {
      {"outcome", OutcomeName(measurement.decision.outcome)},
      {"judged_threads", judged},
      {"cores", {{"available", cores.cores}, {"affinity", cores.affinity}}},
      {"fraction", speed.fraction},
      {"pairs", measurement.ratios.size()},
      {"ratios", measurement.ratios},
      {"judged",
       {{"pairs", measurement.judged.pairs},
        {"reference_seconds", measurement.judged.reference_seconds},
        {"student_seconds", measurement.judged.student_seconds},
        {"reference_cpu_per_wall", measurement.judged.reference_cpu_per_wall},
        {"student_cpu_per_wall", measurement.judged.student_cpu_per_wall},
        {"reference_samples", measurement.judged.reference_samples},
        {"student_samples", measurement.judged.student_samples}}},
      {"median_ratio", measurement.decision.median},
      // The student's time at P against the reference's one-thread time, taken as the
      // reference's own speedup (timed within runs) times the median ratio at P: the two
      // times it divides come from different runs, so it is not taken directly.
      {"speedup_over_reference_one_thread",
       measurement.ReferenceSpeedup(judged) * measurement.decision.median},
      {"interval", {measurement.decision.interval.low, measurement.decision.interval.high}},
      {"spread", measurement.decision.spread},
      {"max_spread", speed.max_spread},
      {"budget_exhausted", measurement.budget_exhausted},
      {"seconds", measurement.seconds},
      {"curve", curve}};
  if (cores.quota) {
    evidence["cores"]["quota"] = *cores.quota;
    evidence["cores"]["quota_source"] = cores.quota_source;
  }
  return evidence;
}

// A student run stopped at a time limit, against a whole reference run at the same thread
// count: `too-slow` when the reference took less than `fraction` of the time the student's
// run had used when it was stopped (finishing right then would still have missed the bar),
// else nothing (the time-limit verdict stands).
std::optional<RunJudgement> TooSlowToFinish(const SpeedRun& student, const SpeedRun& reference,
                                            const std::vector<unsigned>& counts,
                                            const SpeedSpec& speed) {
  const unsigned threads = counts.back();
  const double at_most = reference.wall_seconds / std::max(student.wall_seconds, 1e-9);
  if (at_most >= speed.fraction) return std::nullopt;
  RunJudgement judgement;
  judgement.verdict = Verdict::kTooSlow;
  judgement.message = fmt::format(
      "at {} thread{} your code had not finished the timed work when the time limit stopped "
      "it after {:.1f} s; the reference's whole run took {:.2f} s, so yours runs at most at "
      "{:.1f}% of the reference's speed; at least {:.0f}% was needed",
      ThreadsText(counts), counts == std::vector<unsigned>{1} ? "" : "s", student.wall_seconds,
      reference.wall_seconds,
      at_most * 100, speed.fraction * 100);
  const double cores_busy = student.cpu_seconds / std::max(student.wall_seconds, 1e-9);
  judgement.details = Hint(cores_busy, threads);
  if (!judgement.details.empty()) judgement.details += "\n";
  judgement.details += student.judgement.details;  // where the threads were when stopped
  judgement.details_public = true;
  judgement.evidence = student.judgement.evidence;
  judgement.evidence["speed"] = {{"outcome", "too-slow-to-finish"},
                                 {"threads", threads},
                                 {"run_threads", counts},
                                 {"student_seconds_until_stopped", student.wall_seconds},
                                 {"student_cpu_per_wall", cores_busy},
                                 {"reference_run_seconds", reference.wall_seconds},
                                 {"at_most_ratio", at_most},
                                 {"fraction", speed.fraction}};
  return judgement;
}

}  // namespace

std::vector<unsigned> CurveThreads(const TestSpec& test, unsigned judged) {
  if (!test.threads.empty()) return test.threads;
  std::vector<unsigned> threads;
  for (unsigned t = 1; t < judged; t *= 2) threads.push_back(t);
  return threads;
}

SpeedRun RunSpeedSide(const SpeedSide& side, const TestSpec& test,
                      const std::vector<unsigned>& threads, std::uint64_t run_seed) {
  const unsigned most = *std::max_element(threads.begin(), threads.end());
  RunRequest request;
  request.binary = side.binary;
  request.flavor = Flavor::kRelease;
  request.threads = most;
  // Fewer threads than CPUs: the first `most` CPUs, the same ones for every run at that
  // count; inside the run, MeasureSpeed puts each smaller count on the first CPUs of those.
  if (const std::vector<int> usable = UsableCpus(); most < usable.size()) {
    request.cpus.assign(usable.begin(), usable.begin() + most);
  }
  request.seed = run_seed;
  request.chaos = false;
  request.limits = test.limits;
  request.gtest = true;
  request.args = {"--gtest_filter=" + test.gtest_filter, "--gtest_brief=1"};
  request.env = {fmt::format("GRADER_SPEED_REPS={}", test.speed->repetitions),
                 fmt::format("GRADER_SPEED_THREADS={}", fmt::join(threads, ","))};
  const RunObservation observation = side.runner->Run(request);
  SpeedRun run;
  run.judgement = JudgeRun(observation, request, side.context);
  run.wall_seconds = std::chrono::duration<double>(observation.process.wall_time).count();
  // A run stopped at its deadline has its CPU time from the moment of the kill.
  const std::chrono::nanoseconds cpu =
      observation.process.timed_out ? observation.cpu_at_deadline : observation.tree_cpu;
  run.cpu_seconds = std::chrono::duration<double>(cpu).count();
  return run;
}

std::vector<TimingSample> SamplesOf(const TestSpec& test, const RunJudgement& judgement,
                                    const std::vector<unsigned>& threads) {
  std::string problem;
  std::optional<std::vector<TimingSample>> samples =
      SamplesFromEvidence(judgement.evidence, &problem);
  if (!samples) throw InternalError("speed test '" + test.name + "': " + problem);
  std::vector<unsigned> measured;
  for (const TimingSample& sample : *samples) measured.push_back(sample.threads);
  if (measured != threads) {
    throw InternalError(fmt::format(
        "speed test '{}': the run was to measure at {} threads but measured at {} (does the "
        "driver's MeasureSpeed body use the thread count it is given?)",
        test.name, fmt::join(threads, ","), fmt::join(measured, ",")));
  }
  return *samples;
}

SpeedReference::SpeedReference(const ExerciseSpec& spec, const std::filesystem::path& dir,
                               ObjectCache& cache, const Sandbox& sandbox,
                               const std::filesystem::path& work_dir)
    : workspace_(Workspace::Create(work_dir, spec, dir)) {
  SubmissionBuilder builder(spec, cache, sandbox);
  {
    TimingLock shared(TimingLock::Mode::kShared);  // a compiler is as loud as a test run
    build_ = builder.Build(workspace_, Flavor::kRelease);
  }
  if (!build_.ok) {
    throw InternalError(fmt::format("the speed reference {} does not build:\n{}", dir.string(),
                                    build_.diagnostics));
  }
  runner_ = std::make_unique<TestRunner>(sandbox, workspace_);
  SandboxPolicy policy;
  policy.workspace = workspace_.Root();
  inside_ = sandbox.WorkspaceDir(policy).string();
}

SpeedSide SpeedReference::AsSide(const ExerciseSpec& spec, const TestSpec& test) {
  return {build_.binary, runner_.get(),
          JudgeContext{&spec, &test, workspace_.SubmittedFiles(), workspace_.Root(), inside_,
                       /*reveal_io=*/true}};
}

TestResult GradeSpeedTest(const TestSpec& test, std::uint64_t seed, const SpeedSide& reference,
                          const SpeedSide& student, const CalibrationLookup& calibration,
                          TestResult result) {
  const SpeedSpec& speed = *test.speed;
  const CoreCount cores = AvailableCores();
  SpeedPlan plan;
  plan.judged_threads = cores.cores;
  plan.curve_threads = CurveThreads(test, plan.judged_threads);
  plan.rule = {speed.fraction, speed.min_pairs, speed.max_spread};
  plan.max_pairs = speed.max_pairs;
  plan.curve_pairs = speed.curve_pairs;
  plan.budget = speed.budget;

  int run_index = 0;
  std::optional<RunJudgement> failure;
  auto run_side = [&](const SpeedSide& side, const std::vector<unsigned>& threads) {
    SpeedRun run = RunSpeedSide(side, test, threads, RunSeed(seed, test.name, run_index++));
    if (&side == &reference && run.judgement.verdict != Verdict::kOk) {
      throw InternalError(fmt::format("the speed reference failed at {} threads ({}): {}",
                                      ThreadsText(threads), VerdictName(run.judgement.verdict),
                                      run.judgement.message));
    }
    return run;
  };
  auto run = [&](Side side,
                 const std::vector<unsigned>& threads) -> std::optional<RunSamples> {
    SpeedRun measured = run_side(side == Side::kReference ? reference : student, threads);
    if (measured.judgement.verdict == Verdict::kOk) {
      return SamplesOf(test, measured.judgement, threads);
    }
    if (measured.judgement.verdict == Verdict::kTimeLimit) {
      // One more reference run at the same counts tells how far off the bar this one was.
      failure = TooSlowToFinish(measured, run_side(reference, threads), threads, speed);
    }
    if (!failure) {
      measured.judgement.message = fmt::format("at {} threads: {}", ThreadsText(threads),
                                               measured.judgement.message);
      failure = std::move(measured.judgement);
    }
    return std::nullopt;
  };

  SpeedMeasurement measurement;
  {
    TimingLock alone(TimingLock::Mode::kExclusive);
    measurement = MeasureSpeed(plan, run);
  }
  result.runs = run_index;
  if (measurement.failed) {
    result.verdict = failure->verdict;
    result.message = std::move(failure->message);
    result.details = std::move(failure->details);
    result.details_public = failure->details_public;
    result.evidence = std::move(failure->evidence);
    return result;
  }

  const unsigned p = plan.judged_threads;
  const CurvePoint& judged = measurement.judged;
  const double reference_speedup = measurement.ReferenceSpeedup(p);
  const double student_speedup = measurement.StudentSpeedup(p);
  const SpeedDecision& decision = measurement.decision;
  result.evidence["speed"] = SpeedEvidence(measurement, speed, cores, p);
  result.evidence["speed"]["svg"] =
      SpeedupSvg(measurement, fmt::format("{}: speedup against threads", test.name));
  const std::string summary = fmt::format(
      "at {} thread{} your code took {}, the reference {} (medians of {} pairs); your "
      "speedup {:.2f}x, the reference's {:.2f}x (a build's one-thread time over its time at "
      "{} thread{}, both timed in turn within the same runs)",
      p, p == 1 ? "" : "s", MsText(judged.student_seconds), MsText(judged.reference_seconds),
      measurement.ratios.size(), student_speedup, reference_speedup, p, p == 1 ? "" : "s");
  const SpeedCalibration* scale =
      calibration.calibration ? &*calibration.calibration : nullptr;
  const ReportedSpeedups reported = ReportSpeedups(measurement, p, scale);
  // Whatever the outcome, the details say which scale the speedups are on and, when a
  // stored calibration was not used, why: a too-noisy or too-slow grading must not hide a
  // stale calibration from the instructor.
  result.details = ReportedSpeedupsNote(calibration, student.context.spec->name, p, reported,
                                        student_speedup, reference_speedup, decision.median) +
                   CurveTable(measurement);
  result.details_public = true;  // timings of the student's own code
  result.evidence["speed"]["reported"] = {
      {"student_speedup", reported.student},
      {"reference_speedup", reported.reference},
      {"basis", reported.calibrated ? "calibration" : "this grading"}};
  result.evidence["speed"]["calibration"] = CalibrationEvidence(calibration, p);
  const double reference_needed = ReferenceSpeedupNeeded(p, speed.reference_efficiency);
  result.evidence["speed"]["reference_speedup_needed"] = reference_needed;
  if (reference_speedup < reference_needed) {
    // The machine did not give the test its cores: no ratio measured now says anything
    // about the student's parallelism. Never the student's loss, as when too noisy.
    result.evidence["speed"]["outcome"] = "too-noisy";
    result.evidence["speed"]["cores_busy"] = true;
    result.verdict = Verdict::kOk;
    result.message = fmt::format(
        "not judged: the reference itself sped up only {:.2f}x at {} threads, under the "
        "{:.2f}x needed to judge (another program kept the cores busy?); your code ran at "
        "{:.0f}% of its speed; counted as passed, rerun on a quieter machine to judge",
        reference_speedup, p, reference_needed, decision.median * 100);
    return result;
  }
  switch (decision.outcome) {
    case SpeedOutcome::kFastEnough:
      result.verdict = Verdict::kOk;
      result.message = fmt::format(
          "{:.2f}x at {} threads (the reference {:.2f}x{}); {:.0f}% of the reference's speed",
          reported.student, p, reported.reference, reported.calibrated ? " on this machine" : "",
          decision.median * 100);
      break;
    case SpeedOutcome::kTooSlow:
      result.verdict = Verdict::kTooSlow;
      result.message = fmt::format(
          "{}; at {} thread{} your code ran at {:.0f}% of the reference's speed (95% interval "
          "{:.0f}-{:.0f}%), at least {:.0f}% was needed",
          summary, p, p == 1 ? "" : "s", decision.median * 100, decision.interval.low * 100,
          decision.interval.high * 100, speed.fraction * 100);
      if (const std::string hint = Hint(judged.student_cpu_per_wall, p); !hint.empty()) {
        result.details += hint + "\n";
      }
      break;
    case SpeedOutcome::kTooNoisy:
    case SpeedOutcome::kMeasuring:
      // Never the student's loss: full points, and the instructor is told to rerun.
      result.verdict = Verdict::kOk;
      result.message = fmt::format(
          "not judged: the machine was too noisy to tell ({} pairs in {:.0f} s; your time was "
          "{:.0f}-{:.0f}% of the reference's speed, the bar {:.0f}%); counted as passed, "
          "rerun on a quieter machine to judge",
          measurement.ratios.size(), measurement.seconds, decision.interval.low * 100,
          decision.interval.high * 100, speed.fraction * 100);
      break;
  }
  return result;
}

}  // namespace grader
