#include "batch/batch_runner.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <oneapi/tbb/flow_graph.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <fmt/format.h>

#include "common/error.h"
#include "report/gradescope_report.h"
#include "report/json_report.h"

namespace grader {
namespace {

namespace flow = oneapi::tbb::flow;
using Clock = std::chrono::steady_clock;

// A grading that produced no GradeResult (unusable files, a failure of the harness), stored
// like one: score 0 of the exercise's points, the reason as a warning and as "error".
GradeResult NotGraded(const ExerciseSpec& spec, const BatchJob& job, std::uint64_t seed,
                      const std::string& why) {
  GradeResult result;
  result.exercise = spec.name;
  result.submission = job.dir.string();
  result.seed = seed;
  result.max_score = spec.MaxScore();
  result.warnings.push_back("not graded: " + why);
  return result;
}

StoredResult Store(const GradeResult& result, const BatchJob& job, const std::string& key) {
  StoredResult stored;
  stored.result = ResultToJson(result);
  stored.result["student"] = job.student;
  stored.result["grading_key"] = key;
  std::ostringstream gradescope;
  WriteGradescopeReport(result, gradescope);
  stored.gradescope = gradescope.str();
  return stored;
}

struct Graded {
  JobReport report;
  std::optional<StoredResult> stored;  // to save; nothing when reused or not started
};

// `key` is GradingKey(spec, job.dir, options.settings, JobSeed(...)), computed by RunBatch
// for every job before the first grading.
Graded GradeJob(const BatchJob& job, const std::string& key, const ExerciseSpec& spec,
                Grader& grader, const ResultStore& store, const BatchOptions& options,
                const std::atomic<bool>& stop) {
  Graded graded;
  JobReport& report = graded.report;
  report.job = job;
  const std::uint64_t seed = JobSeed(options.seed, job.student, job.exercise);
  report.key = key;
  report.max_score = spec.MaxScore();
  if (const std::optional<StoredResult> found = store.Find(job, report.key)) {
    report.outcome = JobOutcome::kReused;
    report.score = found->result.value("score", 0.0);
    report.max_score = found->result.value("max_score", report.max_score);
    // A cache hit that OUT does not hold yet is saved there.
    const std::optional<nlohmann::json> in_out = store.InOut(job.student, job.exercise);
    if (!in_out || in_out->value("grading_key", "") != report.key) graded.stored = *found;
    return graded;
  }
  if (options.dry_run || stop.load()) return graded;  // kNotStarted

  GradeOptions grade = options.grade;
  grade.seed = seed;
  const Clock::time_point start = Clock::now();
  GradeResult result;
  try {
    result = grader.Grade(spec, job.dir, grade);
    report.outcome =
        result.HasInternalError() ? JobOutcome::kInternalError : JobOutcome::kGraded;
  } catch (const InputError& e) {
    result = NotGraded(spec, job, seed, e.what());
    report.outcome = JobOutcome::kUnusable;
    report.message = e.what();
  } catch (const std::exception& e) {
    result = NotGraded(spec, job, seed, std::string("internal error of the grader: ") + e.what());
    report.outcome = JobOutcome::kInternalError;
    report.message = e.what();
  }
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  report.score = result.score;
  report.max_score = result.max_score;
  graded.stored = Store(result, job, report.key);
  // Why a result holds no grading, for every reader of OUT (the batch's reports): the
  // student's files ("error"), or the harness before any test ("internal_error").
  if (report.outcome == JobOutcome::kUnusable) graded.stored->result["error"] = report.message;
  if (report.outcome == JobOutcome::kInternalError && result.tests.empty()) {
    graded.stored->result["internal_error"] = report.message;
  }
  return graded;
}

}  // namespace

std::optional<double> SecondsLeft(const BatchSummary& so_far, double elapsed) {
  const int attempted = so_far.attempted();
  if (attempted == 0) return std::nullopt;
  return elapsed / attempted * std::max(0, so_far.to_grade - attempted);
}

BatchSummary RunBatch(const std::vector<BatchJob>& jobs,
                      const std::map<std::string, ExerciseSpec>& specs, Grader& grader,
                      const ResultStore& store, const BatchOptions& options,
                      const std::atomic<bool>& stop, const BatchProgress& progress) {
  BatchSummary summary;
  summary.jobs.resize(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) summary.jobs[i].job = jobs[i];
  const Clock::time_point start = Clock::now();
  // Every key first (hashing files: milliseconds a job), to count what is left to grade.
  std::vector<std::string> keys;
  keys.reserve(jobs.size());
  for (const BatchJob& job : jobs) {
    keys.push_back(GradingKey(specs.at(job.exercise), job.dir, options.settings,
                              JobSeed(options.seed, job.student, job.exercise)));
    if (!store.Find(job, keys.back())) ++summary.to_grade;
  }
  const int concurrency = std::max(1, options.jobs);
  // Gradings mostly wait for their processes, so -j may exceed the cores: TBB then needs
  // as many threads as gradings, and one more for the recording node.
  oneapi::tbb::global_control threads(oneapi::tbb::global_control::max_allowed_parallelism,
                                      static_cast<std::size_t>(concurrency) + 1);
  oneapi::tbb::task_arena arena(concurrency + 1);
  arena.execute([&] {
    flow::graph graph;
    std::size_t next = 0;
    flow::input_node<std::size_t> source(
        graph, [&](oneapi::tbb::flow_control& control) -> std::size_t {
          if (next >= jobs.size()) {
            control.stop();
            return 0;
          }
          return next++;
        });
    // Rejecting: a job leaves the source only when a grading slot is free, so a stop
    // request holds back every job not yet started.
    flow::function_node<std::size_t, std::pair<std::size_t, Graded>, flow::rejecting> grade(
        graph, static_cast<std::size_t>(concurrency), [&](std::size_t i) {
          return std::make_pair(i, GradeJob(jobs[i], keys[i], specs.at(jobs[i].exercise),
                                            grader, store, options, stop));
        });
    flow::function_node<std::pair<std::size_t, Graded>> record(
        graph, flow::serial, [&](const std::pair<std::size_t, Graded>& done) {
          const auto& [i, graded] = done;
          if (graded.stored && !options.dry_run) {
            store.Save(jobs[i], graded.report.key, *graded.stored);
          }
          summary.jobs[i] = graded.report;
          switch (graded.report.outcome) {
            case JobOutcome::kReused: ++summary.reused; break;
            case JobOutcome::kGraded: ++summary.graded; break;
            case JobOutcome::kUnusable: ++summary.unusable; break;
            case JobOutcome::kInternalError: ++summary.internal_errors; break;
            case JobOutcome::kNotStarted: summary.stopped = !options.dry_run; break;
          }
          if (graded.report.outcome != JobOutcome::kNotStarted &&
              graded.report.score < graded.report.max_score) {
            ++summary.not_full;
          }
          if (progress) progress(graded.report, summary, static_cast<int>(jobs.size()));
        });
    flow::make_edge(source, grade);
    flow::make_edge(grade, record);
    source.activate();
    graph.wait_for_all();
  });
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

}  // namespace grader
