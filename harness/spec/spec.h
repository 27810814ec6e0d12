// An exercise's grading spec (specs/<exercise>/spec.yaml) as plain structs.
//
// Every field carries its default and unit here; docs/spec-reference.md documents the same
// keys for instructors. Paths are absolute after loading (resolved against the spec's folder),
// and every file a spec names has been checked to exist.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/verdict.h"

namespace grader {

namespace fs = std::filesystem;
using Millis = std::chrono::milliseconds;

inline constexpr std::uint64_t kKiB = 1024;
inline constexpr std::uint64_t kMiB = 1024 * kKiB;
inline constexpr std::uint64_t kGiB = 1024 * kMiB;

// Where a key or value was written, for messages: "spec.yaml:12:5".
struct SourceLocation {
  fs::path file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
};

// Resource limits of one sandboxed process tree (a test run or a compilation).
struct Limits {
  Millis wall_time{10'000};             // `wall_time`, harness clock; killed at the deadline
  Millis cpu_time{20'000};              // `cpu_time`, user+system, RLIMIT_CPU per process
  std::uint64_t memory = 512 * kMiB;    // `memory`, peak resident set of the tree
  std::uint64_t output = 1 * kMiB;      // `output`, bytes kept of stdout and of stderr each
  std::uint64_t file_size = 16 * kMiB;  // `file_size`, RLIMIT_FSIZE
  int open_files = 256;                 // `open_files`, RLIMIT_NOFILE
  int processes = 256;                  // `processes`, threads+processes of the tree
  std::uint64_t disk = 64 * kMiB;       // `disk`, bytes of files in the workspace and /tmp
};

// The compiler configurations. See harness/build/flavor.h for their flags.
enum class Flavor { kTsan, kAsan, kRelease };

// `program`: the submission is a whole program (stdin -> stdout).
// `api`: the submission implements a fixed API; a hidden GoogleTest driver exercises it.
enum class ExerciseKind { kProgram, kApi };

enum class Visibility { kVisible, kHidden };

// How a program test's stdout is compared with the expected output.
enum class CompareMode {
  kTokens,  // whitespace-separated tokens equal (the default)
  kLines,   // lines equal after trimming trailing whitespace; trailing empty lines ignored
  kExact,   // byte for byte
};

// `speed`: a timing test (docs/speed.md). Its runs are release builds of the same driver
// linked with the speed reference and with the student's code, run in pairs, alternating,
// with nothing else of the harness running; the verdict compares the two at `cores` threads.
struct SpeedSpec {
  // `reference`: the folder whose build is the baseline (e.g. a TBB solution, never built
  // with ThreadSanitizer); empty: the exercise's `reference`.
  fs::path reference;
  // `fraction`: at the judged thread count, the median over pairs of the reference's time
  // over the student's time must reach this: the student's code at that share of the
  // reference's speed.
  double fraction = 0.8;
  int min_pairs = 7;             // `pairs`: measured pairs at the judged thread count, at least
  int max_pairs = 41;            // `max_pairs`: at most, when the spread stays wide
  double max_spread = 0.10;      // `spread`: width of the median's 95% interval / median
  int curve_pairs = 3;           // `curve_pairs`: pairs of runs timing every count of the plot
  int repetitions = 5;           // `repetitions`: timed repetitions in each run (after a warm-up)
  // `reference_efficiency`: the reference's own speedup at the judged count P must reach
  // 1 + this x (P - 1), or the machine did not give the test its cores and it is not judged
  // (timing/speed_decision.h, ReferenceSpeedupNeeded). 0: no such check.
  double reference_efficiency = 0.5;
  Millis budget{180'000};        // `budget`: wall time of all the test's runs, at most
};

struct TestSpec {
  std::string name;  // unique within the spec; [a-z0-9-]+
  double points = 0;
  Visibility visibility = Visibility::kHidden;
  Flavor flavor = Flavor::kRelease;
  int repeat = 1;                // runs per thread count; every run must pass
  std::vector<unsigned> threads; // `threads`: GRADER_THREADS of each run; empty: one run each
  // `cpus`: the runs cycle through these CPU counts after the thread counts; 0 (written
  // `all`) is every CPU the grader may use, 1 makes the test's threads take turns on one
  // core so a thread can be preempted anywhere. Empty: all.
  std::vector<unsigned> cpus;
  // `chaos`: perturb the schedule at mutex, condition-variable and thread-creation calls
  // (harness/build/chaos/chaos_runtime.cpp). Off for timing tests.
  bool chaos = true;
  Limits limits;                 // the exercise's `limits`, overridden by the test's own
  // `needs`: tests listed before this one that must pass for it to run. When one of them
  // failed in the same grading, this test is not run and fails with that test's verdict, so
  // that a defect a deterministic test proves is not scored again by a test that shows it
  // only in some interleavings (docs/spec-reference.md, "needs").
  std::vector<std::string> needs;

  // kind: program.
  std::string input;            // `input` or the contents of `input_file`
  std::string expected_output;  // `expected` or the contents of `expected_file`
  CompareMode compare = CompareMode::kTokens;

  // kind: api. The driver's GoogleTest filter selecting this test's cases.
  std::string gtest_filter;

  // kind: api. Set for a timing test; `threads` then lists the plot's thread counts.
  std::optional<SpeedSpec> speed;

  SourceLocation where;  // the test's entry in the spec
};

struct BuildSpec {
  std::string standard = "c++20";   // `standard`: -std=<standard>
  std::vector<std::string> flags;   // `flags`: extra flags for the student's sources
  // `release_flags`: more, for the release flavor only (after its own, so they win)
  std::vector<std::string> release_flags;
  std::vector<std::string> libs;    // `libs`: libraries linked after everything (-l<name>)
  Limits limits{.wall_time = Millis{60'000}, .cpu_time = Millis{120'000},
                .memory = 2 * kGiB, .output = 256 * kKiB, .file_size = 256 * kMiB,
                .disk = 256 * kMiB};
};

// The hidden driver of an api exercise.
struct DriverSpec {
  // `sources`: the driver's test logic (GoogleTest); compiled once per flavor and cached,
  // never visible to the submission at compile time or run time.
  std::vector<fs::path> sources;
  // `glue`: small files that include the student's header and adapt it to the interface the
  // driver calls (for header-only APIs). Copied next to the student's files and compiled per
  // submission; must not contain test logic.
  std::vector<fs::path> glue;
  // `include`: headers the driver and the glue share (the adapter interface); folders.
  std::vector<fs::path> include_dirs;
};

struct ExerciseSpec {
  fs::path file;  // the spec.yaml itself
  fs::path dir;   // its folder

  std::string name;   // `exercise`: equals the folder name
  std::string title;  // `title`
  ExerciseKind kind = ExerciseKind::kApi;

  std::vector<std::string> submit_required;  // `submit.required`: file names
  std::vector<std::string> submit_optional;  // `submit.optional`
  std::uint64_t max_file_size = 256 * kKiB;  // `submit.max_file_size`, per submitted file

  fs::path reference;  // `reference`: a folder holding a correct submission
  fs::path known_bad;  // `known_bad`: folder of known-bad submissions; empty: none
  fs::path known_good;  // `known_good`: folder of other correct submissions; empty: none

  BuildSpec build;
  DriverSpec driver;  // kind: api only
  Limits limits;      // defaults of every test
  std::vector<TestSpec> tests;

  double MaxScore() const;
};

// A known-bad submission: <known_bad>/<case>/ with the submitted files and expected.yaml.
struct KnownBadCase {
  std::string name;  // the folder name
  fs::path dir;
  Verdict expected = Verdict::kWrongAnswer;  // `verdict`
  std::string why;                           // `why`: what is wrong with it, one line
};

// Another correct submission: <known_good>/<case>/ with the submitted files and
// expected.yaml. It must get full marks on `tests` (all tests when the list is empty): a
// second reference, e.g. one using a library that cannot be built for every flavor.
struct KnownGoodCase {
  std::string name;  // the folder name
  fs::path dir;
  std::vector<std::string> tests;  // `tests`: the tests it is graded on; empty: all
  std::string why;                 // `why`: what it shows, one line
};

}  // namespace grader
