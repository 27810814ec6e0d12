// Public tests of the `subprocess` exercise: build them with CMakeLists.txt (see README.md).
//
// SubprocessBasics are the same checks as the graded `basics` test, with ordinary programs
// (sh, cat, pwd) as children where the grader uses programs of its own. SubprocessPublic are
// smaller, simpler versions of the hidden tests: passing them is a good sign, not a
// guarantee. After every call the tests also look for what run() must not leave behind: a
// zombie child, or a descriptor still open in this program.
#include <gtest/gtest.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

// Angle brackets: found only through -I (SUBPROCESS_DIR), never next to this file.
#include <subprocess.hpp>

namespace {

using std::chrono::milliseconds;

// Children of this process that exited and were never reaped (state Z).
int ZombieChildren() {
  int zombies = 0;
  DIR* proc = opendir("/proc");
  while (const dirent* entry = proc != nullptr ? readdir(proc) : nullptr) {
    std::ifstream stat(std::string("/proc/") + entry->d_name + "/stat");
    std::string line;
    if (!std::getline(stat, line) || line.rfind(')') == std::string::npos) continue;
    std::istringstream rest(line.substr(line.rfind(')') + 1));
    char state = '?';
    pid_t parent = 0;
    if (rest >> state >> parent && parent == getpid() && state == 'Z') ++zombies;
  }
  if (proc != nullptr) closedir(proc);
  return zombies;
}

// This program's open descriptors.
std::set<int> OpenDescriptors() {
  std::set<int> fds;
  DIR* dir = opendir("/proc/self/fd");
  while (const dirent* entry = dir != nullptr ? readdir(dir) : nullptr) {
    if (entry->d_name[0] != '.' && std::atoi(entry->d_name) != dirfd(dir)) {
      fds.insert(std::atoi(entry->d_name));
    }
  }
  if (dir != nullptr) closedir(dir);
  return fds;
}

// Checks, at the end of its scope, that nothing was left behind since its construction.
class NothingLeftBehind {
 public:
  NothingLeftBehind() : fds_(OpenDescriptors()) {}
  ~NothingLeftBehind() {
    EXPECT_EQ(ZombieChildren(), 0) << "zombie children: run() must waitpid() its child";
    EXPECT_EQ(OpenDescriptors(), fds_) << "run() left descriptors open in the parent";
  }

