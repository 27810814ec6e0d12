// Hidden driver of the `colored_point` exercise (GoogleTest): many threads on one point.
//
// Theory of operation: the driver reaches the student's ColoredPoint only through
// colored_point_adapter.h (see colored_point_basics_test.cpp). Each test runs
// GRADER_THREADS threads (default 4), released together by a std::latch, for kStressTime
// each, in roles fixed by the thread number. ConsistentSnapshots has writers that only ever
// make x == y, so a reader seeing x != y proves a torn snapshot; ReentrantCallbacks has
// observers that call back while other threads flip the color, and counts the observers'
// increments exactly. A data race is ThreadSanitizer's to report (tsan flavor), a thread
// waiting for a lock it holds the grader's (deadlock); these tests report what the threads
// saw. Randomness comes only from GRADER_SEED, so a failing run can be repeated with the
// same seed and thread count.
//
// Failure messages are read by students: each says what the threads did, what was seen,
// what was expected, and what that usually means. Each thread notes only its own first
// problem, in its own slot, read after the join: no check takes a lock of the driver (in an
// observer that would add a second mutex, and a lock order, to the student's).
#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <latch>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "colored_point_adapter.h"
#include "test_point.h"

namespace {

using colored_point_driver::Observer;
using colored_point_driver::Pair;
using colored_point_driver::TestPoint;

// A malformed variable is the harness's mistake, not the student's: say so and stop with
// exit status 3 rather than fail a test.
std::uint64_t EnvNumber(const char* name, std::uint64_t fallback, std::uint64_t min,
                        std::uint64_t max) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  std::string_view view(text);
  std::uint64_t number = 0;
  auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), number);
  if (error != std::errc() || end != view.data() + view.size() || number < min || number > max) {
    std::fprintf(stderr, "colored_point_stress_test: %s='%s' is not a number in [%llu, %llu]\n",
                 name, text, static_cast<unsigned long long>(min),
                 static_cast<unsigned long long>(max));
    std::exit(3);
  }
  return number;
}

unsigned GraderThreads() { return static_cast<unsigned>(EnvNumber("GRADER_THREADS", 4, 1, 256)); }

std::uint64_t GraderSeed() { return EnvNumber("GRADER_SEED", 1, 0, UINT64_MAX); }

// One independent random stream per (seed, stream) pair.
std::mt19937_64 Rng(std::uint64_t seed, std::uint64_t stream) {
  std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                         static_cast<std::uint32_t>(stream), 0x706f696eu};
  return std::mt19937_64(sequence);
}

std::string RunContext(unsigned threads, std::uint64_t seed) {
  return " [GRADER_THREADS=" + std::to_string(threads) + " GRADER_SEED=" + std::to_string(seed) +
         "]";
}

std::string Show(Pair point) {
  return "(" + std::to_string(point.first) + ", " + std::to_string(point.second) + ")";
}

// Each thread works for kStressTime or kMaxOpsPerThread calls, whichever ends first. A
// time bound keeps the threads overlapping long after the tens of microseconds by which
// their starts differ, whatever one call costs; the clock is read every kCheckEvery calls.
constexpr std::chrono::milliseconds kStressTime{300};
#if defined(__SANITIZE_THREAD__)
constexpr long long kMaxOpsPerThread = 1'000'000;
#else
constexpr long long kMaxOpsPerThread = 20'000'000;
#endif
constexpr long long kCheckEvery = 16;

bool TimeIsUp(long long op, std::chrono::steady_clock::time_point deadline) {
  return op % kCheckEvery == 0 &&
         (op >= kMaxOpsPerThread || std::chrono::steady_clock::now() >= deadline);
}

// Writers set(v, v) with v in [-kMaxSet, kMaxSet] or move_by(d, d) with d in
// [-kMaxMove, kMaxMove]; each writer's last call is set(kFinalBase + t, kFinalBase + t).
constexpr int kMaxSet = 1000;
constexpr int kMaxMove = 3;
constexpr int kFinalBase = 1'000'000;

enum class SnapshotRole { kWriter, kReader, kObserver };

