// Runs a batch: a TBB flow graph whose grading node runs up to `jobs` gradings at once and
// whose recording node, one at a time, stores each result the moment it ends. Speed tests
// measure alone without anything here arranging it: every compilation and correctness run
// holds the machine's timing lock shared and a speed test holds it exclusively
// (timing/timing_lock.h), so while one measures, the other gradings wait.
//
// A job whose grading key (batch/grading_key.h) matches a stored result is not graded again;
// its stored result is reused. Stopping (the `stop` flag, set by SIGINT or SIGTERM) starts
// no new grading and lets the running ones end and be stored.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "batch/batch_jobs.h"
#include "batch/grading_key.h"
#include "batch/result_store.h"
#include "grading/grader.h"
#include "spec/spec.h"

namespace grader {

struct BatchOptions {
  int jobs = 1;                  // gradings at once
  std::uint64_t seed = 1;        // the batch's seed; each job's derives from it (JobSeed)
  GradingSettings settings;
  GradeOptions grade;            // seed and progress are set per job
  bool dry_run = false;          // say what would be graded; grade nothing
};

// How one job ended.
enum class JobOutcome { kReused, kGraded, kUnusable, kInternalError, kNotStarted };

struct JobReport {
  BatchJob job;
  JobOutcome outcome = JobOutcome::kNotStarted;
  std::string key;
  double score = 0;
  double max_score = 0;
  double seconds = 0;  // wall time of the grading (0 when reused)
  std::string message;  // unusable or internal error: why
};

struct BatchSummary {
  std::vector<JobReport> jobs;  // in the order of the job list
  int reused = 0;
  int graded = 0;
  int unusable = 0;        // files missing or unusable: stored as a 0 with the reason
  int internal_errors = 0;  // the harness failed: stored, and the exit status says so
  int not_full = 0;         // graded or reused below full marks
  // Jobs without a stored result for their key when the batch began: what it grades if not
  // stopped. A re-grade after one spec changed reuses most jobs, so the time left follows
  // this count, not the jobs left (SecondsLeft).
  int to_grade = 0;
  bool stopped = false;     // stopped before every job ran
  double seconds = 0;

  // Jobs whose grading was started: graded, unusable or failed by the harness.
  int attempted() const { return graded + unusable + internal_errors; }
};

// The estimated seconds until every job of `to_grade` is graded, at the pace of those graded
// in `elapsed` seconds so far (unusable ones and internal errors count: they were attempted);
// nothing before the first.
std::optional<double> SecondsLeft(const BatchSummary& so_far, double elapsed);

// Called once per job as it is recorded (from one thread at a time), with the summary so far.
using BatchProgress = std::function<void(const JobReport&, const BatchSummary&, int total)>;

BatchSummary RunBatch(const std::vector<BatchJob>& jobs,
                      const std::map<std::string, ExerciseSpec>& specs, Grader& grader,
                      const ResultStore& store, const BatchOptions& options,
                      const std::atomic<bool>& stop, const BatchProgress& progress);

}  // namespace grader
