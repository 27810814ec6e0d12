// What the `wiki_search` driver's tests share: the run's settings, the call of the student's
// search_all, the simple serial search that says what the answer must be, and the words that
// describe a wrong answer to a student.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "wiki_search_adapter.h"

namespace wiki_search_driver {

using wiki_search_adapter::Results;

// GRADER_THREADS (default: the machine's cores) and GRADER_SEED (default 1). A malformed value
// is the harness's mistake, not the student's: it says so and exits with status 3.
unsigned GraderThreads();
std::uint64_t GraderSeed();

// " [GRADER_THREADS=4 GRADER_SEED=7]": how to repeat a run, for messages.
std::string RunContext();

// The answer, found the simplest way: split the corpus into lines, then for each query and
// each line, std::string_view::find. Serial and obviously right; used as the expected value.
Results SerialSearch(std::string_view corpus, const std::vector<std::string>& queries);

// A copy of a text in a heap block of exactly its size: unlike a std::string, no '\0' and no
// spare capacity follow its last byte, so under AddressSanitizer a read past the end of the
// corpus (a search that assumes a terminating '\0') is reported.
class ExactText {
 public:
  explicit ExactText(std::string_view text);
  std::string_view view() const { return {bytes_.get(), size_}; }

 private:
  std::unique_ptr<char[]> bytes_;
  std::size_t size_;
};

// How one search_all call ended.
struct Outcome {
  bool returned = false;  // false: it threw
  Results results;        // when it returned
  std::string error;      // when it threw: "std::system_error: Resource temporarily unavailable"
};

// search_all(corpus, queries, threads) through the adapter; never throws.
Outcome Search(std::string_view corpus, const std::vector<std::string>& queries, unsigned threads);

// Empty when `outcome` returned exactly `expected`; otherwise what is wrong, for a student:
// the call (described by `what`, e.g. "a corpus of 3 lines"), the first wrong result, the
// lines it missed or added, and what that usually means. When threads > 1, the same call is
// repeated with threads = 1 and the message says whether that one was right.
std::string Compare(const Outcome& outcome, const Results& expected, std::string_view corpus,
                    const std::vector<std::string>& queries, unsigned threads,
                    std::string_view what);

// Calls search_all(corpus, queries, threads) on an ExactText copy of `corpus` and fails the
// running test, with Compare's message, unless it returns SerialSearch's answer. Returns
// whether it passed. `what` names the corpus for people; empty: the corpus itself is quoted.
bool ExpectSearch(std::string_view corpus, const std::vector<std::string>& queries,
                  unsigned threads, std::string_view what = {});

// ExpectSearch at threads = 1, 2, ..., 16 (more threads than lines or queries included),
// stopping at the first failure. Returns whether all passed.
bool ExpectSearchAtAllThreadCounts(std::string_view corpus, const std::vector<std::string>& queries,
                                   std::string_view what = {});

// Watches how many threads this process has (the "Threads:" line of /proc/self/status)
// from its own thread, every 100 microseconds, from construction until Stop().
class ThreadWatch {
 public:
  ThreadWatch();
  ~ThreadWatch();
  ThreadWatch(const ThreadWatch&) = delete;
  ThreadWatch& operator=(const ThreadWatch&) = delete;

  // Stops watching and returns how many more threads than at the start (the watcher's own
  // thread included) the process had at the most. Call once.
  int Stop();

 private:
  int baseline_ = 0;
  std::atomic<int> peak_{0};
  std::atomic<bool> stop_{false};
  std::thread watcher_;
};

// The number of threads of this process, from /proc/self/status; 0 if unreadable.
int ThreadsNow();

// A text shown to a student: in double quotes, C escapes for '\n', '"', '\\' and bytes that
// are not printable or not valid UTF-8, cut to about `max` characters (then its length in
// bytes is added).
std::string Quote(std::string_view text, std::size_t max = 60);

// "{0, 2, 5}", cut after `max` numbers ("{0, 2, 5, ... (312 numbers)}").
std::string ListText(const std::vector<std::size_t>& lines, std::size_t max = 12);

}  // namespace wiki_search_driver
