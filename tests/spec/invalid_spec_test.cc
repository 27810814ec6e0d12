// Every folder under corpus/invalid/ holds one spec.yaml with one mistake; each must fail
// with exactly its message below, line:column included.
#include <filesystem>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "common/error.h"
#include "spec/spec_loader.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

const fs::path kInvalid = fs::path(GRADER_TEST_DATA) / "corpus/invalid";
const std::string kCorpus = (fs::path(GRADER_TEST_DATA) / "corpus").string();

struct InvalidCase {
  const char* name;     // the folder under corpus/invalid/, and the spec's exercise
  const char* message;  // after "<spec path>:"; the corpus folder written as {corpus}
};

constexpr InvalidCase kInvalidCases[] = {
    {"absolute_path",
     "5:12: 'reference' must be a path relative to this file's folder, not '/usr/share'"},
    {"api_test_with_input",
     "10:5: 'input' is only for kind: program tests (an api test's driver checks results "
     "itself)"},
    {"api_test_without_filter",
     "9:5: test 'one' needs 'gtest_filter' (kind: api): the driver's GoogleTest cases it "
     "runs"},
    {"api_without_driver",
     "2:7: kind: api needs a 'driver' naming its 'sources'"},
    {"bad_compare",
     "9:14: 'compare' must be tokens, lines or exact, not 'words'"},
    {"bad_flavor",
     "9:13: 'flavor' must be tsan, asan or release, not 'tsna' (did you mean 'tsan'?)"},
    {"bad_kind",
     "2:7: 'kind' must be program or api, not 'programm' (did you mean 'program'?)"},
    {"bad_standard",
     "7:13: 'standard' must be c++20, c++23, c++17, c++14, c++11, gnu++20, gnu++23, "
     "gnu++17, gnu++14 or gnu++11, not 'c++21' (did you mean 'c++20'?)"},
    {"bad_test_name",
     "7:11: test name 'Two_Words' must use only a-z, 0-9 and '-'"},
    {"bad_visibility",
     "9:17: 'visibility' must be visible or hidden, not 'public'"},
    {"build_limits_unknown_key",
     "8:5: unknown key 'wal_time' in 'build.limits' (did you mean 'wall_time'?)"},
    {"comments_only",
     "1:1: the file is empty"},
    {"driver_source_missing",
     "9:7: entry 2 of 'sources' names a file that does not exist: "
     "{corpus}/files/driver/missing_test.cpp"},
    {"duplicate_key",
     "8:3: duplicate key 'memory' in 'limits' (first at 7:3)"},
    {"needs_itself",
     "8:13: test 'one' cannot need itself"},
    {"needs_later_test",
     "8:13: 'needs' names 'basic', which is not a test listed before 'stress' (tests run in "
     "the order listed, so a test can only need an earlier one)"},
    {"needs_misspelt_test",
     "11:13: 'needs' names 'thread-safty', which is not a test listed before "
     "'release-stress' (tests run in the order listed, so a test can only need an earlier "
     "one) (did you mean 'thread-safety'?)"},
    {"needs_alias",
     "11:5: unknown key 'depends_on' in test 'two' (did you mean 'needs'?)"},
    {"needs_not_a_list",
     "11:12: 'needs' must be a list: write [one]"},
    {"duplicate_test_name",
     "11:11: duplicate test name 'one' (first at 7:11)"},
    {"duration_too_long",
     "7:14: 'wall_time' must be between 1ms and 1h, not 2h"},
    {"duration_unknown_unit",
     "7:13: 'cpu_time' has an unknown unit 'sec' (did you mean 's'?); durations take ms, s, "
     "m or h"},
    {"duration_without_unit",
     "7:14: 'wall_time' needs a unit: 10ms, 10s or 10m, not '10'"},
    {"empty_file",
     "1:1: the file is empty"},
    {"exercise_folder_mismatch",
     "1:11: 'exercise' is 'sum' but the spec's folder is 'exercise_folder_mismatch': they "
     "must be equal"},
    {"flag_with_space",
     "7:18: flag '-O2 -g' holds a space: write one flag per entry"},
    {"release_flag_sets_standard",
     "7:24: flag '-std=c++17' sets the standard: use 'standard' instead"},
    {"include_not_a_folder",
     "8:13: entry 1 of 'include' names {corpus}/files/include/adder_api.h, which is not a "
     "folder"},
    {"input_and_input_file",
     "10:5: 'input' and 'input_file' exclude each other: keep one"},
    {"input_file_missing",
     "9:5: 'input_file' names a file that does not exist: {corpus}/files/cases/missing.in"},
    {"known_bad_missing",
     "6:1: 'known_bad' names a folder that does not exist: {corpus}/files/reference/bad"},
    {"memory_too_small",
     "7:11: 'memory' must be between 1MiB and 64GiB, not 512KiB"},
    {"missing_exercise",
     "1:1: missing key 'exercise'"},
    {"missing_required",
     "3:1: missing key 'required' in 'submit'"},
    {"missing_test_name",
     "7:5: missing key 'name' in entry 1 of 'tests'"},
    {"missing_tests",
     "1:1: missing key 'tests'"},
    {"no_tests",
     "6:8: 'tests' lists no tests: a spec needs at least one"},
    {"open_files_zero",
     "7:15: 'open_files' must be between 1 and 65536, not 0"},
    {"points_negative",
     "8:13: 'points' must be between 0 and 10000, not -5"},
    {"points_not_number",
     "8:13: 'points' must be a number, not 'abc'"},
    {"program_test_with_gtest_filter",
     "9:5: 'gtest_filter' is only for kind: api tests"},
    {"program_test_without_expected",
     "7:5: test 'one' needs 'expected' or 'expected_file' (kind: program)"},
    {"program_with_driver",
     "6:1: 'driver' is only for kind: api (a program is tested through stdin and stdout)"},
    {"reference_is_file",
     "5:1: 'reference' names {corpus}/files/cases/answer.in, which is not a folder"},
    {"reference_missing",
     "5:1: 'reference' names a folder that does not exist: {corpus}/files/nowhere"},
    {"repeat_fractional",
     "9:13: 'repeat' must be a whole number, not '2.5'"},
    {"repeat_zero",
     "9:13: 'repeat' must be between 1 and 10000, not 0"},
    {"required_not_a_list",
     "4:13: 'required' must be a list: write [sum.cpp]"},
    {"root_is_list",
     "1:1: the file must be a mapping of keys (key: value), not a list"},
    {"size_unknown_unit",
     "7:11: 'memory' has an unknown unit 'Mib' (did you mean 'MiB'?); sizes take B, KiB, "
     "MiB, GiB (1024) or KB, MB, GB (1000)"},
    {"size_without_unit",
     "7:11: 'memory' needs a unit: 512MiB, 512KiB or 512B, not '512'"},
    {"submit_listed_twice",
     "5:25: 'sum.cpp' is listed twice in 'submit' (first at 4:14)"},
    {"submit_name_dotdot",
     "4:23: '..' must be a plain file name (no '/', not starting with '.')"},
    {"submit_name_with_slash",
     "4:14: 'src/sum.cpp' must be a plain file name (no '/', not starting with '.')"},
    {"test_entry_not_mapping",
     "6:9: entry 1 of 'tests' must be a mapping of keys, not a string"},
    {"test_limits_unknown_key",
     "10:7: unknown key 'memory_limit' in 'limits' of test 'one' (did you mean 'memory'?)"},
    {"tests_is_mapping",
     "7:3: 'tests' must be a list, not a mapping"},
    {"threads_mapping",
     "9:14: 'threads' must be a list, not a mapping"},
    {"threads_out_of_range",
     "9:18: entry 2 of 'threads' must be between 1 and 1024, not 2000"},
    {"title_without_value",
     "6:1: 'title' has no value"},
    {"two_documents",
     "12:1: the file must hold one YAML document, but a second one starts here"},
    {"unknown_key_no_suggestion",
     "6:1: unknown key 'colour'"},
    {"unknown_limits_key",
     "8:3: unknown key 'timout' in 'limits' (did you mean 'wall_time'?)"},
    {"unknown_root_key",
     "6:1: unknown key 'timeout' (did you mean 'limits.wall_time'?)"},
    {"unknown_test_key",
     "8:5: unknown key 'pionts' in test 'one' (did you mean 'points'?)"},
    {"yaml_syntax",
     "4:10: YAML syntax error: end of sequence flow not found"},
    {"libs_with_dash_l",
     "7:10: write the library's name without -l: 'tbb'"},
    {"speed_max_pairs_below_pairs",
     "13:18: 'max_pairs' (5) is below 'pairs' (9)"},
    {"speed_not_release",
     "12:5: test 'fast' has 'speed': its flavor must be release (sanitizers change timings)"},
    {"speed_unknown_key",
     "12:7: unknown key 'threshold' in 'speed' of test 'fast' (did you mean 'fraction'?)"},
    {"speed_with_cpus",
     "12:5: 'speed' and 'cpus' exclude each other: a speed test uses the cores the grader "
     "has"},
};

