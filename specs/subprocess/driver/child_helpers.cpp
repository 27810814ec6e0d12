// The helper programs of child_helpers.h, and the constructor that runs them.
//
// A helper runs inside a constructor, before GoogleTest and before the dynamic initialisers
// of the driver's globals, so it uses only its own locals and the C library, and it ends
// with _exit(): no atexit handlers, no sanitizer leak check at exit, no test output. The
// sanitizers' own initialisation runs earlier (preinit), so a helper is instrumented like
// the rest of the binary.
#include "child_helpers.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>

namespace subprocess_test {
namespace {

constexpr char kHelperFlag[] = "--subprocess-helper=";

// Filled by the constructor; a plain array because the constructor runs before the dynamic
// initialisation of the driver's globals.
char g_self_exe[PATH_MAX];

std::uint64_t SplitMix(std::uint64_t& state) {
  std::uint64_t x = (state += 0x9e3779b97f4a7c15ULL);
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t StreamState(std::uint64_t seed, int stream) {
  std::uint64_t state = seed ^ (0x5375627072636573ULL * static_cast<std::uint64_t>(stream + 1));
  SplitMix(state);
  return state;
}

// Writes all of `data` to `fd`, blocking as needed; exits with 120 if the reader is gone.
void WriteAll(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t written = write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      _exit(120);
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
}

void WriteAll(int fd, std::string_view text) { WriteAll(fd, text.data(), text.size()); }

long Number(const char* text) {
  char* end = nullptr;
  errno = 0;
  const long value = std::strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0') {
    std::fprintf(stderr, "subprocess helper: '%s' is not a number\n", text);
    _exit(121);
  }
  return value;
}

std::uint64_t UnsignedNumber(const char* text) {
  char* end = nullptr;
  errno = 0;
  const unsigned long long value = std::strtoull(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0') {
    std::fprintf(stderr, "subprocess helper: '%s' is not a number\n", text);
    _exit(121);
  }
  return value;
}

void SleepMs(long ms) {
  timespec until{};
  clock_gettime(CLOCK_MONOTONIC, &until);
  until.tv_sec += ms / 1000;
  until.tv_nsec += (ms % 1000) * 1'000'000;
  if (until.tv_nsec >= 1'000'000'000) {
    until.tv_sec += 1;
    until.tv_nsec -= 1'000'000'000;
  }
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr) == EINTR) {
  }
}

void WritePidFile(const char* path, const std::string& text) {
  const std::string temp = std::string(path) + ".tmp";
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) _exit(122);
  WriteAll(fd, text);
  close(fd);
  if (rename(temp.c_str(), path) != 0) _exit(122);
}

std::string ReadAll(int fd) {
  std::string text;
  char buffer[64 * 1024];
  while (true) {
    const ssize_t got = read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return text;
    text.append(buffer, static_cast<std::size_t>(got));
  }
}

std::string WorkingDirectory() {
  char buffer[PATH_MAX];
  return getcwd(buffer, sizeof buffer) != nullptr ? buffer : "(getcwd failed)";
}

// "N -> TARGET\n" for every open descriptor but the one reading the listing.
std::string OpenDescriptors() {
  std::string listing;
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return "(cannot open /proc/self/fd)\n";
  while (const dirent* entry = readdir(dir)) {
    if (entry->d_name[0] == '.') continue;
    const int fd = std::atoi(entry->d_name);
    if (fd == dirfd(dir)) continue;
    char target[PATH_MAX] = {};
    const std::string link = std::string("/proc/self/fd/") + entry->d_name;
    if (readlink(link.c_str(), target, sizeof target - 1) < 0) std::strcpy(target, "?");
    listing += std::to_string(fd) + " -> " + target + "\n";
  }
  closedir(dir);
  return listing;
}

void Spew(std::uint64_t seed, std::size_t size) {
  const std::string out = PatternBytes(seed, 1, size);
  const std::string err = PatternBytes(seed, 2, size);
  std::uint64_t chunks = StreamState(seed, 3);
  std::size_t out_at = 0;
  std::size_t err_at = 0;
  while (out_at < size || err_at < size) {
    const std::uint64_t draw = SplitMix(chunks);
    // Mostly large chunks, now and then tiny ones, on a random stream.
    const std::size_t chunk = (draw & 7) == 0 ? 1 + (draw >> 8) % 64 : 1 + (draw >> 8) % 65536;
    const bool to_out = err_at == size || (out_at < size && ((draw >> 4) & 1) == 0);
    std::size_t& at = to_out ? out_at : err_at;
    const std::string& data = to_out ? out : err;
    const std::size_t n = std::min(chunk, size - at);
    WriteAll(to_out ? 1 : 2, data.data() + at, n);
    at += n;
  }
}

