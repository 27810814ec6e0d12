// Reading the parts of a spec that tests are made of: `limits` mappings and the `tests` list.
// Errors are InputErrors at the offending key or value, as everywhere in yaml_reader.h.
#pragma once

#include <string>
#include <vector>

#include "spec/spec.h"
#include "spec/yaml_reader.h"

namespace grader {

// Ranges every `limits` mapping is checked against (the spec's, each test's, the build's).
inline constexpr Millis kMinTimeLimit{1};
inline constexpr Millis kMaxTimeLimit{60 * 60 * 1000};
inline constexpr std::uint64_t kMinMemoryLimit = 1 * kMiB;
inline constexpr std::uint64_t kMaxMemoryLimit = 64 * kGiB;
inline constexpr std::uint64_t kMinOutputLimit = 1 * kKiB;
inline constexpr std::uint64_t kMaxOutputLimit = 1 * kGiB;
inline constexpr std::uint64_t kMinFileSizeLimit = 1 * kKiB;
inline constexpr std::uint64_t kMaxFileSizeLimit = 64 * kGiB;
inline constexpr int kMaxOpenFiles = 65536;
inline constexpr int kMaxProcesses = 65536;

// Ranges of a test's own numbers.
inline constexpr double kMaxPoints = 10000;
inline constexpr int kMaxRepeat = 10000;
inline constexpr int kMaxThreads = 1024;
inline constexpr std::size_t kMaxTestNameLength = 64;

// `base` with every key present in the mapping `value` overriding it. `context` names the
// mapping in messages: "'limits'", "'build.limits'", "'limits' of test 'basics'".
Limits ReadLimits(const YamlValue& value, const Limits& base, std::string context);

// The `tests` list of `spec`, whose kind, folder and limits have been read already: at least
// one test, names unique and [a-z0-9-]+, each test's limits inheriting spec.limits key by key,
// and the rules of the kind (program: input or input_file, expected or expected_file, no
// gtest_filter; api: gtest_filter, none of the program keys). input_file and expected_file
// are read into TestSpec::input and TestSpec::expected_output.
std::vector<TestSpec> ReadTests(const YamlValue& value, const ExerciseSpec& spec);

}  // namespace grader
