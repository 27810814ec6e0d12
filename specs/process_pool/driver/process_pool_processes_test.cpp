// Hidden driver of the `process_pool` exercise, part 2: the processes (GoogleTest).
//
// Theory of operation: here f reports on the process it runs in, or kills it. In
// ProcessPoolWorkers f returns its pid and the CLOCK_MONOTONIC interval it ran in (a clock
// shared by all processes): every pid must differ from the test's, there may be no more
// pids than `processes`, and two items of different workers must have run at the same time.
// Items sleep rather than compute, so that check holds on a loaded machine and on one core;
// speedup is left to the course's timing runs. In ProcessPoolCrash one item makes its worker
// die (SIGSEGV, abort(), _exit(3), an exception, _exit(0) before its result): process_map
// must throw ChildProcessError naming that item's index. A worker that is never noticed
// hangs the test, which the grader's wall-time limit turns into a deadlock verdict.
// ProcessPoolCleanup compares this process's children and descriptors (/proc) with what they
// were before each call, after results and after each kind of failure. ProcessPoolExec has f
// leave a program running in the background; a pipe that is not close-on-exec stays open in
// that program and makes process_map wait for it.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "process_pool_driver.h"

extern char** environ;

namespace process_pool_driver {
namespace {

std::vector<std::string> NumberedItems(std::size_t count) {
  std::vector<std::string> items;
  for (std::size_t i = 0; i < count; ++i) items.push_back(std::to_string(i));
  return items;
}

// --- Where and when f runs --------------------------------------------------------------
// f's report: "<item>|<pid>|<start ns>|<end ns>".
struct Record {
  std::string item;
  long long pid = 0;
  std::int64_t start = 0;
  std::int64_t end = 0;
};

Function Recording(int sleep_millis) {
  return [sleep_millis](const std::string& item) {
    const std::int64_t start = MonotonicNanos();
    SleepMillis(sleep_millis);
    return item + "|" + std::to_string(getpid()) + "|" + std::to_string(start) + "|" +
           std::to_string(MonotonicNanos());
  };
}

std::optional<Record> Parse(const std::string& result) {
  std::istringstream fields(result);
  Record record;
  std::string pid, start, end;
  if (!std::getline(fields, record.item, '|') || !std::getline(fields, pid, '|') ||
      !std::getline(fields, start, '|') || !std::getline(fields, end)) {
    return std::nullopt;
  }
  try {
    record.pid = std::stoll(pid);
    record.start = std::stoll(start);
    record.end = std::stoll(end);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return record;
}

// Runs process_map with a Recording f and parses its results; on a failure adds it to the
// test and returns nothing.
std::optional<std::vector<Record>> MapRecording(std::size_t count, unsigned processes,
                                                int sleep_millis, const std::string& call) {
  const std::vector<std::string> items = NumberedItems(count);
  const Outcome outcome = Map(Recording(sleep_millis), items, processes);
  if (outcome.kind != Outcome::Kind::kReturned || outcome.results.size() != count) {
    ADD_FAILURE() << call << " " << Describe(outcome) << "; expected " << count << " results";
    return std::nullopt;
  }
  std::vector<Record> records;
  for (std::size_t i = 0; i < count; ++i) {
    std::optional<Record> record = Parse(outcome.results[i]);
    if (!record || record->item != items[i]) {
      ADD_FAILURE() << call << ": results[" << i << "] = " << Quote(outcome.results[i])
                    << " is not what f returned for items[" << i << "] (\"" << items[i]
                    << "|<pid>|<start>|<end>\")";
      return std::nullopt;
    }
    records.push_back(*record);
  }
  return records;
}

TEST(ProcessPoolWorkers, FunctionRunsInForkedProcesses) {
  constexpr std::size_t kItems = 9;
  constexpr unsigned kProcesses = 3;
  const std::string call = CallText(kItems, kProcesses) + " where f returns getpid()";
  const auto records = MapRecording(kItems, kProcesses, 20, call);
  if (!records) return;
  std::set<long long> pids;
  for (std::size_t i = 0; i < records->size(); ++i) {
    const long long pid = (*records)[i].pid;
    if (pid == getpid()) {
      FAIL() << call << ": f ran in the test process itself (pid " << pid << ") for items[" << i
             << "]; process_map must run f in worker processes made by fork(), not in the "
                "caller and not in threads";
    }
    pids.insert(pid);
  }
  if (pids.size() > kProcesses) {
    FAIL() << call << ": f ran in " << pids.size() << " different processes, but processes = "
           << kProcesses << "; fork at most `processes` workers and give each its share of "
                            "the items";
  }
}

TEST(ProcessPoolWorkers, WorkersRunAtTheSameTime) {
  constexpr std::size_t kItems = 6;
  constexpr unsigned kProcesses = 3;
  constexpr int kSleep = 150;
  const std::string call = CallText(kItems, kProcesses) + " where f sleeps " +
                           std::to_string(kSleep) + " ms and returns getpid()";
  const auto records = MapRecording(kItems, kProcesses, kSleep, call);
  if (!records) return;
  for (const Record& a : *records) {
    for (const Record& b : *records) {
      if (a.pid != b.pid && a.start < b.end && b.start < a.end) return;  // they overlapped
    }
  }
  std::int64_t first = records->front().start;
  for (const Record& record : *records) first = std::min(first, record.start);
  std::ostringstream timeline;
  for (std::size_t i = 0; i < records->size(); ++i) {
    const Record& record = (*records)[i];
    timeline << (i == 0 ? "" : ", ") << "items[" << i << "] in pid " << record.pid << " from "
             << (record.start - first) / 1'000'000 << " to " << (record.end - first) / 1'000'000
             << " ms";
  }
  FAIL() << call << ": no two workers ever ran at the same time (" << timeline.str()
         << "). Fork every worker before waiting for, or reading everything from, any of "
            "them, so that they all work at once";
}

// --- Workers that die -------------------------------------------------------------------
enum class Death { kSegfault, kAbort, kExit3, kThrow, kExit0 };

const char* HowItDies(Death death) {
  switch (death) {
    case Death::kSegfault: return "raise(SIGSEGV)";
    case Death::kAbort: return "abort()";
    case Death::kExit3: return "_exit(3)";
    case Death::kThrow: return "throw std::runtime_error";
    case Death::kExit0: return "_exit(0) (ends its worker with status 0, before its result)";
  }
  return "?";
}

[[noreturn]] void Die(Death death) {
  switch (death) {
    case Death::kSegfault:
      // Default action: AddressSanitizer's handler would report the signal as a memory error.
      signal(SIGSEGV, SIG_DFL);
      raise(SIGSEGV);
      break;
    case Death::kAbort:
      std::abort();
    case Death::kExit3:
      _exit(3);
    case Death::kThrow:
      throw std::runtime_error("f could not compute this item");
    case Death::kExit0:
      _exit(0);
  }
  _exit(99);
}

// f returns "done <item>", except on item `fatal`, where it dies; on the other items it first
// sleeps `sleep_millis`, so that other workers may still be busy when one dies.
Function DyingOn(std::size_t fatal, Death death, int sleep_millis) {
  const std::string fatal_item = std::to_string(fatal);
  return [fatal_item, death, sleep_millis](const std::string& item) -> std::string {
    if (item == fatal_item) Die(death);
    if (sleep_millis > 0) SleepMillis(sleep_millis);
    return "done " + item;
  };
}

std::string DyingCall(std::size_t items, unsigned processes, std::size_t fatal, Death death) {
  return CallText(items, processes) + " where f calls " + HowItDies(death) + " on items[" +
         std::to_string(fatal) + "]";
}

void ExpectChildProcessError(std::size_t items, unsigned processes, std::size_t fatal,
                             Death death, int sleep_millis = 0) {
  const std::string call = DyingCall(items, processes, fatal, death);
  const Outcome outcome = Map(DyingOn(fatal, death, sleep_millis), NumberedItems(items),
                              processes);
  if (outcome.kind == Outcome::Kind::kReturned) {
    ADD_FAILURE() << call << " " << Describe(outcome) << "; the worker computing items["
                  << fatal << "] died, so process_map must throw ChildProcessError naming item "
                  << fatal << " (check each worker's exit status with waitpid(), and whether "
                              "it sent every result)";
  } else if (outcome.kind != Outcome::Kind::kChildProcessError) {
    ADD_FAILURE() << call << " " << Describe(outcome)
                  << "; expected ChildProcessError naming item " << fatal;
  } else if (!NamesNumber(outcome.what, fatal)) {
    ADD_FAILURE() << call << " " << Describe(outcome)
                  << ", as it should, but the message does not name the item's index " << fatal
                  << " (e.g. \"worker 1234 was killed by signal 11 while computing item "
                  << fatal << "\")";
  }
}

TEST(ProcessPoolCrash, SegfaultingWorker) { ExpectChildProcessError(24, 3, 17, Death::kSegfault); }

TEST(ProcessPoolCrash, AbortingWorker) { ExpectChildProcessError(24, 4, 13, Death::kAbort); }

TEST(ProcessPoolCrash, WorkerExitingWithStatus3) {
  ExpectChildProcessError(24, 3, 19, Death::kExit3);
}

TEST(ProcessPoolCrash, FunctionThatThrows) { ExpectChildProcessError(24, 2, 21, Death::kThrow); }

TEST(ProcessPoolCrash, WorkerEndingBeforeItsResult) {
  ExpectChildProcessError(20, 3, 14, Death::kExit0);
}

TEST(ProcessPoolCrash, OnlyWorkerDiesOnItsLastItem) {
  ExpectChildProcessError(9, 1, 8, Death::kSegfault);
}

TEST(ProcessPoolCrash, WorkerDiesWhileOthersAreBusy) {
  ExpectChildProcessError(12, 3, 10, Death::kSegfault, 100);
}

// --- Nothing left behind ----------------------------------------------------------------
TEST(ProcessPoolCleanup, NothingLeftAfterResults) {
  const auto before = OpenDescriptors();
  for (unsigned processes : {1u, 2u, 3u, 7u}) {
    const std::string call = CallText(5, processes) + " returned";
    const Outcome outcome = Map(Recording(0), NumberedItems(5), processes);
    if (outcome.kind != Outcome::Kind::kReturned) {
      FAIL() << CallText(5, processes) << " " << Describe(outcome) << "; expected 5 results";
    }
    const std::string left = LeftBehind(before, call);
    if (!left.empty()) FAIL() << left;
  }
}

TEST(ProcessPoolCleanup, NothingLeftAfterLargeResults) {
  const auto before = OpenDescriptors();
  auto f = [](const std::string& item) { return std::string(1024 * 1024, item[0]); };
  const Outcome outcome = Map(f, {"a", "b", "c", "d"}, 2);
  const std::string call = CallText(4, 2) + " where f returns 1 MiB";
  if (outcome.kind != Outcome::Kind::kReturned) {
    FAIL() << call << " " << Describe(outcome) << "; expected 4 results";
  }
  const std::string left = LeftBehind(before, call + " returned");
  if (!left.empty()) FAIL() << left;
}

TEST(ProcessPoolCleanup, NothingLeftAfterAWorkerDied) {
  const auto before = OpenDescriptors();
  for (Death death : {Death::kSegfault, Death::kAbort, Death::kExit3, Death::kThrow,
                      Death::kExit0}) {
    // Other items sleep, so the other workers are still busy when the error is found.
    const Outcome outcome = Map(DyingOn(4, death, 40), NumberedItems(12), 3);
    const std::string call = DyingCall(12, 3, 4, death);
    if (outcome.kind != Outcome::Kind::kChildProcessError) {
      FAIL() << call << " " << Describe(outcome) << "; expected ChildProcessError";
    }
    const std::string left =
        LeftBehind(before, call + " threw, while the other workers were still busy");
    if (!left.empty()) FAIL() << left;
  }
}

TEST(ProcessPoolCleanup, NothingLeftAfterInvalidArgument) {
  const auto before = OpenDescriptors();
  const Outcome outcome = Map(Recording(0), NumberedItems(3), 0);
  if (outcome.kind != Outcome::Kind::kInvalidArgument) {
    FAIL() << CallText(3, 0) << " " << Describe(outcome) << "; expected std::invalid_argument";
  }
  const std::string left = LeftBehind(before, CallText(3, 0) + " threw");
  if (!left.empty()) FAIL() << left;
}

// --- A program f leaves running -----------------------------------------------------------
constexpr int kBackgroundSeconds = 3;

// On "spawn", starts `sleep 3` with its standard streams on /dev/null and returns at once
// with "spawned <pid>"; otherwise returns "done <item>".
std::string SpawnSleep(const std::string& item) {
  if (item != "spawn") return "done " + item;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::string seconds = std::to_string(kBackgroundSeconds);
  std::string name = "sleep";
  char* argv[] = {name.data(), seconds.data(), nullptr};
  pid_t pid = 0;
  const int error = posix_spawn(&pid, "/bin/sleep", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) return std::string("spawn failed: ") + std::strerror(error);
  return "spawned " + std::to_string(pid);
}

TEST(ProcessPoolExec, BackgroundProgramDoesNotDelayTheResults) {
  const std::vector<std::string> items = {"a", "spawn", "b", "c"};
  const std::int64_t start = MonotonicNanos();
  const Outcome outcome = Map(SpawnSleep, items, 2);
  const std::int64_t millis = (MonotonicNanos() - start) / 1'000'000;
  const std::string call = CallText(items.size(), 2) + " where f starts `sleep " +
                           std::to_string(kBackgroundSeconds) +
                           "` in the background on items[1] and returns at once";
  if (outcome.kind != Outcome::Kind::kReturned || outcome.results.size() != items.size()) {
    FAIL() << call << " " << Describe(outcome) << "; expected 4 results";
  }
  const std::string& spawned = outcome.results[1];
  if (spawned.rfind("spawned ", 0) != 0) {
    FAIL() << call << ": results[1] = " << Quote(spawned)
           << "; the test could not start /bin/sleep in the worker (a problem of the test "
              "machine if it says 'spawn failed', else a wrong result)";
  }
  // The program is no child of this process; the sandbox's init reaps it.
  kill(static_cast<pid_t>(std::stoll(spawned.substr(8))), SIGKILL);
  const std::vector<std::string> expected = {"done a", spawned, "done b", "done c"};
  const std::string wrong = CompareResults(outcome, expected, call);
  if (!wrong.empty()) FAIL() << wrong;
  if (millis > 1500) {
    FAIL() << call << " returned only after " << millis << " ms. The program f started (sleep "
           << kBackgroundSeconds << ") had inherited the write end of the worker's pipe, so "
           << "the pipe's end-of-file came only when that program ended. Create pipes with "
              "pipe2(fds, O_CLOEXEC) so that a program started by exec does not inherit them";
  }
}

}  // namespace
}  // namespace process_pool_driver
