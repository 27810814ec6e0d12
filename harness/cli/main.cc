// grader: the command line of ../INTERFACE.md wired to harness/cli/commands.h.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/batch_command.h"
#include "cli/calibrate_command.h"
#include "cli/commands.h"
#include "cli/import_command.h"
#include "cli/merge_command.h"
#include "cli/new_command.h"
#include "cli/validate_command.h"
#include "linearizability/linearizability_command.h"
#include "common/error.h"

int main(int argc, char** argv) {
  using namespace grader;
  CLI::App app{"grader: grades C++ concurrency exercises"};
  app.set_version_flag("--version", std::string(GRADER_VERSION));
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand too

  CommonOptions common;
  common.specs_dir = std::filesystem::path(GRADER_PROJECT_ROOT) / "specs";
  bool no_color = false;
  app.add_option("--specs", common.specs_dir, "folder of <exercise>/spec.yaml")
      ->check(CLI::ExistingDirectory);
  app.add_option("--sandbox", common.sandbox, "auto, bwrap or none (none is not isolated)")
      ->check(CLI::IsMember({"auto", "bwrap", "none"}));
  app.add_option("--cache-dir", common.cache_dir, "cache of compiled drivers");
  app.add_option("--work-dir", common.work_dir, "where workspaces are created");
  app.add_option("--cxx", common.cxx, "C++ compiler");
  app.add_flag("--no-color", no_color, "no ANSI colours (also: NO_COLOR set)");
  app.add_flag("-v,--verbose", common.verbose, "progress on stderr");
  app.add_flag("--keep-workspace", common.keep_workspace, "leave workspaces on disk");
  bool no_chaos = false;
  app.add_flag("--no-chaos", no_chaos, "no schedule perturbation at synchronisation calls");

  CheckOptions check;
  CLI::App* check_cmd = app.add_subcommand("check", "grade one submission folder");
  check_cmd->add_option("exercise", check.exercise, "exercise name")->required();
  check_cmd->add_option("dir", check.submission, "the submission's folder")->required();
  check_cmd->add_option("--json", check.json_file, "write the result JSON here");
  check_cmd->add_option("--gradescope", check.gradescope_file, "write Gradescope results.json");
  check_cmd->add_option("--junit", check.junit_file, "write the result as JUnit XML (for CI)");
  check_cmd->add_option("--seed", check.seed, "seed of every run (reproduces a grading)");
  check_cmd->add_option("--repeat", check.repeat, "runs per thread count, for every test")
      ->check(CLI::Range(1, 10000));
  check_cmd->add_flag("--quick", check.quick, "visible tests only");
  check_cmd->add_option("--test", check.tests, "only these tests (repeatable)");
  check_cmd->add_option("--html", check.html_file,
                        "write the report as one self-contained HTML page (with speedup plots)");
  check_cmd->add_option("--plots", check.plots_dir,
                        "write each speed test's speedup plot (SVG) into this folder");
  check_cmd->add_flag("--all-runs", check.all_runs,
                      "make every run of a failing test; count how often each finding shows");
  check_cmd->add_option("--cpus", check.cpus, "pin every run to N CPUs (0: all), not the spec's")
      ->check(CLI::Range(0, 4096));

  ValidateOptions validate;
  CLI::App* validate_cmd =
      app.add_subcommand("validate", "references get full marks, known-bad their verdict");
  validate_cmd->add_option("exercises", validate.exercises, "exercises (default: all)");
  validate_cmd->add_option("--seed", validate.seed, "seed of every run");
  validate_cmd
      ->add_option("--repeat", validate.gradings,
                   "grade every case N times with chaos on and off; print detection rates")
      ->check(CLI::Range(1, 10000));
  validate_cmd->add_flag("--no-chaos-comparison", validate.no_chaos_comparison,
                         "with --repeat: chaos on only, no chaos-off gradings to compare");
  validate_cmd->add_option("--case", validate.cases,
                           "only this case: 'reference' or a known-bad name (repeatable)");
  validate_cmd
      ->add_option("-j,--jobs", validate.jobs,
                   "cases graded at once (default: one per available core; speed tests still "
                   "alone)")
      ->check(CLI::Range(1, 256));
  validate_cmd
      ->add_option("--cpus", validate.cpus, "pin every run to N CPUs (0: all), not the spec's")
      ->check(CLI::Range(0, 4096));

  BenchCommandOptions bench;
  CLI::App* bench_cmd = app.add_subcommand(
      "bench", "the speed workloads of the references: times, speedups, cores busy, bandwidth");
  bench_cmd->add_option("exercises", bench.exercises,
                        "exercises (default: all with a speed test)");
  bench_cmd->add_option("--rounds", bench.rounds, "runs of each solution at each thread count")
      ->check(CLI::Range(1, 1000));
  bench_cmd
      ->add_option("--pause", bench.pause_seconds,
                   "seconds between rounds, so that they span the machine's phases (default 0)")
      ->check(CLI::Range(0.0, 3600.0));
  bench_cmd->add_option("--seed", bench.seed, "seed of every run");
  bench_cmd->add_option("--json", bench.json, "also write the figures to this JSON file");

  CalibrateCommandOptions calibrate;
  CLI::App* calibrate_cmd = AddCalibrateSubcommand(app, calibrate);

  BatchCommandOptions batch;
  CLI::App* batch_cmd = AddBatchSubcommand(app, batch);

  MergeCommandOptions merge;
  CLI::App* merge_cmd = AddMergeSubcommand(app, merge);

  ImportCommandOptions import;
  CLI::App* import_cmd = AddImportSubcommand(app, import);

  NewCommandOptions new_exercise;
  CLI::App* new_cmd = AddNewSubcommand(app, new_exercise);

  CLI::App* list_cmd = app.add_subcommand("list", "the exercises, their titles and points");

  std::filesystem::path spec_file;
  CLI::App* check_spec_cmd = app.add_subcommand("check-spec", "validate a spec, run nothing");
  check_spec_cmd->add_option("file", spec_file, "spec.yaml")->required();

  std::string model;
  std::filesystem::path history_file;
  CLI::App* linearizability_cmd = app.add_subcommand(
      "linearizability", "check a recorded history (JSON lines or Jepsen's log) against a model");
  linearizability_cmd->add_option("--model", model, "queue, register, cas-register or kv")
      ->required();
  linearizability_cmd->add_option("history", history_file, "the history file")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? 0 : kExitUnusableInput;
  }
  common.chaos = !no_chaos;
  new_exercise.specs_given = app.get_option("--specs")->count() > 0;
  const char* no_color_env = std::getenv("NO_COLOR");
  common.color = !no_color && (no_color_env == nullptr || *no_color_env == '\0') &&
                 isatty(STDOUT_FILENO);

  try {
    if (*check_cmd) return RunCheck(common, check);
    if (*validate_cmd) return RunValidate(common, validate);
    if (*bench_cmd) return RunBench(common, bench);
    if (*calibrate_cmd) return RunCalibrate(common, calibrate);
    if (*batch_cmd) return RunBatchCommand(common, batch);
    if (*merge_cmd) return RunMergeCommand(merge);
    if (*import_cmd) return RunImport(common, import);
    if (*new_cmd) return RunNew(common, new_exercise);
    if (*list_cmd) return RunList(common);
    if (*check_spec_cmd) return RunCheckSpec(spec_file);
    if (*linearizability_cmd) return RunLinearizabilityCommand(model, history_file, std::cout);
  } catch (const InputError& e) {
    fmt::print(stderr, "grader: {}\n", e.what());
    return kExitUnusableInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "grader: internal error (a bug of the grader, not of the submission): {}\n",
               e.what());
    return kExitInternalError;
  }
  return kExitUnusableInput;
}