SnapshotRole SnapshotRoleOf(unsigned t) {
  return t % 3 == 0   ? SnapshotRole::kWriter
         : t % 3 == 1 ? SnapshotRole::kReader
                      : SnapshotRole::kObserver;
}

TEST(ColoredPointStress, ConsistentSnapshots) {
  const unsigned threads = GraderThreads();
  const std::uint64_t seed = GraderSeed();
  TestPoint point;
  point.SetColor("red");  // nobody changes it: every do_if_red() calls its observer
  std::latch start(threads);
  std::vector<long long> ops(threads, 0);
  std::vector<std::string> problems(threads);  // each thread's first impossible observation

  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::mt19937_64 rng = Rng(seed, t);
      std::uniform_int_distribution<int> set_value(-kMaxSet, kMaxSet);
      std::uniform_int_distribution<int> move_value(-kMaxMove, kMaxMove);
      const SnapshotRole role = SnapshotRoleOf(t);
      const std::string who = "thread " + std::to_string(t);
      auto note = [&](std::string problem) {
        if (problems[t].empty()) problems[t] = who + " " + std::move(problem);
      };
      const Observer check = [&](Pair p) {
        if (p.first != p.second) {
          note("got " + Show(p) +
               " from do_if_red(); writers only ever make x == y, so the point passed to the "
               "observer mixed two writes");
        }
        const Pair again = point.Get();
        if (again != p) {
          note("called get() inside its observer and got " + Show(again) +
               ", but do_if_red() had passed " + Show(p) +
               ": the point changed while the observer ran, so do_if_red() does not hold the "
               "lock while it calls the observer");
        }
      };
      start.arrive_and_wait();
      const auto deadline = std::chrono::steady_clock::now() + kStressTime;
      long long op = 0;
      for (; !TimeIsUp(op, deadline) && problems[t].empty(); ++op) {
        if (role == SnapshotRole::kWriter) {
          if (rng() % 4 == 0) {
            const int d = move_value(rng);
            point.MoveBy(d, d);
          } else {
            const int v = set_value(rng);
            point.Set(v, v);
          }
        } else if (role == SnapshotRole::kReader) {
          const Pair p = point.Get();
          if (p.first != p.second) {
            note("read get() = " + Show(p) +
                 " while writers only ever called set(v, v) and move_by(d, d): the snapshot "
                 "mixed two writes (get() must read x and y, and set() and move_by() must "
                 "write them, under one lock hold)");
          }
        } else {
          point.DoIfRed(check);
          if (op % 8 == 0 && point.Color() != "red") {
            note("read color() = \"" + point.Color() + "\" although only \"red\" was ever set");
          }
        }
      }
      if (role == SnapshotRole::kWriter) point.Set(kFinalBase + t, kFinalBase + t);
      ops[t] = op;
    });
  }
  for (std::thread& worker : workers) worker.join();

  long long all_ops = 0;
  for (long long n : ops) all_ops += n;
  RecordProperty("calls", static_cast<int>(std::min<long long>(all_ops, 2'000'000'000)));
  for (const std::string& problem : problems) {
    if (!problem.empty()) {
      ADD_FAILURE() << problem << RunContext(threads, seed);
      return;
    }
  }
  const Pair last = point.Get();
  const bool last_is_final = last.first == last.second && last.first >= kFinalBase &&
                             last.first < kFinalBase + static_cast<int>(threads) &&
                             SnapshotRoleOf(last.first - kFinalBase) == SnapshotRole::kWriter;
  if (!last_is_final) {
    ADD_FAILURE() << threads << " threads (writers, readers and do_if_red() callers) made "
                  << all_ops << " calls on one ColoredPoint; the last call of writer thread t "
                  << "was set(" << kFinalBase << " + t, " << kFinalBase << " + t), and after all "
                  << "of them get() = " << Show(last) << ", expected the point of the writer "
                  << "that came last (was a set() lost or torn?)" << RunContext(threads, seed);
  }
}

// Callers run do_if_red() with an observer that checks color() and get() and then moves the
// point by (1, 1) with set(); togglers flip the color to "green" and back to "red" and check
// that get() keeps x == y. The point starts at (0, 0), only observers write it, and each
// observer adds exactly 1 to each coordinate, so at the end get() must be (calls, calls).
enum class ReentrantRole { kCaller, kToggler };

ReentrantRole ReentrantRoleOf(unsigned t) {
  return t % 3 == 1 ? ReentrantRole::kToggler : ReentrantRole::kCaller;
}

TEST(ColoredPointStress, ReentrantCallbacks) {
  const unsigned threads = GraderThreads();
  const std::uint64_t seed = GraderSeed();
  TestPoint point;
  point.SetColor("red");  // red except while a toggler has just set it to green
  std::latch start(threads);
  std::vector<long long> calls(threads, 0);
  std::vector<long long> ops(threads, 0);
  std::vector<std::string> problems(threads);

  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      const std::string who = "thread " + std::to_string(t);
      auto note = [&](std::string problem) {
        if (problems[t].empty()) problems[t] = who + " " + std::move(problem);
      };
      long long mine = 0;
      const Observer callback = [&](Pair p) {
        ++mine;
        const std::string color = point.Color();
        if (color != "red") {
          note("called color() inside its observer and got \"" + color +
               "\": do_if_red() must hold the lock while the observer runs, so the color "
               "stays \"red\"");
        }
        const Pair now = point.Get();
        if (now != p) {
          note("called get() inside its observer and got " + Show(now) +
               ", but do_if_red() had passed " + Show(p) +
               ": another observer changed the point meanwhile, so do_if_red() does not hold "
               "the lock while it calls the observer");
        }
        point.Set(p.first + 1, p.second + 1);
        const Pair moved = point.Get();
        if (moved != Pair(p.first + 1, p.second + 1)) {
          note("called set" + Show({p.first + 1, p.second + 1}) +
               " inside its observer, then get() = " + Show(moved) +
               ": another thread wrote the point meanwhile");
        }
      };
      const ReentrantRole role = ReentrantRoleOf(t);
      start.arrive_and_wait();
      const auto deadline = std::chrono::steady_clock::now() + kStressTime;
      long long op = 0;
      for (; !TimeIsUp(op, deadline) && problems[t].empty(); ++op) {
        if (role == ReentrantRole::kCaller) {
          point.DoIfRed(callback);
        } else {
          point.SetColor("green");
          const std::string color = point.Color();
          if (color != "green" && color != "red") {
            note("read color() = \"" + color + "\" although only \"red\" and \"green\" were set");
          }
          const Pair p = point.Get();
          if (p.first != p.second) {
            note("read get() = " + Show(p) +
                 " while observers only ever set (x + 1, y + 1) on a point starting at (0, 0): "
                 "a torn snapshot");
          }
          point.SetColor("red");
        }
      }
      calls[t] = mine;
      ops[t] = op;
    });
  }
  for (std::thread& worker : workers) worker.join();

  long long all_calls = 0;
  long long all_ops = 0;
  for (unsigned t = 0; t < threads; ++t) {
    all_calls += calls[t];
    all_ops += ops[t];
  }
  RecordProperty("observer_calls", static_cast<int>(std::min<long long>(all_calls, INT_MAX)));
  for (const std::string& problem : problems) {
    if (!problem.empty()) {
      ADD_FAILURE() << problem << RunContext(threads, seed);
      return;
    }
  }
  const Pair last = point.Get();
  if (all_calls == 0) {
    ADD_FAILURE() << threads << " threads made " << all_ops
                  << " calls on one ColoredPoint whose color was \"red\" nearly all the time, "
                     "yet do_if_red() never called its observer"
                  << RunContext(threads, seed);
  } else if (last != Pair(static_cast<int>(all_calls), static_cast<int>(all_calls))) {
    ADD_FAILURE() << threads << " threads made " << all_ops << " calls on one ColoredPoint; its "
                  << all_calls << " observer calls each did set(x + 1, y + 1) on the point passed "
                  << "to it, starting from (0, 0): get() = " << Show(last) << ", expected ("
                  << all_calls << ", " << all_calls
                  << ") (observers overlapped: do_if_red() must hold the lock while the observer "
                     "runs)"
                  << RunContext(threads, seed);
  }
}

}  // namespace
