// Owned file descriptors and pipes for the process layer.
#pragma once

namespace grader {

// Owns one file descriptor and closes it on destruction. Move-only. Not thread-safe.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { Reset(); }

  UniqueFd(UniqueFd&& other) noexcept : fd_(other.Release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) Reset(other.Release());
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }

  // Gives up ownership; the caller closes the returned descriptor.
  int Release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

  // Closes the owned descriptor (if any) and takes ownership of `fd`.
  void Reset(int fd = -1);

 private:
  int fd_ = -1;
};

// Both ends are close-on-exec and numbered 3 or above, so they can never be mistaken for a
// child's stdin, stdout or stderr even when the harness runs with those closed.
struct Pipe {
  UniqueFd read;
  UniqueFd write;
};

// Throws std::system_error when the system is out of descriptors.
Pipe MakePipe();

// Sets O_NONBLOCK on `fd`. Throws std::system_error on failure.
void SetNonBlocking(int fd);

}  // namespace grader
