// Public tests of the `process_pool` exercise: build them with CMakeLists.txt (see README.md).
//
// ProcessPoolBasics are the same checks as the graded `basics` test. ProcessPoolPublic are
// smaller, simpler versions of the hidden tests: passing them is a good sign, not a
// guarantee. A solution that hangs makes this program hang too: run it under `timeout`.
#include <gtest/gtest.h>

#include <dirent.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

// Angle brackets: found only through -I (PROCESS_POOL_DIR), never next to this file.
#include <process_pool.hpp>

namespace {

using Function = std::function<std::string(const std::string&)>;

std::vector<std::string> Apply(const Function& f, const std::vector<std::string>& items) {
  std::vector<std::string> results;
  for (const std::string& item : items) results.push_back(f(item));
  return results;
}

std::string Letters(const std::string& item) {
  return item + " has " + std::to_string(item.size()) + " letters";
}

const std::vector<std::string> kFruit = {"apple", "banana", "cherry", "date",
                                         "elderberry", "fig", "grape"};

TEST(ProcessPoolBasics, MapsEveryItemInOrder) {
  EXPECT_EQ(process_map(Letters, kFruit, 3), Apply(Letters, kFruit)) << "7 items, 3 processes";
}

TEST(ProcessPoolBasics, OneProcess) {
  EXPECT_EQ(process_map(Letters, kFruit, 1), Apply(Letters, kFruit)) << "7 items, 1 process";
}

TEST(ProcessPoolBasics, MoreProcessesThanItems) {
  const std::vector<std::string> three = {"one", "two", "three"};
  EXPECT_EQ(process_map(Letters, three, 8), Apply(Letters, three)) << "3 items, 8 processes";
  EXPECT_EQ(process_map(Letters, {"alone"}, 16), Apply(Letters, {"alone"}))
      << "1 item, 16 processes";
}

TEST(ProcessPoolBasics, NoItemsGiveNoResults) {
  EXPECT_TRUE(process_map(Letters, {}, 4).empty()) << "no items, 4 processes";
}

TEST(ProcessPoolBasics, ZeroProcessesIsInvalid) {
  EXPECT_THROW(process_map(Letters, kFruit, 0), std::invalid_argument) << "7 items, 0 processes";
}

TEST(ProcessPoolBasics, EmptyAndBinaryStringsArriveExactly) {
  const std::vector<std::string> items = {"", std::string("a\0b", 3), "\xff\xfe\n",
                                          std::string(1000, 'x'), "last"};
  auto f = [](const std::string& item) -> std::string {
    if (item == "last") return "";
    std::string reversed(item.rbegin(), item.rend());
    return reversed + std::string("\0|", 2) + std::to_string(item.size());
  };
  EXPECT_EQ(process_map(f, items, 2), Apply(f, items)) << "results with zero bytes, and empty ones";
}

TEST(ProcessPoolBasics, ResultsOfManySizesAreNotMixedUp) {
  std::vector<std::string> items;
  for (int i = 0; i < 40; ++i) items.push_back(std::to_string(i));
  auto f = [](const std::string& item) {
    const int i = std::stoi(item);
    return std::string(static_cast<std::size_t>(i * 37 % 500), static_cast<char>('a' + i % 26)) +
           item;
  };
  EXPECT_EQ(process_map(f, items, 4), Apply(f, items)) << "40 items of many sizes, 4 processes";
}

TEST(ProcessPoolBasics, CallsInARowAreIndependent) {
  auto upper = [](const std::string& item) {
    std::string copy = item;
    for (char& c : copy) c = static_cast<char>(c - 'a' + 'A');
    return copy;
  };
  for (unsigned processes : {1u, 2u, 3u, 5u, 2u}) {
    EXPECT_EQ(process_map(upper, kFruit, processes), Apply(upper, kFruit))
        << processes << " processes";
    EXPECT_EQ(process_map(Letters, {"solo"}, processes), Apply(Letters, {"solo"}))
        << processes << " processes";
  }
}

// --- Smaller versions of the hidden tests ------------------------------------------------
TEST(ProcessPoolPublic, ResultsLargerThanAPipe) {
  auto f = [](const std::string& item) {
    return std::string(std::stoul(item), static_cast<char>('a' + item.size()));
  };
  const std::vector<std::string> one = {"1048576"};
  EXPECT_EQ(process_map(f, one, 1), Apply(f, one)) << "a 1 MiB result (a pipe holds 64 KiB)";
  const std::vector<std::string> many = {"300000", "5", "70000", "2000000", "65536", "0"};
  EXPECT_EQ(process_map(f, many, 3), Apply(f, many)) << "large and small results, 3 processes";
}

TEST(ProcessPoolPublic, LaterItemsFinishFirst) {
  std::vector<std::string> items;
  for (int i = 0; i < 8; ++i) items.push_back(std::to_string(i));
  auto f = [](const std::string& item) {
    usleep(static_cast<useconds_t>((8 - std::stoi(item)) * 10'000));
    return "result " + item;
  };
  std::vector<std::string> expected;
  for (const std::string& item : items) expected.push_back("result " + item);
  EXPECT_EQ(process_map(f, items, 3), expected) << "item i sleeps (8 - i) * 10 ms";
}

TEST(ProcessPoolPublic, RunsInOtherProcesses) {
  auto f = [](const std::string&) { return std::to_string(getpid()); };
  const std::vector<std::string> results = process_map(f, std::vector<std::string>(9, "x"), 3);
  ASSERT_EQ(results.size(), 9u);
  const std::set<std::string> pids(results.begin(), results.end());
  EXPECT_EQ(pids.count(std::to_string(getpid())), 0u) << "f must run in forked workers";
  EXPECT_LE(pids.size(), 3u) << "at most 3 worker processes";
}

// Dies on purpose, without AddressSanitizer's report or a core file.
[[noreturn]] void Segfault() {
  const rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  signal(SIGSEGV, SIG_DFL);
  raise(SIGSEGV);
  _exit(99);
}

std::string SegfaultOnFive(const std::string& item) {
  if (item == "5") Segfault();
  return "done " + item;
}

const std::vector<std::string> kNumbers = {"0", "1", "2", "3", "4", "5", "6", "7"};

TEST(ProcessPoolPublic, CrashGivesChildProcessError) {
  try {
    process_map(SegfaultOnFive, kNumbers, 2);
    ADD_FAILURE() << "process_map returned although the worker computing items[5] crashed";
  } catch (const ChildProcessError& error) {
    EXPECT_NE(std::string(error.what()).find('5'), std::string::npos)
        << "the message should name item 5: " << error.what();
  }
}

std::set<pid_t> ChildrenOfThisProcess() {
  std::set<pid_t> children;
  DIR* proc = opendir("/proc");
  while (const dirent* entry = readdir(proc)) {
    std::ifstream stat(std::string("/proc/") + entry->d_name + "/stat");
    std::string line;
    if (!std::getline(stat, line) || line.rfind(')') == std::string::npos) continue;
    std::istringstream rest(line.substr(line.rfind(')') + 2));
    char state = '?';
    pid_t parent = 0;
    if (rest >> state >> parent && parent == getpid()) children.insert(std::stoi(entry->d_name));
  }
  closedir(proc);
  return children;
}

std::set<std::string> OpenDescriptors() {
  std::set<std::string> fds;
  DIR* dir = opendir("/proc/self/fd");
  while (const dirent* entry = readdir(dir)) {
    if (entry->d_name[0] != '.' && std::stoi(entry->d_name) != dirfd(dir)) {
      fds.insert(entry->d_name);
    }
  }
  closedir(dir);
  return fds;
}

TEST(ProcessPoolPublic, NoZombiesNoLeakedDescriptors) {
  const std::set<std::string> before = OpenDescriptors();
  process_map(Letters, kFruit, 3);
  EXPECT_TRUE(ChildrenOfThisProcess().empty()) << "after results: waitpid() every worker";
  EXPECT_EQ(OpenDescriptors(), before) << "after results: close every pipe";
  EXPECT_THROW(process_map(SegfaultOnFive, kNumbers, 3), ChildProcessError);
  EXPECT_TRUE(ChildrenOfThisProcess().empty()) << "after a crash: waitpid() every worker";
  EXPECT_EQ(OpenDescriptors(), before) << "after a crash: close every pipe";
}

}  // namespace
