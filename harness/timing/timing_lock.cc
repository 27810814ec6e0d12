#include "timing/timing_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "common/error.h"

namespace grader {
namespace {

int OpenLockFile(const std::filesystem::path& file) {
  const int fd = open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) {
    throw InternalError(fmt::format("cannot open the lock file {}: {}", file.string(),
                                    std::strerror(errno)));
  }
  return fd;
}

void Lock(int fd, int operation, const std::filesystem::path& file) {
  while (flock(fd, operation) != 0) {
    if (errno == EINTR) continue;
    throw InternalError(fmt::format("cannot lock {}: {}", file.string(), std::strerror(errno)));
  }
}

}  // namespace

std::filesystem::path TimingLock::Folder() {
  if (const char* dir = std::getenv("GRADER_LOCK_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return "/tmp/grader-locks";
}

TimingLock::TimingLock(Mode mode) {
  const std::filesystem::path folder = Folder();
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  // Shared by every user of the machine: anyone may create and lock the files.
  chmod(folder.c_str(), 01777);
  const std::filesystem::path turnstile_file = folder / "turnstile";
  const std::filesystem::path timing_file = folder / "timing";
  const int turnstile = OpenLockFile(turnstile_file);
  try {
    fd_ = OpenLockFile(timing_file);
    Lock(turnstile, LOCK_EX, turnstile_file);
    Lock(fd_, mode == Mode::kExclusive ? LOCK_EX : LOCK_SH, timing_file);
  } catch (...) {
    close(turnstile);
    if (fd_ >= 0) close(fd_);
    throw;
  }
  close(turnstile);  // releases the turnstile: the next taker may queue
}

TimingLock::~TimingLock() {
  if (fd_ >= 0) close(fd_);
}

}  // namespace grader
