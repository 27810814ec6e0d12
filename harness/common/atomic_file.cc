#include "common/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

#include "common/error.h"

namespace grader {
namespace {

void FlushFolder(const std::filesystem::path& dir) {
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // the rename stands; only its durability after a power cut is weaker
  fsync(fd);
  close(fd);
}

}  // namespace

void WriteFileAtomically(const std::filesystem::path& file, const std::string& contents) {
  const std::filesystem::path dir = file.parent_path().empty() ? "." : file.parent_path();
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    throw InputError(fmt::format("{}: cannot create the folder: {}", dir.string(),
                                 error.message()));
  }
  std::string temp = (dir / ("." + file.filename().string() + ".XXXXXX")).string();
  const int fd = mkstemp(temp.data());
  if (fd < 0) {
    throw InputError(fmt::format("{}: cannot write: {}", file.string(), std::strerror(errno)));
  }
  const char* data = contents.data();
  std::size_t left = contents.size();
  bool ok = true;
  while (left > 0 && ok) {
    const ssize_t written = write(fd, data, left);
    if (written < 0 && errno == EINTR) continue;
    ok = written > 0;
    if (ok) {
      data += written;
      left -= static_cast<std::size_t>(written);
    }
  }
  ok = ok && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
  const int saved_errno = errno;
  close(fd);
  if (!ok || std::rename(temp.c_str(), file.c_str()) != 0) {
    const int cause = ok ? errno : saved_errno;
    unlink(temp.c_str());
    throw InputError(fmt::format("{}: cannot write: {}", file.string(), std::strerror(cause)));
  }
  FlushFolder(dir);
}

}  // namespace grader