 private:
  std::set<int> fds_;
};

std::filesystem::path MakeTempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sp-public-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return std::filesystem::canonical(pattern);
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

// --- The checks of the graded `basics` test ---------------------------------------------
TEST(SubprocessBasics, ReturnsExitStatusAndBothOutputs) {
  NothingLeftBehind check;
  const std::vector<std::string> args = {"sh", "-c", "printf hello; printf oops >&2; exit 3"};
  const sp::CompletedProcess result = sp::run(args);
  EXPECT_EQ(result.args, args);
  EXPECT_EQ(result.returncode, 3);
  EXPECT_EQ(result.out, "hello");
  EXPECT_EQ(result.err, "oops");

  EXPECT_EQ(sp::run({"sh", "-c", "exit 200"}).returncode, 200);
  EXPECT_EQ(sp::run({"true"}).returncode, 0);
}

TEST(SubprocessBasics, PassesArgumentsUnchanged) {
  NothingLeftBehind check;
  // No shell between run() and the program: each string is one argument, as it is.
  const std::vector<std::string> passed = {"two words", "", "'single'", "$HOME", "*", "new\nline"};
  std::vector<std::string> args = {"sh", "-c", "printf '%s\\000' \"$@\"", "sh"};
  args.insert(args.end(), passed.begin(), passed.end());
  std::string expected;
  for (const std::string& arg : passed) expected += arg + '\0';
  EXPECT_EQ(sp::run(args).out, expected);
}

TEST(SubprocessBasics, DefaultOptionsAreAsDocumented) {
  const sp::RunOptions defaults;
  EXPECT_FALSE(defaults.input.has_value());
  EXPECT_TRUE(defaults.capture_output);
  EXPECT_FALSE(defaults.timeout.has_value());
  EXPECT_FALSE(defaults.cwd.has_value());
}

TEST(SubprocessBasics, FeedsInputThenClosesStdin) {
  NothingLeftBehind check;
  sp::RunOptions options;
  options.input = "line one\nline two\n";
  // cat ends only once its stdin is closed.
  EXPECT_EQ(sp::run({"cat"}, options).out, "line one\nline two\n");
  options.input = "";
  EXPECT_EQ(sp::run({"cat"}, options).out, "");
}

TEST(SubprocessBasics, KeepsBinaryOutputExact) {
  NothingLeftBehind check;
  const sp::CompletedProcess result = sp::run({"sh", "-c", "printf 'a\\000b\\377'"});
  EXPECT_EQ(result.out, std::string("a\0b\xff", 4));
}

TEST(SubprocessBasics, ReportsDeathBySignalAsMinusSignal) {
  NothingLeftBehind check;
  EXPECT_EQ(sp::run({"sh", "-c", "kill -TERM $$"}).returncode, -SIGTERM);
  EXPECT_EQ(sp::run({"sh", "-c", "kill -KILL $$"}).returncode, -SIGKILL);
}

TEST(SubprocessBasics, RunsInTheGivenWorkingDirectory) {
  NothingLeftBehind check;
  const std::filesystem::path dir = MakeTempDir();
  const std::filesystem::path before = std::filesystem::current_path();
  sp::RunOptions options;
  options.cwd = dir.string();
  EXPECT_EQ(sp::run({"pwd", "-P"}, options).out, dir.string() + "\n");
  EXPECT_EQ(std::filesystem::current_path(), before) << "the parent's own cwd must not change";
  EXPECT_EQ(sp::run({"pwd", "-P"}).out, std::filesystem::canonical(before).string() + "\n");
  std::filesystem::remove_all(dir);
}

TEST(SubprocessBasics, WithoutCaptureTheChildWritesToOurOutputs) {
  const std::filesystem::path dir = MakeTempDir();
  std::fflush(stdout);
  const int saved = fcntl(1, F_DUPFD_CLOEXEC, 3);
  const int file = open((dir / "out").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  ASSERT_GE(saved, 0);
  ASSERT_GE(file, 0);
  dup2(file, 1);
  close(file);
  sp::RunOptions options;
  options.capture_output = false;
  const sp::CompletedProcess result = sp::run({"sh", "-c", "echo to stdout; exit 5"}, options);
  dup2(saved, 1);
  close(saved);
  EXPECT_EQ(result.returncode, 5);
  EXPECT_EQ(result.out, "") << "nothing is captured without capture_output";
  EXPECT_EQ(ReadFile(dir / "out"), "to stdout\n") << "the child must write to our own stdout";
  std::filesystem::remove_all(dir);
}

// --- Smaller versions of the hidden tests -----------------------------------------------
TEST(SubprocessPublic, MissingProgramThrowsSystemError) {
  NothingLeftBehind check;
  try {
    sp::run({"/no/such/program"});
    ADD_FAILURE() << "run() of a missing program returned instead of throwing";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code().value(), ENOENT) << e.what();
  }
  sp::RunOptions options;
  options.cwd = "/no/such/folder";
  EXPECT_THROW(sp::run({"true"}, options), std::system_error);
}

TEST(SubprocessPublic, MegabytesOnBothOutputsAndInput) {
  NothingLeftBehind check;
  // stderr first: a run() that reads stdout to its end before stderr hangs here.
  const sp::CompletedProcess both =
      sp::run({"sh", "-c", "head -c 1000000 /dev/zero >&2; head -c 1000000 /dev/zero"});
  EXPECT_EQ(both.out.size(), 1'000'000u);
  EXPECT_EQ(both.err.size(), 1'000'000u);

  // A run() that writes all input before reading any output hangs here.
  sp::RunOptions options;
  options.input = std::string(4'000'000, 'x');
  EXPECT_EQ(sp::run({"cat"}, options).out, *options.input);

  // The child exits without reading: the input is dropped, and SIGPIPE must not kill us.
  EXPECT_EQ(sp::run({"true"}, options).returncode, 0);
}

TEST(SubprocessPublic, TimeoutKillsTheChildAndItsChildren) {
  NothingLeftBehind check;
  const std::filesystem::path dir = MakeTempDir();
  const std::filesystem::path pid_file = dir / "pid";
  sp::RunOptions options;
  options.timeout = milliseconds(300);
  const auto start = std::chrono::steady_clock::now();
  // The shell starts a background sleep (the grandchild) and waits for it.
  EXPECT_THROW(sp::run({"sh", "-c", "sleep 10 >/dev/null 2>&1 & echo $! > " + pid_file.string() +
                                        "; wait"},
                       options),
               sp::TimeoutExpired);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(elapsed, milliseconds(295));
  EXPECT_LT(elapsed, milliseconds(1300)) << "TimeoutExpired must come soon after the timeout";
  std::this_thread::sleep_for(milliseconds(100));
  const std::string pid = ReadFile(pid_file);
  if (!pid.empty()) {
    std::ifstream stat("/proc/" + pid.substr(0, pid.find('\n')) + "/stat");
    std::string line;
    const bool alive = std::getline(stat, line) && line.find(") Z") == std::string::npos;
    EXPECT_FALSE(alive) << "the grandchild survived the timeout: kill the whole process group";
  }
  std::filesystem::remove_all(dir);
}

TEST(SubprocessPublic, ChildGetsOnlyStdinStdoutAndStderr) {
  NothingLeftBehind check;
  const int careless = open("/dev/null", O_RDONLY);  // no O_CLOEXEC
  ASSERT_GE(careless, 0);
  sp::RunOptions options;
  options.input = "x";
  // "; true" keeps the shell from replacing itself with ls, so the listing is the shell's.
  EXPECT_EQ(sp::run({"sh", "-c", "ls /proc/$$/fd; true"}, options).out, "0\n1\n2\n");
  close(careless);
}

TEST(SubprocessPublic, ThreadsGetTheirOwnResults) {
  NothingLeftBehind check;
  std::vector<std::string> problems(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([t, &problems] {
      for (int call = 0; call < 5; ++call) {
        sp::RunOptions options;
        options.input = "thread " + std::to_string(t) + " call " + std::to_string(call);
        const int code = t * 10 + call;
        const sp::CompletedProcess result =
            sp::run({"sh", "-c", "cat; exit " + std::to_string(code)}, options);
        if (result.out != *options.input || result.returncode != code) {
          problems[t] = "thread " + std::to_string(t) + " got out \"" + result.out +
                        "\" and returncode " + std::to_string(result.returncode) + " for \"" +
                        *options.input + "\" and exit " + std::to_string(code);
          return;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& problem : problems) EXPECT_EQ(problem, "");
}

}  // namespace
