// Speed tests run with nothing else of the harness running on the machine: every grader
// process takes this lock shared around each compilation and each correctness run with its
// judging, and exclusively around a speed test. A waiting speed test goes first: shared takers queue behind it (a turnstile), so a
// stream of correctness runs from other graders cannot starve it.
//
// The lock files live in one folder for the whole machine (default /tmp/grader-locks, or
// $GRADER_LOCK_DIR); flock(2) locks vanish with their process, so a killed grader never
// leaves the machine locked.
#pragma once

#include <filesystem>

namespace grader {

class TimingLock {
 public:
  enum class Mode { kShared, kExclusive };

  // Blocks until the lock is held in `mode`. Throws InternalError when the lock folder
  // cannot be used.
  explicit TimingLock(Mode mode);
  ~TimingLock();
  TimingLock(const TimingLock&) = delete;
  TimingLock& operator=(const TimingLock&) = delete;

  static std::filesystem::path Folder();

 private:
  int fd_ = -1;
};

}  // namespace grader
