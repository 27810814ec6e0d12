#include "process/unique_fd.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace grader {
namespace {

// Moves a descriptor that landed on 0, 1 or 2 (because the harness's own stdio is closed)
// to 3 or above, so that dup2 onto the child's stdio can never clobber another pipe end.
int AboveStdio(int fd) {
  if (fd > 2) return fd;
  int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
  int saved_errno = errno;
  close(fd);
  if (moved < 0) throw std::system_error(saved_errno, std::generic_category(), "fcntl");
  return moved;
}

}  // namespace

void UniqueFd::Reset(int fd) {
  // Never retry close on EINTR: Linux has released the descriptor either way, and a retry
  // could close one another thread has just opened.
  if (fd_ >= 0) close(fd_);
  fd_ = fd;
}

Pipe MakePipe() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    throw std::system_error(errno, std::generic_category(), "pipe2");
  }
  Pipe result;
  result.read.Reset(fds[0]);
  result.write.Reset(fds[1]);
  result.read.Reset(AboveStdio(result.read.Release()));
  result.write.Reset(AboveStdio(result.write.Release()));
  return result;
}

void SetNonBlocking(int fd) {
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
    throw std::system_error(errno, std::generic_category(), "fcntl(O_NONBLOCK)");
  }
}

}  // namespace grader
