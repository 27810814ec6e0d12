// Runs the built grader binary the way a user does, for end-to-end tests.
#pragma once

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "process/subprocess.h"

namespace grader::e2e {

inline std::filesystem::path ProjectRoot() { return GRADER_PROJECT_ROOT; }
inline std::filesystem::path E2eData() { return GRADER_E2E_DATA; }

// `grader <args...>` with the e2e cache folder, no colour; waits at most 15 minutes.
inline SubprocessResult RunGrader(std::vector<std::string> args) {
  SubprocessOptions options;
  options.argv = {GRADER_BINARY, "--no-color", "--cache-dir", GRADER_E2E_CACHE};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.cwd = ProjectRoot();
  options.wall_timeout = std::chrono::minutes(15);
  options.stdout_cap = 8 << 20;
  return RunSubprocess(options);
}

// `argv` in `cwd`, run as the grader runs a compilation: holding the machine's timing lock
// shared (harness/timing/timing_lock.h), so that it never runs during another test's speed
// test. Waits at most `timeout`.
inline SubprocessResult RunUnderSharedTimingLock(std::vector<std::string> argv,
                                                 const std::filesystem::path& cwd,
                                                 std::chrono::milliseconds timeout) {
  const char* lock_dir = std::getenv("GRADER_LOCK_DIR");
  SubprocessOptions options;
  options.argv = {"bash", "-c",
                  R"(set -e
                     mkdir -p "$0"
                     exec 8>>"$0/turnstile" 9>>"$0/timing"
                     flock -x 8; flock -s 9; exec 8>&-
                     exec "$@")",
                  lock_dir != nullptr && *lock_dir != '\0' ? lock_dir : "/tmp/grader-locks"};
  options.argv.insert(options.argv.end(), argv.begin(), argv.end());
  options.cwd = cwd;
  options.wall_timeout = timeout;
  options.stdout_cap = 8 << 20;
  return RunSubprocess(options);
}

// The bytes of `file` (empty when it cannot be read).
inline std::string Read(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A fresh temp folder removed at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "grader-e2e-XXXXXX").string();
    path_ = mkdtemp(templ.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Grades `submission` with --json and returns the parsed result (and the process result).
inline nlohmann::json CheckJson(const std::string& exercise, const std::filesystem::path& dir,
                                SubprocessResult* process = nullptr,
                                std::vector<std::string> extra = {}) {
  TempDir out;
  const auto json_file = out.path() / "result.json";
  std::vector<std::string> args = {"check", exercise, dir.string(), "--json", json_file.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  SubprocessResult result = RunGrader(args);
  if (process) *process = result;
  std::ifstream in(json_file);
  if (!in) return nullptr;
  return nlohmann::json::parse(in);
}

inline const nlohmann::json* FindTest(const nlohmann::json& result, const std::string& name) {
  for (const auto& test : result["tests"]) {
    if (test["name"] == name) return &test;
  }
  return nullptr;
}

}  // namespace grader::e2e
