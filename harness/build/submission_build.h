// Compiles and links a submission for one flavor, inside the sandbox.
//
// Only the student's sources (and, for api exercises, the spec's glue files that include the
// student's header) are compiled per submission; the driver and GoogleTest come from the
// ObjectCache and are made visible to the sandboxed linker read-only. The compiler runs with
// the workspace as its only view of the world, so `#include "/abs/path"` or `"../../x"`
// cannot reach specs, references or other submissions. Diagnostics name files relative to
// the submission ("counter.hpp:12:5: error: ...").
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "build/object_cache.h"
#include "process/sandbox.h"
#include "spec/spec.h"
#include "workspace/workspace.h"

namespace grader {

struct BuildOutcome {
  bool ok = false;
  std::string diagnostics;  // the compiler's and linker's output, paths relative
  bool timed_out = false;   // the compiler exceeded the build's wall-time limit
  bool out_of_memory = false;  // the compiler exceeded the build's memory limit
  std::filesystem::path binary;  // inside-the-sandbox path of the built program
  std::chrono::nanoseconds wall_time{0};
  bool cached = false;  // the program came from the build cache: the compiler did not run
};

class SubmissionBuilder {
 public:
  // REQUIRES: spec, cache and sandbox outlive the builder.
  SubmissionBuilder(const ExerciseSpec& spec, ObjectCache& cache, const Sandbox& sandbox);

  // Builds `workspace`'s submission for `flavor` into .grader/<flavor>/. A compile error is
  // an outcome (ok == false), not an exception; failures of the harness (a driver that does
  // not compile, a sandbox that cannot start) throw.
  BuildOutcome Build(const Workspace& workspace, Flavor flavor);

 private:
  // The build cache's key of compiling `workspace`'s files with `argv` (build/build_cache.h).
  std::string BuildKey(const Workspace& workspace, const std::vector<std::string>& argv) const;

  // Copies the glue sources and adapter headers into .grader/ (once per workspace).
  void StageGlue(const Workspace& workspace) const;

  const ExerciseSpec& spec_;
  ObjectCache& cache_;
  const Sandbox& sandbox_;
};

// Rewrites `prefix`/name to name throughout compiler output.
std::string RelativizeDiagnostics(std::string text, const std::string& prefix);

}  // namespace grader
