#include "process_pool_driver.h"

#include <dirent.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

namespace process_pool_driver {

Outcome Map(const Function& f, const std::vector<std::string>& items, unsigned processes) {
  const pid_t caller = getpid();
  Outcome outcome = process_pool_adapter::ProcessMap(f, items, processes);
  if (getpid() != caller) {
    // Without this, the worker would go on running the remaining tests as a second copy of
    // the test program, and its output would mix with the real one.
    static constexpr char kMessage[] =
        "process_pool test: a worker process returned from process_map into the caller's "
        "code; a worker must end with _exit() when its items are done. This worker now "
        "exits with status 86.\n";
    [[maybe_unused]] const ssize_t ignored = write(2, kMessage, sizeof kMessage - 1);
    _exit(kEscapedWorkerStatus);
  }
  return outcome;
}

std::string CallText(std::size_t items, unsigned processes) {
  return "process_map(f, " + std::to_string(items) + (items == 1 ? " item, " : " items, ") +
         std::to_string(processes) + ")";
}

std::string Describe(const Outcome& outcome) {
  switch (outcome.kind) {
    case Outcome::Kind::kReturned:
      return "returned " + std::to_string(outcome.results.size()) +
             (outcome.results.size() == 1 ? " result" : " results");
    case Outcome::Kind::kChildProcessError: {
      std::string text = "threw " + outcome.type + "(" + Quote(outcome.what, 200) + ")";
      if (NamesNumber(outcome.what, kEscapedWorkerStatus)) {
        text += " (if status 86 is a worker's exit status: this test ends a worker that "
                "returned from process_map into the caller with status 86; each worker must "
                "end with _exit() when its items are done)";
      }
      return text;
    }
    case Outcome::Kind::kInvalidArgument:
    case Outcome::Kind::kOtherException:
      return "threw " + outcome.type + "(" + Quote(outcome.what, 200) + ")";
  }
  return "ended in an unknown way";
}

std::string Quote(std::string_view text, std::size_t max) {
  std::string quoted = "\"";
  std::size_t shown = 0;
  for (; shown < text.size() && quoted.size() < max; ++shown) {
    const unsigned char c = static_cast<unsigned char>(text[shown]);
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += static_cast<char>(c);
    } else if (c == '\n') {
      quoted += "\\n";
    } else if (c >= 0x20 && c < 0x7f) {
      quoted += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      quoted += "\\x";
      quoted += kHex[c >> 4];
      quoted += kHex[c & 15];
    }
  }
  quoted += '"';
  if (shown < text.size()) quoted += "... (" + std::to_string(text.size()) + " bytes)";
  return quoted;
}

bool NamesNumber(std::string_view text, std::size_t number) {
  const std::string digits = std::to_string(number);
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t at = text.find(digits); at != std::string_view::npos;
       at = text.find(digits, at + 1)) {
    const bool digit_before = at > 0 && is_digit(text[at - 1]);
    const std::size_t end = at + digits.size();
    const bool digit_after = end < text.size() && is_digit(text[end]);
    if (!digit_before && !digit_after) return true;
  }
  return false;
}

namespace {

// Where two strings first differ, for a message about long results.
std::string FirstDifference(const std::string& actual, const std::string& expected) {
  const auto [a, e] = std::mismatch(actual.begin(), actual.end(), expected.begin(),
                                    expected.end());
  const std::size_t at = static_cast<std::size_t>(a - actual.begin());
  if (a == actual.end() && e == expected.end()) return "";
  if (a == actual.end() || e == expected.end()) {
    return "; they agree on the first " + std::to_string(at) + " bytes, then one ends";
  }
  return "; they first differ at byte " + std::to_string(at);
}

}  // namespace

std::string CompareResults(const Outcome& outcome, const std::vector<std::string>& expected,
                           std::string_view call) {
  std::ostringstream text;
  if (outcome.kind != Outcome::Kind::kReturned) {
    text << call << " " << Describe(outcome) << "; expected it to return " << expected.size()
         << " results (no worker failed)";
    return text.str();
  }
  const std::vector<std::string>& actual = outcome.results;
  if (actual.size() != expected.size()) {
    text << call << " returned " << actual.size() << " results, expected " << expected.size()
         << " (one per item, in item order)";
    return text.str();
  }
  std::size_t wrong = 0;
  while (wrong < actual.size() && actual[wrong] == expected[wrong]) ++wrong;
  if (wrong == actual.size()) return "";

  std::vector<std::string> sorted_actual = actual;
  std::vector<std::string> sorted_expected = expected;
  std::sort(sorted_actual.begin(), sorted_actual.end());
  std::sort(sorted_expected.begin(), sorted_expected.end());
  if (sorted_actual == sorted_expected) {
    const auto from = std::find(expected.begin(), expected.end(), actual[wrong]);
    text << call << " returned every result, but not in item order: results[" << wrong
         << "] is f(items[" << (from - expected.begin()) << "]), expected f(items[" << wrong
         << "]). Place each result at its item's index, not in the order the results arrive "
            "or the workers finish.";
    return text.str();
  }
  text << call << ": results[" << wrong << "] = " << Quote(actual[wrong]) << " ("
       << actual[wrong].size() << " bytes), expected f(items[" << wrong
       << "]) = " << Quote(expected[wrong]) << " (" << expected[wrong].size() << " bytes)"
       << FirstDifference(actual[wrong], expected[wrong]);
  if (expected[wrong].size() > 65536 || actual[wrong].size() > 65536) {
    text << ". A result larger than a pipe's buffer (64 KiB) arrives in several reads: "
            "keep reading until you have the whole length, and never mix bytes of two "
            "workers' pipes";
  }
  return text.str();
}

