// Theory of operation.
//
// Grading runs the pipeline once per submission: copy the submitted files into a fresh
// workspace; build each flavor the selected tests need (a compile error ends grading: every
// test gets `compile-error` with the compiler's message); then run every test repeat times
// per thread count, each run sandboxed with its own seed, judging each run as it ends and
// stopping a test at its first failing run (one failure is proof). Only a run's verdict
// decides a test; scores are the points of passing tests. A failure of the harness inside
// one test becomes that test's `internal-error` and grading goes on with the others.
#include "grading/grader.h"

#include <chrono>
#include <map>

#include <fmt/format.h>

#include "build/flavor.h"
#include "build/submission_build.h"
#include "grading/speed_grading.h"
#include "grading/test_needs.h"
#include "common/error.h"
#include "judge/run_judge.h"
#include "judge/sanitizer_evidence.h"
#include "process/cpus.h"
#include "run/test_runner.h"
#include "timing/available_cores.h"
#include "timing/speed_calibration.h"
#include "timing/timing_lock.h"
#include "workspace/workspace.h"

namespace grader {
namespace {

std::uint64_t SplitMix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The tests to run, in spec order, with the options' overrides applied.
std::vector<TestSpec> SelectTests(const ExerciseSpec& spec, const GradeOptions& options) {
  std::vector<TestSpec> selected;
  for (const auto& test : spec.tests) {
    if (options.quick && test.visibility != Visibility::kVisible) continue;
    if (!options.only_tests.empty() &&
        std::find(options.only_tests.begin(), options.only_tests.end(), test.name) ==
            options.only_tests.end()) {
      continue;
    }
    selected.push_back(test);
    if (options.cpus) selected.back().cpus = {*options.cpus};
  }
  for (const auto& name : options.only_tests) {
    if (std::none_of(spec.tests.begin(), spec.tests.end(),
                     [&](const TestSpec& t) { return t.name == name; })) {
      throw InputError(fmt::format("{}: no test named '{}'", spec.file.string(), name));
    }
  }
  return selected;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TestResult StartResult(const TestSpec& test) {
  TestResult result;
  result.name = test.name;
  result.visibility = test.visibility;
  result.max_score = test.points;
  return result;
}

}  // namespace

std::uint64_t RunSeed(std::uint64_t seed, std::string_view test, int run) {
  std::uint64_t h = SplitMix(seed);
  for (unsigned char c : test) h = SplitMix(h ^ c);
  return SplitMix(h ^ static_cast<std::uint64_t>(run));
}

int RunsOf(const TestSpec& test, int repeat) {
  return repeat * static_cast<int>(std::max<std::size_t>(1, test.threads.size()) *
                                   std::max<std::size_t>(1, test.cpus.size()));
}

RunParameters PlanRun(const TestSpec& test, int run, const std::vector<int>& usable_cpus) {
  RunParameters parameters;
  const std::size_t thread_kinds = std::max<std::size_t>(1, test.threads.size());
  if (!test.threads.empty()) parameters.threads = test.threads[run % thread_kinds];
  if (!test.cpus.empty()) {
    const unsigned count = test.cpus[(run / thread_kinds) % test.cpus.size()];
    if (count > 0 && count < usable_cpus.size()) {
      // Rotate through the CPUs so one-core runs do not all share the same core.
      for (unsigned i = 0; i < count; ++i) {
        parameters.cpus.push_back(usable_cpus[(run + i) % usable_cpus.size()]);
      }
    }
  }
  return parameters;
}

std::string ReproduceCommand(const std::string& exercise, const std::string& submission,
                             std::uint64_t seed, const std::string& test) {
  return fmt::format("grader check {} {} --seed {} --test {}", exercise, submission, seed, test);
}

namespace {

// After all runs of a failed test were made: how many failed, and how often each distinct
// sanitizer finding showed.
void AddRunTally(TestResult& result, int failing_runs) {
  result.evidence["failing_runs"] = failing_runs;
  result.details += fmt::format("\nfailed in {} of {} runs", failing_runs, result.runs);
  const nlohmann::json& findings = result.evidence.value("findings", nlohmann::json::array());
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const int count = findings[i].value("count", 1);
    if (i == 0) {
      result.details += fmt::format("; the finding above was reported {} time{}", count,
                                    count == 1 ? "" : "s");
    } else {
      result.details += fmt::format("\nalso reported {} time{}: {}", count,
                                    count == 1 ? "" : "s",
                                    findings[i].value("summary", std::string()));
    }
  }
}

}  // namespace

Verdict SummaryVerdict(const GradeResult& result) {
  for (const auto& test : result.tests) {
    if (test.verdict != Verdict::kOk) return test.verdict;
  }
  return Verdict::kOk;
}

Grader::Grader(ObjectCache& cache, const Sandbox& sandbox) : cache_(cache), sandbox_(sandbox) {}

GradeResult Grader::Grade(const ExerciseSpec& spec, const std::filesystem::path& submission,
                          const GradeOptions& options) {
  auto progress = [&](std::string_view what) {
    if (options.progress) options.progress(what);
  };
  const auto start = std::chrono::steady_clock::now();
  const std::vector<int> usable_cpus = UsableCpus();
  GradeResult grade;
  grade.exercise = spec.name;
  grade.submission = submission.string();
  grade.seed = options.seed;
  grade.sandbox = sandbox_.Name();
  grade.isolated = sandbox_.Isolates();
  if (!grade.isolated) {
    grade.warnings.push_back(
        "not isolated: this run used no sandbox (backend 'none'); it is not a security "
        "boundary and hidden files were reachable");
  }
  const std::vector<TestSpec> selected_tests = SelectTests(spec, options);
  std::vector<const TestSpec*> tests;
  for (const TestSpec& test : selected_tests) tests.push_back(&test);

  Workspace workspace = Workspace::Create(
      options.work_dir.empty() ? std::filesystem::temp_directory_path() : options.work_dir,
      spec, submission);
  if (options.keep_workspace) {
    workspace.Keep();
    grade.warnings.push_back("workspace kept at " + workspace.Root().string());
  }
  if (!workspace.IgnoredFiles().empty()) {
    grade.warnings.push_back(fmt::format("ignored (not part of the exercise): {}",
                                         fmt::join(workspace.IgnoredFiles(), ", ")));
  }

  SubmissionBuilder builder(spec, cache_, sandbox_);
  std::map<Flavor, BuildOutcome> builds;
  std::map<Flavor, std::string> build_failures;  // harness failures while building
  auto build = [&](Flavor flavor) {
    if (builds.count(flavor) || build_failures.count(flavor)) return;
    progress(fmt::format("build {}", FlavorName(flavor)));
    try {
      // Not while a speed test of another grader measures: a compiler is CPU-bound too.
      TimingLock shared(TimingLock::Mode::kShared);
      builds[flavor] = builder.Build(workspace, flavor);
    } catch (const std::exception& e) {
      build_failures[flavor] = e.what();
    }
  };
  // Every flavor up front, so that a compile error in any of them fails every test
  // (../INTERFACE.md); when stopping at the first failure, each as its first test comes.
  const bool build_on_demand = options.stop_at_first_failure;
  const BuildOutcome* any_compile_error = nullptr;
  if (!build_on_demand) {
    for (const TestSpec* test : tests) build(test->flavor);
    for (const auto& [flavor, outcome] : builds) {
      if (!outcome.ok) any_compile_error = &outcome;
    }
  }

  TestRunner runner(sandbox_, workspace);
  SandboxPolicy policy;
  policy.workspace = workspace.Root();
  // Speed references, built when the first speed test needs one, by folder.
  std::map<std::filesystem::path, std::unique_ptr<SpeedReference>> speed_references;
  for (const TestSpec* test : tests) {
    TestResult result = StartResult(*test);
    const JudgeContext context{&spec, test, workspace.SubmittedFiles(), workspace.Root(),
                               sandbox_.WorkspaceDir(policy).string(),
                               options.reveal_hidden || test->visibility == Visibility::kVisible};
    const BuildOutcome* compile_error = any_compile_error;
    if (build_on_demand) {
      build(test->flavor);
      if (auto built = builds.find(test->flavor); built != builds.end() && !built->second.ok) {
        compile_error = &built->second;
      }
    }
    if (auto failure = build_failures.find(test->flavor); failure != build_failures.end()) {
      result.verdict = Verdict::kInternalError;
      result.message = "the grader could not build this test: " + failure->second;
    } else if (compile_error != nullptr) {
      result.verdict = Verdict::kCompileError;
      result.message = compile_error->timed_out       ? "compilation took too long"
                       : compile_error->out_of_memory ? "compilation needed too much memory"
                                                : "your code does not compile";
      result.details = compile_error->diagnostics;
      result.details_public = true;
      result.evidence["compiler_output"] = compile_error->diagnostics;
      if (grade.first_failure_seconds < 0) grade.first_failure_seconds = SecondsSince(start);
    } else if (const TestResult* need = FailedNeed(*test, grade.tests)) {
      MarkNotRun(*need, &result);
    } else if (test->speed) {
      try {
        const std::filesystem::path dir = SpeedReferenceDir(spec, *test);
        std::unique_ptr<SpeedReference>& reference = speed_references[dir];
        if (!reference) {
          progress(fmt::format("build speed reference {}", dir.string()));
          reference = std::make_unique<SpeedReference>(
              spec, dir, cache_, sandbox_,
              options.work_dir.empty() ? std::filesystem::temp_directory_path()
                                       : options.work_dir);
        }
        progress(fmt::format("measure {}", test->name));
        const CalibrationLookup calibration = FindCalibration(
            cache_.dir(), spec, *test, cache_.toolchain(), AvailableCores().cores);
        result = GradeSpeedTest(*test, options.seed, reference->AsSide(spec, *test),
                                {builds.at(test->flavor).binary, &runner, context},
                                calibration, std::move(result));
      } catch (const std::exception& e) {
        result.verdict = Verdict::kInternalError;
        result.message = std::string("the grader failed while timing this test: ") + e.what();
      }
      if (result.verdict != Verdict::kOk && grade.first_failure_seconds < 0) {
        grade.first_failure_seconds = SecondsSince(start);
      }
    } else {
      const int total = RunsOf(*test, options.repeat.value_or(test->repeat));
      try {
        int failing_runs = 0;
        for (int run = 0; run < total && (options.all_runs || result.verdict == Verdict::kOk);
             ++run) {
          const RunParameters parameters = PlanRun(*test, run, usable_cpus);
          RunRequest request;
          request.binary = builds.at(test->flavor).binary;
          request.flavor = test->flavor;
          request.threads = parameters.threads;
          request.cpus = parameters.cpus;
          request.chaos = options.chaos && test->chaos;
          request.seed = RunSeed(options.seed, test->name, run);
          request.limits = test->limits;
          if (spec.kind == ExerciseKind::kApi) {
            request.gtest = true;
            request.args = {"--gtest_filter=" + test->gtest_filter, "--gtest_brief=1"};
          } else {
            request.stdin_data = test->input;
          }
          progress(fmt::format("run {} {}/{}", test->name, run + 1, total));
          RunJudgement judgement;
          {
            // Not while a speed test of another grader measures (timing/timing_lock.h);
            // judging counts too, a linearizability check or a report's symbols take CPU.
            TimingLock shared(TimingLock::Mode::kShared);
            judgement = JudgeRun(runner.Run(request), request, context);
          }
          result.runs = run + 1;
          if (judgement.verdict != Verdict::kOk) ++failing_runs;
          if (result.verdict != Verdict::kOk) {
            // A later run of a test that already failed (all_runs): its findings count.
            if (judgement.evidence.contains("findings")) {
              MergeFindings(result.evidence["findings"], judgement.evidence["findings"]);
            }
            continue;
          }
          result.verdict = judgement.verdict;
          result.message = std::move(judgement.message);
          result.details = std::move(judgement.details);
          result.details_public = judgement.details_public;
          result.evidence = std::move(judgement.evidence);
          result.evidence["chaos"] = request.chaos;
          if (!request.cpus.empty()) result.evidence["cpus"] = request.cpus;
          if (result.verdict != Verdict::kOk && grade.first_failure_seconds < 0) {
            grade.first_failure_seconds = SecondsSince(start);
          }
        }
        if (options.all_runs && failing_runs > 0) {
          AddRunTally(result, failing_runs);
        }
      } catch (const std::exception& e) {
        result.verdict = Verdict::kInternalError;
        result.message = std::string("the grader failed while running this test: ") + e.what();
      }
    }
    if (result.verdict == Verdict::kOk) {
      result.score = result.max_score;
      if (!test->speed) {  // a speed test's message says what was measured
        result.message = "";
        result.details.clear();
      } else if (result.evidence.contains("speed") &&
                 result.evidence["speed"].value("outcome", "") == "too-noisy") {
        grade.warnings.push_back(fmt::format("test {}: {}", test->name, result.message));
      }
    } else if (result.verdict != Verdict::kInternalError && result.reproduce.empty()) {
      // (A test not run for its needs already names the failing test's command.)
      result.reproduce = ReproduceCommand(spec.name, grade.submission, options.seed, test->name);
    }
    const bool failed = result.verdict != Verdict::kOk;
    grade.tests.push_back(std::move(result));
    if (failed && options.stop_at_first_failure) break;
  }
  grade.seconds = SecondsSince(start);
  for (const auto& test : grade.tests) {
    if (test.verdict == Verdict::kInternalError) continue;
    grade.score += test.score;
    grade.max_score += test.max_score;
  }
  return grade;
}

}  // namespace grader
