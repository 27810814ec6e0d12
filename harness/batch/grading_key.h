// The content address of one grading: a hash of everything its result depends on, so a
// batch reuses a stored result exactly when nothing that went into it changed, and a
// changed spec re-grades exactly the submissions of that exercise.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "build/toolchain.h"
#include "spec/spec.h"

namespace grader {

// What a batch's gradings share besides the exercise and the submission.
struct GradingSettings {
  std::string harness_version;  // the grader's version: a new harness re-grades
  Toolchain toolchain;          // compiler version and what -march=native means here
  std::string sandbox;          // the sandbox backend
  bool quick = false;
  bool chaos = true;
  int repeat = 0;  // 0: each test's own
};

// Hashes the spec's folder (spec.yaml, drivers), the driver files and folders it names
// outside it, the reference folders (the speed tests' baselines), the submission's files
// that the spec names (the only ones a grading reads), `settings`, and the grading's seed
// (JobSeed). 32 hex digits.
std::string GradingKey(const ExerciseSpec& spec, const std::filesystem::path& submission,
                       const GradingSettings& settings, std::uint64_t seed);

// The seed of one student's grading of one exercise under `batch_seed`: the same on every
// machine and in every shard, so a sharded batch grades exactly as one machine would.
std::uint64_t JobSeed(std::uint64_t batch_seed, const std::string& student,
                      const std::string& exercise);

}  // namespace grader
