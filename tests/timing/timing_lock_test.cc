// The machine-wide lock: shared holders together, an exclusive holder alone, and a waiting
// exclusive taker ahead of later shared ones.
#include "timing/timing_lock.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

namespace grader {
namespace {

using namespace std::chrono_literals;

class TimingLockTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (std::filesystem::temp_directory_path() / "locks-XXXXXX").string();
    dir_ = mkdtemp(templ.data());
    setenv("GRADER_LOCK_DIR", dir_.c_str(), 1);
  }
  void TearDown() override {
    unsetenv("GRADER_LOCK_DIR");
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
};

TEST_F(TimingLockTest, SharedHoldersDoNotWaitForEachOther) {
  TimingLock a(TimingLock::Mode::kShared);
  TimingLock b(TimingLock::Mode::kShared);  // would hang the test if it waited
  EXPECT_EQ(TimingLock::Folder(), dir_);
}

TEST_F(TimingLockTest, ExclusiveWaitsForSharedAndLaterSharedWaitsForIt) {
  std::atomic<int> step{0};
  auto shared = std::make_unique<TimingLock>(TimingLock::Mode::kShared);
  std::thread timing([&] {
    TimingLock alone(TimingLock::Mode::kExclusive);
    step = 1;
    std::this_thread::sleep_for(100ms);
    step = 2;
  });
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(step.load(), 0);  // the speed test waits for the correctness run
  std::thread later([&] {
    TimingLock again(TimingLock::Mode::kShared);
    EXPECT_EQ(step.load(), 2);  // queued behind the waiting speed test, not beside it
  });
  std::this_thread::sleep_for(100ms);
  shared.reset();
  timing.join();
  later.join();
}

}  // namespace
}  // namespace grader
