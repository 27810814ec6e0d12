// The subcommands of `grader`, as ../INTERFACE.md fixes them. main.cc only parses the
// command line into these structs; each function returns the process's exit status.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace grader {

struct CommonOptions {
  std::filesystem::path specs_dir;   // --specs
  std::string sandbox = "auto";      // --sandbox auto|bwrap|none
  std::filesystem::path cache_dir;   // --cache-dir; empty: DefaultCacheDir()
  std::filesystem::path work_dir;    // --work-dir; empty: the temp folder
  std::string cxx = "g++";           // --cxx
  bool color = false;                // resolved from --no-color, NO_COLOR and the tty
  bool verbose = false;              // --verbose: progress lines on stderr
  bool keep_workspace = false;       // --keep-workspace
  bool chaos = true;                 // off with --no-chaos
};

struct CheckOptions {
  std::string exercise;
  std::filesystem::path submission;
  std::filesystem::path json_file;        // --json
  std::filesystem::path gradescope_file;  // --gradescope
  std::filesystem::path junit_file;       // --junit
  std::optional<std::uint64_t> seed;      // --seed
  std::optional<int> repeat;              // --repeat
  bool quick = false;                     // --quick
  std::vector<std::string> tests;         // --test
  bool all_runs = false;                  // --all-runs
  std::optional<unsigned> cpus;           // --cpus
  std::filesystem::path plots_dir;        // --plots
  std::filesystem::path html_file;        // --html
};

struct BenchCommandOptions {
  std::vector<std::string> exercises;  // empty: every exercise with a speed test
  int rounds = 5;
  double pause_seconds = 0;  // between rounds, without the timing lock
  std::optional<std::uint64_t> seed;
  std::filesystem::path json;  // --json FILE: the points as JSON too
};

int RunCheck(const CommonOptions& common, const CheckOptions& options);
int RunBench(const CommonOptions& common, const BenchCommandOptions& options);
int RunList(const CommonOptions& common);
int RunCheckSpec(const std::filesystem::path& spec_file);

}  // namespace grader
