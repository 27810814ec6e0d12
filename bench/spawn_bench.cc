// What the sandbox costs per run: a trivial test program (it prints "done") run N times
// through the harness's own TestRunner under bubblewrap and N times without a sandbox,
// interleaved pair by pair so that both see the same machine, with the per-run cgroup and
// watchdog in both. Prints the medians and their ratio.
//
//   bench_spawn [N]        (default 100; run from the project root)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "build/object_cache.h"
#include "build/submission_build.h"
#include "process/resource_group.h"
#include "process/sandbox.h"
#include "run/test_runner.h"
#include "spec/spec_loader.h"
#include "workspace/workspace.h"

namespace {

using grader::Flavor;

struct Percentiles {
  double p10, median, p90;
};

Percentiles Of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  auto at = [&](double q) { return values[static_cast<std::size_t>(q * (values.size() - 1))]; };
  return {at(0.1), at(0.5), at(0.9)};
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::atoi(argv[1]) : 100;
  const std::filesystem::path root = GRADER_PROJECT_ROOT;
  const auto spec =
      grader::LoadSpec(root / "tests/e2e/hostile/specs/hostile/spec.yaml");
  const std::filesystem::path submission = root / "tests/e2e/hostile/reference/hostile";
  grader::ObjectCache cache(grader::DefaultCacheDir(), grader::Toolchain::Detect("g++"));
  const auto bwrap = grader::MakeSandbox("bwrap");
  const auto none = grader::MakeSandbox("none");

  auto workspace = grader::Workspace::Create(std::filesystem::temp_directory_path(), spec,
                                             submission);
  grader::SubmissionBuilder builder(spec, cache, *bwrap);
  const grader::BuildOutcome build = builder.Build(workspace, Flavor::kRelease);
  if (!build.ok) {
    fmt::print(stderr, "the trivial program does not build:\n{}\n", build.diagnostics);
    return 1;
  }
  grader::RunRequest request;
  request.flavor = Flavor::kRelease;
  request.limits = spec.tests.front().limits;

  std::vector<double> sandboxed, plain;
  grader::TestRunner in_sandbox(*bwrap, workspace);
  grader::TestRunner without(*none, workspace);
  for (int i = 0; i < runs + 5; ++i) {
    for (auto* runner : {&in_sandbox, &without}) {
      const bool isolated = runner == &in_sandbox;
      // The binary's path inside each backend: bwrap mounts the workspace at /submission.
      request.binary = isolated ? build.binary
                                : workspace.Root() / build.binary.lexically_relative(
                                                         bwrap->WorkspaceDir({workspace.Root()}));
      const auto start = std::chrono::steady_clock::now();
      const grader::RunObservation run = runner->Run(request);
      const double ms = std::chrono::duration<double, std::milli>(
                            std::chrono::steady_clock::now() - start).count();
      if (run.process.out != "done\n") {
        fmt::print(stderr, "unexpected output ({}): {}\n", isolated ? "bwrap" : "none",
                   run.process.out + run.process.err);
        return 1;
      }
      if (i >= 5) (isolated ? sandboxed : plain).push_back(ms);  // 5 warm-up pairs
    }
  }
  const Percentiles s = Of(sandboxed), p = Of(plain);
  fmt::print("spawn overhead: {} runs each, interleaved, after 5 warm-up pairs; limits by {}\n",
             runs, grader::ResourceGroup::VersionName(grader::ResourceGroup::Available()));
  fmt::print("{:<24} {:>9} {:>9} {:>9}\n", "backend", "p10 ms", "median ms", "p90 ms");
  fmt::print("{:<24} {:>9.2f} {:>9.2f} {:>9.2f}\n", "bwrap (sandboxed)", s.p10, s.median, s.p90);
  fmt::print("{:<24} {:>9.2f} {:>9.2f} {:>9.2f}\n", "none (not isolated)", p.p10, p.median,
             p.p90);
  fmt::print("median ratio bwrap/none: {:.2f}, difference {:.2f} ms per run\n",
             s.median / p.median, s.median - p.median);
  return 0;
}