class InvalidSpecTest : public testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidSpecTest, FailsWithItsMessage) {
  const fs::path spec = kInvalid / GetParam().name / "spec.yaml";
  try {
    LoadSpec(spec);
    FAIL() << spec << " loaded";
  } catch (const InputError& error) {
    std::string message = error.what();
    const std::string prefix = spec.string() + ":";
    ASSERT_TRUE(message.starts_with(prefix)) << message;
    message.erase(0, prefix.size());
    for (std::size_t at; (at = message.find(kCorpus)) != std::string::npos;) {
      message.replace(at, kCorpus.size(), "{corpus}");
    }
    EXPECT_EQ(message, GetParam().message);
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, InvalidSpecTest, testing::ValuesIn(kInvalidCases),
                         [](const testing::TestParamInfo<InvalidCase>& info) {
                           return std::string(info.param.name);
                         });

TEST(InvalidSpecCorpusTest, EveryFolderHasACase) {
  std::set<std::string> listed;
  for (const InvalidCase& invalid : kInvalidCases) listed.insert(invalid.name);
  std::set<std::string> folders;
  for (const fs::directory_entry& entry : fs::directory_iterator(kInvalid)) {
    folders.insert(entry.path().filename().string());
  }
  EXPECT_EQ(folders, listed);
  EXPECT_GE(listed.size(), 15u);
}

}  // namespace
}  // namespace grader
