// What the harness offers hidden drivers beyond GoogleTest: `#include <grader_driver.h>`.
//
// Attach() hands a text to the harness with the test's result, through the result channel
// (so the submission cannot replace it). An attachment named "history/<model>" is a
// recorded concurrent history in JSON lines (docs/linearizability.md) that the harness
// checks for linearizability against <model> ("queue", "register", "cas-register", "kv");
// a history that is not linearizable fails the test with a minimised counterexample.
//
// History records such a history with little overhead: each thread appends to its own
// preallocated log, and the order of events comes from one atomic counter, incremented
// just before an operation is called and just after it returns, so an operation that
// returned before another was called always precedes it in the history. An operation whose
// Return() never came (a get still blocked when the test stopped waiting) is pending: the
// checker lets it take effect at any point after its call, or never.
//
// MeasureSpeed() times the work of a speed test (docs/speed.md). The harness runs a speed
// test's binary many times, the reference's build and the student's in turn; each run
// prepares its input (untimed), then times only the work at the thread counts the harness
// asks for, which the body gets as its argument:
//   grader_driver::MeasureSpeed("sum-10M", [&](unsigned threads) {
//     total = parallel_sum(data, threads);
//   });
#pragma once

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace grader_driver {

// Attaches `text` under `name` to the running test's report. Call from the test's own
// thread or any other while the test runs; later attachments of the same name add up.
void Attach(const std::string& name, const std::string& text);

// The thread counts one run of a speed test measures, ascending: GRADER_SPEED_THREADS
// ("1,2"), else GRADER_THREADS, else the machine's hardware threads. Drivers that build
// something per thread count before timing (a pool) build one for each of these.
inline std::vector<unsigned> SpeedThreads() {
  std::vector<unsigned> threads;
  const char* list = std::getenv("GRADER_SPEED_THREADS");
  if (list == nullptr) list = std::getenv("GRADER_THREADS");
  for (const char* p = list; p != nullptr && *p != '\0';) {
    char* end = nullptr;
    const unsigned long t = std::strtoul(p, &end, 10);
    if (end == p) break;
    if (t > 0 && std::find(threads.begin(), threads.end(), t) == threads.end()) {
      threads.push_back(static_cast<unsigned>(t));
    }
    p = *end == ',' ? end + 1 : end;
  }
  if (threads.empty()) threads.push_back(std::max(1u, std::thread::hardware_concurrency()));
  std::sort(threads.begin(), threads.end());
  return threads;
}

// While it lives, the calling thread runs on the first `threads` of the CPUs it was allowed
// (all of them when `threads` is as many or more); threads and processes it starts meanwhile
// inherit that. A one-thread time then does not depend on which core the scheduler picked:
// the cores of one machine can differ (virtual CPUs whose memory bandwidth is not the same).
class FirstCpus {
 public:
  explicit FirstCpus(unsigned threads) {
    CPU_ZERO(&saved_);
    if (pthread_getaffinity_np(pthread_self(), sizeof saved_, &saved_) != 0) return;
    if (threads >= static_cast<unsigned>(CPU_COUNT(&saved_))) return;
    cpu_set_t first;
    CPU_ZERO(&first);
    unsigned taken = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE && taken < threads; ++cpu) {
      if (CPU_ISSET(cpu, &saved_)) {
        CPU_SET(cpu, &first);
        ++taken;
      }
    }
    pinned_ = pthread_setaffinity_np(pthread_self(), sizeof first, &first) == 0;
  }
  ~FirstCpus() {
    if (pinned_) pthread_setaffinity_np(pthread_self(), sizeof saved_, &saved_);
  }
  FirstCpus(const FirstCpus&) = delete;
  FirstCpus& operator=(const FirstCpus&) = delete;

 private:
  cpu_set_t saved_;
  bool pinned_ = false;
};

