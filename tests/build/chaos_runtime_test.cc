// The chaos runtime, built as the grader builds it into test binaries: it must change how
// threads interleave when on, change nothing when off, and never be reported by
// ThreadSanitizer itself.
#include "build/chaos_runtime.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "process/subprocess.h"

namespace grader {
namespace {

// Two threads take one mutex 50000 times each and log who held it; the program prints how
// often the holder changed between consecutive acquisitions. With an argument, one thread
// takes the mutex 20000 times: a run whose choices depend on the seed alone.
constexpr const char* kProgram = R"(#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>
int main(int argc, char**) {
  std::mutex m;
  if (argc > 1) {
    for (int i = 0; i < 20000; ++i) { std::lock_guard g(m); }
    return 0;
  }
  std::vector<int> owners;
  owners.reserve(100000);
  auto work = [&](int id) {
    for (int i = 0; i < 50000; ++i) { std::lock_guard g(m); owners.push_back(id); }
  };
  std::thread a(work, 0), b(work, 1);
  a.join(); b.join();
  long switches = 0;
  for (size_t i = 1; i < owners.size(); ++i) switches += owners[i] != owners[i - 1];
  std::printf("%ld\n", switches);
}
)";

class ChaosRuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (std::filesystem::temp_directory_path() / "chaos-XXXXXX").string();
    dir_ = mkdtemp(templ.data());
    std::ofstream(dir_ / "program.cpp") << kProgram;
    std::ofstream(dir_ / "chaos_runtime.cpp") << ChaosRuntimeSource();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path Build(const std::vector<std::string>& flags) {
    const std::filesystem::path binary = dir_ / ("program" + std::to_string(builds_++));
    SubprocessOptions options;
    options.argv = {"g++", "-std=c++20", "-pthread"};
    options.argv.insert(options.argv.end(), flags.begin(), flags.end());
    options.argv.insert(options.argv.end(), {(dir_ / "program.cpp").string(),
                                             (dir_ / "chaos_runtime.cpp").string()});
    for (const auto& flag : ChaosLinkFlags()) options.argv.push_back(flag);
    options.argv.insert(options.argv.end(), {"-o", binary.string()});
    options.wall_timeout = std::chrono::minutes(2);
    const SubprocessResult result = RunSubprocess(options);
    EXPECT_TRUE(result.status.Success()) << result.err;
    return binary;
  }

  SubprocessResult Run(const std::filesystem::path& binary, bool chaos, int seed,
                       bool single_thread = false) {
    SubprocessOptions options;
    options.argv = {binary.string()};
    if (single_thread) options.argv.push_back("single");
    options.env = std::vector<std::string>{std::string("GRADER_CHAOS=") + (chaos ? "1" : "0"),
                                           "GRADER_SEED=" + std::to_string(seed),
                                           "GRADER_CHAOS_STATS=1"};
    options.wall_timeout = std::chrono::seconds(60);
    return RunSubprocess(options);
  }

  long Switches(const std::filesystem::path& binary, bool chaos, int seed) {
    const SubprocessResult result = Run(binary, chaos, seed);
    EXPECT_TRUE(result.status.Success()) << result.err;
    return std::atol(result.out.c_str());
  }

  std::filesystem::path dir_;
  int builds_ = 0;
};

// The statistics line the runtime prints at exit under GRADER_CHAOS_STATS.
std::string StatsLine(const SubprocessResult& result) {
  const auto at = result.err.find("grader-chaos: ");
  return at == std::string::npos ? "" : result.err.substr(at, result.err.find('\n', at) - at);
}

long Field(const std::string& line, const std::string& name) {
  const auto at = line.find(name + "=");
  return at == std::string::npos ? -1 : std::atol(line.c_str() + at + name.size() + 1);
}

// Interleavings depend on the machine; the runtime's choices depend on the seed alone, which
// one thread makes observable.
TEST_F(ChaosRuntimeTest, OnPerturbsManyCallsAndTheSeedReplaysItsChoices) {
  const auto binary = Build({"-O2"});
  const std::string first = StatsLine(Run(binary, true, 1, true));
  const std::string again = StatsLine(Run(binary, true, 1, true));
  const std::string other = StatsLine(Run(binary, true, 2, true));
  // 20000 lock+unlock pairs, each point acting with probability 30/256: about 4700.
  EXPECT_GT(Field(first, "yields") + Field(first, "sleeps"), 3000) << first;
  EXPECT_GT(Field(first, "sleeps"), 0) << first;
  EXPECT_EQ(first, again);
  // The choices hash is a 64-bit number: compare its digits, not a saturated long.
  const auto choices = [](const std::string& line) { return line.substr(line.find("choices=")); };
  EXPECT_NE(choices(first), choices(other)) << first << "\n" << other;
}

TEST_F(ChaosRuntimeTest, OffPerturbsNothing) {
  const auto binary = Build({"-O2"});
  EXPECT_EQ(StatsLine(Run(binary, false, 1, true)), "grader-chaos: yields=0 sleeps=0 choices=0");
}

TEST_F(ChaosRuntimeTest, ThreadSanitizerBuildReportsNothingFromTheRuntime) {
  const auto binary = Build({"-O1", "-g", "-fsanitize=thread"});
  for (int seed = 1; seed <= 5; ++seed) {
    const SubprocessResult result = Run(binary, true, seed);
    EXPECT_TRUE(result.status.Success()) << result.err;
    EXPECT_EQ(result.err.find("ThreadSanitizer"), std::string::npos) << result.err;
    EXPECT_GT(Field(StatsLine(result), "yields"), 0) << result.err;
  }
}

TEST_F(ChaosRuntimeTest, UnsetOrZeroOnlyForwards) {
  const auto binary = Build({"-O2"});
  const SubprocessResult result = Run(binary, false, 0);
  EXPECT_TRUE(result.status.Success()) << result.err;
  EXPECT_GE(std::atol(result.out.c_str()), 1);  // both threads ran: at least one switch
}

TEST(ChaosLinkFlagsTest, WrapsMutexConditionVariableAndThreadCalls) {
  const auto flags = ChaosLinkFlags();
  for (const std::string symbol :
       {"pthread_mutex_lock", "pthread_mutex_unlock", "pthread_create",
        "_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE",
        "_ZNSt18condition_variable10notify_allEv"}) {
    EXPECT_NE(std::find(flags.begin(), flags.end(), "-Wl,--wrap=" + symbol), flags.end())
        << symbol;
  }
}

}  // namespace
}  // namespace grader
