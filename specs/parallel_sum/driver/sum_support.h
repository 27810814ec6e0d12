// What the `parallel_sum` drivers share: the run's environment (GRADER_THREADS,
// GRADER_SEED), seeded test data, and one checked call of the student's parallel_sum whose
// failure message says what was summed, what came back, what was expected and what that
// usually means.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace sum_support {

// GRADER_THREADS, or `fallback` when it is unset. GRADER_SEED, or 1. A malformed value is
// the harness's mistake, not the student's: says so on stderr and exits with status 3.
unsigned GraderThreads(unsigned fallback);
std::uint64_t GraderSeed();

// " [GRADER_THREADS=4 GRADER_SEED=7]" (without GRADER_THREADS when it is unset): appended
// to the messages of seeded tests, so that a failure can be repeated.
std::string RunContext();

// One independent random stream per (seed, stream) pair.
std::mt19937_64 Rng(std::uint64_t seed, std::uint64_t stream);

// `size` ints drawn uniformly from [low, high].
std::vector<int> RandomInts(std::size_t size, int low, int high, std::mt19937_64& rng);

// The exact sum, computed here, serially, in 64 bits.
long long SerialSum(const std::vector<int>& data);

// Calls parallel_sum(data, threads) once and checks it: the result must be `expected` (the
// serial sum), no exception may escape, and `data` must be unchanged afterwards. Returns
// an empty string when all holds, else the failure for a student. `what` describes the
// data without giving it away, e.g. "random ints in [-1000, 1000]".
std::string CheckedCall(const std::vector<int>& data, unsigned threads, long long expected,
                        const std::string& what);

// CheckedCall with expected = SerialSum(data).
std::string CheckedCall(const std::vector<int>& data, unsigned threads, const std::string& what);

}  // namespace sum_support
