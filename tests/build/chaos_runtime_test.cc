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
// often the holder changed between consecutive acquisitions.
constexpr const char* kProgram = R"(#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>
int main() {
  std::mutex m;
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

  SubprocessResult Run(const std::filesystem::path& binary, bool chaos, int seed) {
    SubprocessOptions options;
    options.argv = {binary.string()};
    options.env = std::vector<std::string>{std::string("GRADER_CHAOS=") + (chaos ? "1" : "0"),
                                           "GRADER_SEED=" + std::to_string(seed)};
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

TEST_F(ChaosRuntimeTest, OnMakesLockHoldersAlternateFarMoreOften) {
  const auto binary = Build({"-O2"});
  // Without chaos a thread re-takes the mutex it just released almost every time; the
  // wrappers' yields after unlock hand it over (thousands of switches; measured ~10000).
  const long off = Switches(binary, false, 1);
  const long on = Switches(binary, true, 1);
  EXPECT_GT(on, 1000) << "off: " << off;
  EXPECT_GT(on, 5 * off) << "on: " << on << ", off: " << off;
}

TEST_F(ChaosRuntimeTest, ThreadSanitizerBuildReportsNothingFromTheRuntime) {
  const auto binary = Build({"-O1", "-g", "-fsanitize=thread"});
  for (int seed = 1; seed <= 5; ++seed) {
    const SubprocessResult result = Run(binary, true, seed);
    EXPECT_TRUE(result.status.Success()) << result.err;
    EXPECT_EQ(result.err.find("ThreadSanitizer"), std::string::npos) << result.err;
    EXPECT_GT(std::atol(result.out.c_str()), 1000);
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
