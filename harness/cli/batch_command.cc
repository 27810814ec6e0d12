#include "cli/batch_command.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "batch/batch_manifest.h"
#include "batch/batch_outputs.h"
#include "batch/batch_runner.h"
#include "batch/gradebook.h"
#include "build/object_cache.h"
#include "cli/grade_options.h"
#include "common/error.h"
#include "grading/catalog.h"
#include "spec/spec_loader.h"
#include "timing/available_cores.h"
#include "timing/speed_calibration.h"

namespace grader {
namespace {

std::atomic<bool> g_stop{false};

// The first SIGINT or SIGTERM asks the batch to stop starting gradings; the running ones
// end and are stored. A second one ends the process at once (the sandboxes of the running
// gradings die with it).
extern "C" void OnStopSignal(int signal) {
  if (g_stop.exchange(true)) {
    std::signal(signal, SIG_DFL);
    std::raise(signal);
    return;
  }
  constexpr char kMessage[] =
      "\ngrader batch: stopping after the running gradings (again to abandon them)\n";
  [[maybe_unused]] const ssize_t written = write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
}

std::string Duration(double seconds) {
  const long long s = static_cast<long long>(seconds + 0.5);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, s % 3600 / 60);
}

const char* OutcomeWord(JobOutcome outcome) {
  switch (outcome) {
    case JobOutcome::kReused: return "reused";
    case JobOutcome::kGraded: return "graded";
    case JobOutcome::kUnusable: return "unusable";
    case JobOutcome::kInternalError: return "INTERNAL-ERROR";
    case JobOutcome::kNotStarted: return "not started";
  }
  return "?";
}

// One line per finished job when stderr is not a terminal; on a terminal, one status line
// rewritten in place, with a line kept for each job that did not get full marks.
BatchProgress MakeProgress(bool dry_run) {
  const bool terminal = isatty(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();
  return [=](const JobReport& job, const BatchSummary& so_far, int total) {
    const int done = so_far.reused + so_far.attempted();
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double per_minute = elapsed > 0 ? so_far.attempted() * 60.0 / elapsed : 0;
    const std::optional<double> left = SecondsLeft(so_far, elapsed);
    const std::string eta = left ? Duration(*left) : "?";
    const std::string score =
        job.outcome == JobOutcome::kNotStarted
            ? (dry_run ? "would be graded" : "not started")
            : fmt::format("{} {}/{}", OutcomeWord(job.outcome), ScoreText(job.score),
                          ScoreText(job.max_score));
    const std::string line = fmt::format("{}/{}: {}{}", job.job.student, job.job.exercise,
                                         score, job.message.empty() ? "" : " (" + job.message + ")");
    const std::string status = fmt::format(
        "[{}/{}] {:.1f} gradings/min, ETA {}, below full marks so far: {}", done, total,
        per_minute, eta, so_far.not_full);
    if (!terminal) {
      fmt::print(stderr, "{} {}\n", status, line);
      return;
    }
    const bool keep = dry_run || job.outcome == JobOutcome::kUnusable ||
                      job.outcome == JobOutcome::kInternalError ||
                      (job.outcome != JobOutcome::kNotStarted && job.score < job.max_score);
    if (keep) fmt::print(stderr, "\r\033[K  {}\n", line);
    fmt::print(stderr, "\r\033[K{}", status);
    if (done == total) fmt::print(stderr, "\n");
  };
}

bool HoldsResults(const std::filesystem::path& out) {
  std::error_code error;
  return std::filesystem::is_directory(out, error) &&
         std::filesystem::directory_iterator(out, error) != std::filesystem::directory_iterator();
}

// Before grading: each speed test without a usable calibration on this machine, so the
// instructor can stop and run `grader calibrate` first (results stored meanwhile keep the
// speedups of their moment).
void WarnUncalibrated(const std::map<std::string, ExerciseSpec>& specs,
                      const ObjectCache& cache) {
  const unsigned cores = AvailableCores().cores;
  for (const auto& [name, spec] : specs) {
    for (const TestSpec& test : spec.tests) {
      if (!test.speed) continue;
      const CalibrationLookup lookup =
          FindCalibration(cache.dir(), spec, test, cache.toolchain(), cores);
      if (lookup.calibration) continue;
      fmt::print(stderr,
                 "batch: warning: speed test {}/{} is not calibrated on this machine{}; its "
                 "reported speedups will be those of each grading's moment. `grader calibrate "
                 "{}` first puts them on the machine's long-run scale\n",
                 name, test.name, lookup.problem.empty() ? "" : " (" + lookup.problem + ")",
                 name);
    }
  }
}

}  // namespace

CLI::App* AddBatchSubcommand(CLI::App& app, BatchCommandOptions& options) {
  CLI::App* batch = app.add_subcommand(
      "batch", "grade ROOT/<student>/<exercise>/ for every student; gradebook in OUT");
  batch->add_option("root", options.root, "folder of student folders")
      ->required()
      ->check(CLI::ExistingDirectory);
  batch->add_option("exercises", options.exercises, "exercises (default: all)");
  batch->add_option("-o,--out", options.out, "output folder")->required();
  batch->add_option("-j,--jobs", options.jobs,
                    "gradings at once (default: one per available core; speed tests still "
                    "alone)")
      ->check(CLI::Range(1, 256));
  batch->add_flag("--resume", options.resume,
                  "continue into an OUT that holds results (finished ones are kept)");
  batch->add_flag("--dry-run", options.dry_run, "say what would be graded; grade nothing");
  batch->add_option("--shard", options.shard, "only shard K of N, by student (e.g. 2/4)");
  batch->add_option("--seed", options.seed, "the batch's seed (default 1)");
  batch->add_flag("--quick", options.quick, "visible tests only");
  batch->add_option("--repeat", options.repeat, "runs per thread count, for every test")
      ->check(CLI::Range(1, 10000));
  return batch;
}

int RunBatchCommand(const CommonOptions& common, const BatchCommandOptions& options) {
  const Shard shard = options.shard.empty() ? Shard{} : ParseShard(options.shard);
  std::map<std::string, ExerciseSpec> specs;
  if (options.exercises.empty()) {
    for (const auto& file : AllSpecFiles(common.specs_dir)) {
      ExerciseSpec spec = LoadSpec(file);
      specs.emplace(spec.name, std::move(spec));
    }
  } else {
    for (const std::string& name : options.exercises) {
      ExerciseSpec spec = LoadSpec(ResolveSpecFile(name, common.specs_dir));
      specs.emplace(spec.name, std::move(spec));
    }
  }
  std::vector<std::string> exercises;
  for (const auto& [name, spec] : specs) exercises.push_back(name);
  if (!options.resume && !options.dry_run && HoldsResults(options.out)) {
    throw InputError(fmt::format(
        "{}: holds the results of an earlier batch; add --resume to continue it (finished "
        "results are kept, changed submissions and specs are graded again), or choose an "
        "empty folder",
        options.out.string()));
  }
  const std::vector<BatchJob> jobs = FindJobs(options.root, exercises, shard);
  const std::vector<std::string> students = FindStudents(options.root, shard);

  const auto sandbox = MakeSandbox(common.sandbox);
  const std::filesystem::path cache_dir =
      common.cache_dir.empty() ? DefaultCacheDir() : common.cache_dir;
  const Toolchain toolchain = Toolchain::Detect(common.cxx);
  ObjectCache cache(cache_dir, toolchain);
  Grader grader(cache, *sandbox);
  const ResultStore store(options.out, cache_dir);

  BatchOptions batch;
  batch.jobs = JobsOrCores(options.jobs);
  batch.seed = options.seed;
  batch.dry_run = options.dry_run;
  batch.settings = {std::string(GRADER_VERSION), toolchain, std::string(sandbox->Name()),
                    options.quick, common.chaos, options.repeat.value_or(0)};
  batch.grade.repeat = options.repeat;
  batch.grade.quick = options.quick;
  batch.grade.chaos = common.chaos;
  batch.grade.work_dir = common.work_dir;
  batch.grade.keep_workspace = common.keep_workspace;

  // batch.json first: a batch stopped at any moment still says what it covers, and
  // --resume continues only the same batch.
  BatchManifest manifest{std::string(GRADER_VERSION), options.seed, shard, exercises,
                         SettingsOf(batch.settings), students, /*complete=*/false};
  if (HoldsResults(options.out)) CheckResume(options.out, manifest);
  if (!options.dry_run) WriteManifest(options.out, manifest);

  fmt::print(stderr, "batch: {} submission(s) of {} student(s), {} exercise(s), -j {}{}\n",
             jobs.size(), students.size(), exercises.size(), batch.jobs,
             options.shard.empty() ? "" : ", shard " + options.shard);
  WarnUncalibrated(specs, cache);
  g_stop = false;
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
  const BatchSummary summary =
      RunBatch(jobs, specs, grader, store, batch, g_stop, MakeProgress(options.dry_run));
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);

  if (options.dry_run) {
    const int to_grade = static_cast<int>(jobs.size()) - summary.reused;
    fmt::print("dry run: {} of {} submission(s) would be graded, {} have a stored result\n",
               to_grade, jobs.size(), summary.reused);
    return kExitFullScore;
  }
  const std::vector<std::filesystem::path> written =
      WriteBatchSummaries(students, exercises, store);
  if (!summary.stopped) {
    manifest.complete = true;
    WriteManifest(options.out, manifest);
  }
  fmt::print(
      "batch: {} graded, {} reused, {} unusable, {} internal error(s); {} below full marks; "
      "{}\n",
      summary.graded, summary.reused, summary.unusable, summary.internal_errors,
      summary.not_full, Duration(summary.seconds));
  for (const std::filesystem::path& file : written) fmt::print("wrote {}\n", file.string());
  if (summary.stopped) {
    fmt::print("stopped before every submission was graded: --resume continues\n");
    return 130;
  }
  if (summary.internal_errors > 0) return kExitInternalError;
  return summary.not_full > 0 ? kExitNotFullScore : kExitFullScore;
}

}  // namespace grader