void Tee() {
  char buffer[64 * 1024];
  while (true) {
    const ssize_t got = read(0, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return;
    WriteAll(1, buffer, static_cast<std::size_t>(got));
    WriteAll(2, buffer, static_cast<std::size_t>(got));
  }
}

void Family(long ms, const char* pid_file) {
  const pid_t grandchild = fork();
  if (grandchild < 0) _exit(123);
  if (grandchild == 0) {
    // Off the pipes: only the process group ties it to the child.
    const int null = open("/dev/null", O_RDWR);
    for (int fd = 0; fd < 3; ++fd) dup2(null, fd);
    if (null > 2) close(null);
    SleepMs(ms);
    _exit(0);
  }
  WritePidFile(pid_file, std::to_string(getpid()) + " " + std::to_string(grandchild) + "\n");
  SleepMs(ms);
}

[[noreturn]] void Usage(const char* name, const char* expected) {
  std::fprintf(stderr, "subprocess helper '%s' takes: %s\n", name, expected);
  _exit(124);
}

// Runs helper argv[1] (without the flag's prefix) with argv[2..]; returns its exit status.
int RunHelper(const std::string& name, const std::vector<std::string>& args) {
  const auto need = [&](std::size_t count, const char* expected) {
    if (args.size() != count) Usage(name.c_str(), expected);
  };
  if (name == "args") {
    for (const std::string& arg : args) WriteAll(1, arg.c_str(), arg.size() + 1);
  } else if (name == "exit") {
    need(3, "CODE OUT ERR");
    WriteAll(1, args[1]);
    WriteAll(2, args[2]);
    return static_cast<int>(Number(args[0].c_str()));
  } else if (name == "signal") {
    need(1, "SIGNAL");
    const int signal_number = static_cast<int>(Number(args[0].c_str()));
    signal(signal_number, SIG_DFL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, signal_number);
    sigprocmask(SIG_UNBLOCK, &only, nullptr);
    raise(signal_number);
    return 125;  // not reached unless the signal is ignored
  } else if (name == "bytes") {
    WriteAll(1, kBinaryOut);
    WriteAll(2, kBinaryErr);
  } else if (name == "spew") {
    need(2, "SEED BYTES");
    Spew(UnsignedNumber(args[0].c_str()),
         static_cast<std::size_t>(Number(args[1].c_str())));
  } else if (name == "tee") {
    Tee();
  } else if (name == "ignore-input") {
    // Nothing: exits at once with stdin unread.
  } else if (name == "pwd") {
    WriteAll(1, WorkingDirectory());
  } else if (name == "fds") {
    const std::string listing = OpenDescriptors();  // before FILE adds a descriptor
    if (args.empty()) {
      WriteAll(1, listing);
    } else {
      WritePidFile(args[0].c_str(), listing);
    }
  } else if (name == "sleep" || name == "quiet-sleep") {
    need(2, "MS PIDFILE");
    if (name == "quiet-sleep") {
      for (int fd = 0; fd < 3; ++fd) close(fd);
    }
    WritePidFile(args[1].c_str(), std::to_string(getpid()) + "\n");
    SleepMs(Number(args[0].c_str()));
  } else if (name == "family") {
    need(2, "MS PIDFILE");
    Family(Number(args[0].c_str()), args[1].c_str());
  } else if (name == "mix") {
    need(3, "CODE MS TAG");
    const std::string input = ReadAll(0);
    SleepMs(Number(args[1].c_str()));
    WriteAll(1, args[2] + "|" + input);
    WriteAll(2, args[2] + "|" + WorkingDirectory());
    return static_cast<int>(Number(args[0].c_str()));
  } else {
    std::fprintf(stderr, "no subprocess helper named '%s'\n", name.c_str());
    return 126;
  }
  return 0;
}

// Priority 101, the first one open to programs: before GoogleTest registers its tests.
__attribute__((constructor(101))) void RunHelperIfAsked() {
  const ssize_t length = readlink("/proc/self/exe", g_self_exe, sizeof g_self_exe - 1);
  g_self_exe[length > 0 ? length : 0] = '\0';

  const int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  const std::string cmdline = ReadAll(fd);
  close(fd);
  std::vector<std::string> argv;
  for (std::size_t at = 0; at < cmdline.size();) {
    const std::size_t end = cmdline.find('\0', at);
    argv.push_back(cmdline.substr(at, end - at));
    if (end == std::string::npos) break;
    at = end + 1;
  }
  if (argv.size() < 2 || argv[1].rfind(kHelperFlag, 0) != 0) return;
  const std::string name = argv[1].substr(sizeof kHelperFlag - 1);
  const int status = RunHelper(name, std::vector<std::string>(argv.begin() + 2, argv.end()));
  _exit(status);
}

}  // namespace

const std::string& SelfExe() {
  static const std::string path = g_self_exe;
  return path;
}

std::vector<std::string> HelperArgs(std::string_view name, std::vector<std::string> args) {
  std::vector<std::string> argv = {SelfExe(), std::string(kHelperFlag) + std::string(name)};
  argv.insert(argv.end(), std::make_move_iterator(args.begin()),
              std::make_move_iterator(args.end()));
  return argv;
}

std::string PatternBytes(std::uint64_t seed, int stream, std::size_t size) {
  std::uint64_t state = StreamState(seed, stream);
  std::string bytes(size, '\0');
  for (std::size_t at = 0; at < size; at += 8) {
    const std::uint64_t word = SplitMix(state);
    std::memcpy(bytes.data() + at, &word, std::min<std::size_t>(8, size - at));
  }
  return bytes;
}

}  // namespace subprocess_test