// Runs `body(t)` once untimed for each thread count t of SpeedThreads(), the largest first
// (warm-up: page faults, thread start, caches), then GRADER_SPEED_REPS times (default 5, at least 1) for
// each t, interleaved: every repetition calls body(t) for every t in turn, starting at a
// different t each time, each call with the calling thread on the first t CPUs (FirstCpus).
// Times taken moments apart share the machine's state, so a run's own speedup (its one-thread
// time over its time at t) holds while the machine's speed drifts. Attaches "timing/<name>":
//   {"wall_ns":[...],"cpu_ns":[...],"threads":[...]}       or, with bytes > 0,
//   {"wall_ns":[...],"cpu_ns":[...],"threads":[...],"bytes":N}
// one entry per timed call of body: its wall time, the CPU time it used in the whole
// process (all threads) and in the child processes waited for during it (a process pool's
// workers), and its thread count. `bytes` is how much memory one call of `body` must read at
// least (e.g. the input array): `grader bench` turns it into an effective bandwidth. The
// caller checks the body's results afterwards: a fast wrong answer must fail the test.
template <class Body>
void MeasureSpeed(const std::string& name, Body&& body, std::uint64_t bytes = 0) {
  static_assert(std::is_invocable_v<Body&, unsigned>,
                "MeasureSpeed's body takes the thread count: [&](unsigned threads) { ... }");
  auto now_ns = [](clockid_t clock) {
    timespec t{};
    clock_gettime(clock, &t);
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
  };
  auto cpu_now_ns = [&now_ns] {  // this process, plus its children waited for so far
    rusage children{};
    getrusage(RUSAGE_CHILDREN, &children);
    const auto ns = [](const timeval& t) {
      return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_usec * 1000;
    };
    return now_ns(CLOCK_PROCESS_CPUTIME_ID) + ns(children.ru_utime) + ns(children.ru_stime);
  };
  int reps = 5;
  if (const char* text = std::getenv("GRADER_SPEED_REPS"); text != nullptr) {
    reps = std::max(1, std::atoi(text));
  }
  const std::vector<unsigned> counts = SpeedThreads();
  // The warm-up goes from the largest count down: threads that a solution keeps between
  // calls (its own pool, oneTBB's workers) start in the first call, with every CPU, and a
  // library that sizes itself by the CPUs it sees at its start (oneTBB) sees them all.
  for (auto t = counts.rbegin(); t != counts.rend(); ++t) {
    FirstCpus cpus(*t);
    body(*t);
  }
  std::string wall = "[", cpu = "[", tags = "[";
  for (int rep = 0; rep < reps; ++rep) {
    for (std::size_t i = 0; i < counts.size(); ++i) {
      const unsigned threads = counts[(rep + i) % counts.size()];
      FirstCpus cpus(threads);
      const std::int64_t wall_start = now_ns(CLOCK_MONOTONIC);
      const std::int64_t cpu_start = cpu_now_ns();
      body(threads);
      const std::int64_t cpu_ns = cpu_now_ns() - cpu_start;
      const std::int64_t wall_ns = now_ns(CLOCK_MONOTONIC) - wall_start;
      const char* comma = rep > 0 || i > 0 ? "," : "";
      wall += comma + std::to_string(wall_ns);
      cpu += comma + std::to_string(cpu_ns);
      tags += comma + std::to_string(threads);
    }
  }
  Attach("timing/" + name, "{\"wall_ns\":" + wall + "],\"cpu_ns\":" + cpu +
                               "],\"threads\":" + tags + "]" +
                               (bytes > 0 ? ",\"bytes\":" + std::to_string(bytes) : "") + "}");
}

class History {
 public:
  // `threads` logs, each with room for `ops_per_thread` operations before it allocates.
  explicit History(unsigned threads, std::size_t ops_per_thread = 1 << 16)
      : logs_(threads), names_(threads) {
    for (auto& log : logs_) log.reserve(2 * ops_per_thread);
  }

  // Names thread `thread` for people ("consumer 2"): counterexamples then say who called.
  // REQUIRES: no thread is recording yet.
  void Name(unsigned thread, std::string name) { names_.at(thread) = std::move(name); }

  // Thread `thread` is about to call `f` with `value` (JSON: "3", "\"a\"", "null").
  // Returns the operation's number in that thread's log, for Return().
  std::size_t Invoke(unsigned thread, std::string_view f, std::string_view value) {
    std::vector<Event>& log = logs_[thread];
    log.push_back({clock_.fetch_add(1), kInvoke, std::string(f), std::string(value)});
    return log.size() - 1;
  }

  // The operation `op` of `thread` returned with `value`; `failed` when it did not take
  // effect (a get that timed out on an empty queue is "ok" with value null, not failed).
  void Return(unsigned thread, std::size_t op, std::string_view value, bool failed = false) {
    std::vector<Event>& log = logs_[thread];
    log.push_back({clock_.fetch_add(1), failed ? kFail : kOk, log[op].f, std::string(value)});
  }

  // The history as JSON lines in event order (a named thread's calls carry its name):
  //   {"process":2,"type":"invoke","f":"put","value":3,"time":17,"process_name":"producer 2"}
  // REQUIRES: no thread is recording any more.
  std::string JsonLines() const {
    std::vector<std::pair<std::uint64_t, std::string>> lines;
    for (unsigned thread = 0; thread < logs_.size(); ++thread) {
      for (const Event& event : logs_[thread]) {
        const char* type = event.type == kInvoke ? "invoke" : event.type == kOk ? "ok" : "fail";
        lines.emplace_back(event.clock,
                           "{\"process\":" + std::to_string(thread) + ",\"type\":\"" + type +
                               "\",\"f\":\"" + event.f + "\",\"value\":" +
                               (event.value.empty() ? "null" : event.value) +
                               ",\"time\":" + std::to_string(event.clock) +
                               (event.type == kInvoke ? NameField(names_[thread]) : "") + "}\n");
      }
    }
    std::sort(lines.begin(), lines.end());
    std::string text;
    for (const auto& line : lines) text += line.second;
    return text;
  }

 private:
  // ',"process_name":"..."' as JSON (empty for an unnamed thread).
  static std::string NameField(const std::string& name) {
    if (name.empty()) return "";
    std::string field = ",\"process_name\":\"";
    for (char c : name) {
      if (c == '"' || c == '\\') field += '\\';
      if (static_cast<unsigned char>(c) >= 0x20) field += c;
    }
    return field + "\"";
  }

  enum Type : char { kInvoke, kOk, kFail };
  struct Event {
    std::uint64_t clock;
    Type type;
    std::string f;
    std::string value;
  };
  std::atomic<std::uint64_t> clock_{0};
  std::vector<std::vector<Event>> logs_;
  std::vector<std::string> names_;  // [thread]; empty: unnamed
};

}  // namespace grader_driver