std::vector<Child> ChildrenOfThisProcess() {
  std::vector<Child> children;
  const pid_t self = getpid();
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return children;
  while (const dirent* entry = readdir(proc)) {
    pid_t pid = 0;
    const std::string_view name(entry->d_name);
    const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), pid);
    if (error != std::errc() || end != name.data() + name.size()) continue;
    std::ifstream stat("/proc/" + std::string(name) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) continue;  // it ended meanwhile
    // "pid (command) state ppid ...": the command may hold spaces and parentheses.
    const std::size_t open = line.find('(');
    const std::size_t close = line.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close + 2 >= line.size()) {
      continue;
    }
    std::istringstream rest(line.substr(close + 2));
    char state = '?';
    pid_t parent = 0;
    if (!(rest >> state >> parent) || parent != self) continue;
    children.push_back({pid, state, line.substr(open + 1, close - open - 1)});
  }
  closedir(proc);
  return children;
}

std::map<int, std::string> OpenDescriptors() {
  std::map<int, std::string> open;
  DIR* fds = opendir("/proc/self/fd");
  if (fds == nullptr) return open;
  const int own = dirfd(fds);
  while (const dirent* entry = readdir(fds)) {
    int fd = -1;
    const std::string_view name(entry->d_name);
    const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), fd);
    if (error != std::errc() || end != name.data() + name.size() || fd == own) continue;
    char target[256];
    const std::string path = "/proc/self/fd/" + std::string(name);
    const ssize_t length = readlink(path.c_str(), target, sizeof target);
    open[fd] = length > 0 ? std::string(target, static_cast<std::size_t>(length)) : "?";
  }
  closedir(fds);
  return open;
}

std::string LeftBehind(const std::map<int, std::string>& before, std::string_view after_what) {
  std::ostringstream text;
  const std::vector<Child> children = ChildrenOfThisProcess();
  if (!children.empty()) {
    text << "after " << after_what << ", " << children.size()
         << (children.size() == 1 ? " child process" : " child processes")
         << " of the test still existed:";
    for (std::size_t i = 0; i < children.size(); ++i) {
      const Child& child = children[i];
      text << (i == 0 ? " pid " : ", pid ") << child.pid << " ("
           << (child.state == 'Z' ? "a zombie: ended, never waited for"
                                  : std::string("still running, state ") + child.state)
           << ")";
    }
    text << ". process_map must waitpid() every worker it forked before it returns, and "
            "also before it throws; a worker nobody waits for stays a zombie.";
    return text.str();
  }
  const std::map<int, std::string> after = OpenDescriptors();
  std::vector<std::string> leaked;
  std::vector<std::string> closed;
  for (const auto& [fd, target] : after) {
    const auto was = before.find(fd);
    if (was == before.end() || was->second != target) {
      leaked.push_back(std::to_string(fd) + " (" + target + ")");
    }
  }
  for (const auto& [fd, target] : before) {
    if (after.find(fd) == after.end()) closed.push_back(std::to_string(fd) + " (" + target + ")");
  }
  auto join = [](const std::vector<std::string>& parts) {
    std::string joined;
    for (const std::string& part : parts) joined += (joined.empty() ? "" : ", ") + part;
    return joined;
  };
  if (!leaked.empty()) {
    text << "after " << after_what << ", the test process had " << leaked.size()
         << (leaked.size() == 1 ? " descriptor" : " descriptors")
         << " open that were not open before the call: " << join(leaked)
         << ". Close your end of every pipe once you are done with it, on every way out of "
            "process_map (also when it throws).";
  } else if (!closed.empty()) {
    text << "after " << after_what << ", descriptors that were open before the call were "
         << "closed: " << join(closed) << ". process_map may close only what it opened.";
  }
  return text.str();
}

std::int64_t MonotonicNanos() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

void SleepMillis(int millis) { std::this_thread::sleep_for(std::chrono::milliseconds(millis)); }

std::uint64_t GraderSeed() {
  const char* text = std::getenv("GRADER_SEED");
  if (text == nullptr || *text == '\0') return 1;
  const std::string_view view(text);
  std::uint64_t seed = 0;
  const auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), seed);
  if (error != std::errc() || end != view.data() + view.size()) {
    std::fprintf(stderr, "process_pool_test: GRADER_SEED='%s' is not a number\n", text);
    std::exit(3);
  }
  return seed;
}

}  // namespace process_pool_driver
