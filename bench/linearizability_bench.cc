// How fast the linearizability checker is on the histories the grader will see:
//  - a correct concurrent FIFO queue (a mutex-protected std::deque), 8 threads, 100,000
//    operations with distinct values, recorded with an atomic counter as the event clock:
//    the polynomial pattern check; the target is under 1 s;
//  - the same history with one violation planted (two gets' results swapped), so the
//    time includes finding the pattern and explaining it;
//  - the same history as JSON lines, parsed;
//  - a smaller queue history whose values repeat, which only the general search can check;
//  - the largest of Porcupine's etcd histories (compare-and-swap register), whose folder
//    GRADER_LINEARIZABILITY_DATA overrides.
// Each figure is the median of 5 runs.
//
//   bench_linearizability [operations]      (default 100000)
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "linearizability/checker.h"
#include "linearizability/json_history.h"
#include "linearizability/linearizability_command.h"
#include "linearizability/queue_model.h"
#include "linearizability/register_model.h"

namespace {

using grader::History;
using grader::Operation;
using grader::Value;

constexpr int kThreads = 8;
constexpr int kRuns = 5;

// Runs `threads` threads doing `total` operations on a mutex-protected deque: each op half
// puts, half non-blocking gets. `value_of(thread, i)` is the value the i-th put of a thread
// puts. The clock is read just before and just after each operation.
History RecordQueue(int total, int threads, const std::function<std::int64_t(int, int)>& value_of) {
  std::mutex mutex;
  std::deque<std::int64_t> queue;
  std::atomic<std::int64_t> clock{0};
  std::vector<std::vector<Operation>> recorded(threads);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::mt19937 random(t + 1);
      const int count = total / threads + (t < total % threads ? 1 : 0);
      recorded[t].reserve(count);
      for (int i = 0; i < count; ++i) {
        Operation op;
        op.process = t;
        const bool put = random() % 2 == 0;
        op.f = put ? "put" : "get";
        if (put) op.input = Value::Int(value_of(t, i));
        op.call = clock.fetch_add(1);
        {
          std::lock_guard lock(mutex);
          if (put) {
            queue.push_back(op.input.number());
          } else if (!queue.empty()) {
            op.output = Value::Int(queue.front());
            queue.pop_front();
          }
        }
        op.ret = clock.fetch_add(1);
        recorded[t].push_back(std::move(op));
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  History history;
  history.source = "recorded";
  for (auto& ops : recorded) {
    for (auto& op : ops) history.ops.push_back(std::move(op));
  }
  grader::SortByCall(&history);
  return history;
}

// Median wall time of `runs` calls, in milliseconds.
double MedianMs(const std::function<void()>& work, int runs = kRuns) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

std::string ToJsonLines(const History& history) {
  struct Event {
    std::int64_t position;
    const Operation* op;
    bool call;
  };
  std::vector<Event> events;
  for (const Operation& op : history.ops) {
    events.push_back({op.call, &op, true});
    events.push_back({op.ret, &op, false});
  }
  std::sort(events.begin(), events.end(),
            [](const Event& a, const Event& b) { return a.position < b.position; });
  std::string text;
  for (const Event& event : events) {
    const Value& value =
        event.call ? event.op->input : (event.op->f == "put" ? event.op->input : event.op->output);
    text += fmt::format(R"({{"process": {}, "type": "{}", "f": "{}", "value": {}}})"
                        "\n",
                        event.op->process, event.call ? "invoke" : "ok", event.op->f,
                        value.is_nil() ? "null" : value.ToString());
  }
  return text;
}

void Report(const char* what, const grader::LinearizabilityResult& result, double ms) {
  fmt::print("{:<64} {:>9.1f} ms  {}{}\n", what, ms, grader::LinearizabilityName(result.verdict),
             result.fast_path ? " (pattern check)" : fmt::format(" ({} states)", result.states));
}

}  // namespace

int main(int argc, char** argv) {
  const int total = argc > 1 ? std::atoi(argv[1]) : 100'000;
  const grader::QueueModel queue;

  const History correct =
      RecordQueue(total, kThreads, [](int t, int i) { return std::int64_t{t} << 32 | i; });
  grader::LinearizabilityResult result;
  double ms = MedianMs([&] { result = grader::CheckLinearizability(correct, queue); });
  Report(fmt::format("queue, {} threads, {} ops, distinct values", kThreads, correct.ops.size())
             .c_str(),
         result, ms);
  if (result.verdict != grader::Linearizability::kLinearizable) return 1;

  // Swap the results of two gets far apart that both returned items: a FIFO violation.
  History planted = correct;
  std::vector<std::size_t> gets;
  for (std::size_t i = 0; i < planted.ops.size(); ++i) {
    if (planted.ops[i].f == "get" && !planted.ops[i].output.is_nil()) gets.push_back(i);
  }
  std::swap(planted.ops[gets[gets.size() / 3]].output, planted.ops[gets[gets.size() / 2]].output);
  ms = MedianMs([&] { result = grader::CheckLinearizability(planted, queue); });
  Report("same, two gets' results swapped (with counterexample)", result, ms);

  const std::string json = ToJsonLines(correct);
  ms = MedianMs([&] {
    std::istringstream in(json);
    grader::ParseJsonHistory(in, "bench.jsonl");
  });
  fmt::print("{:<64} {:>9.1f} ms  ({:.1f} MB)\n", "parse it as JSON lines", ms, json.size() / 1e6);

  // Repeated values: only the search decides. Histories of a few hundred operations are
  // what it handles; 8 threads make the windows of concurrent calls wide.
  for (int ops : {200, 1000}) {
    const History repeated =
        RecordQueue(ops, kThreads, [](int, int i) { return std::int64_t{i % 5}; });
    grader::LinearizabilityOptions options;
    options.time_limit = std::chrono::seconds(10);
    ms = MedianMs([&] { result = grader::CheckLinearizability(repeated, queue, options); }, 3);
    Report(fmt::format("queue, {} threads, {} ops, values 0-4 (search)", kThreads, ops).c_str(),
           result, ms);
  }

  const char* env = std::getenv("GRADER_LINEARIZABILITY_DATA");
  const std::filesystem::path etcd = env ? env : "/work/shared/data/linearizability/porcupine-etcd";
  if (!std::filesystem::is_directory(etcd)) {
    fmt::print("no etcd histories at {} (set GRADER_LINEARIZABILITY_DATA)\n", etcd.string());
    return 0;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(etcd)) {
    if (entry.path().extension() == ".log") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<History> histories;
  for (const auto& file : files) histories.push_back(grader::ReadHistoryFile(file));
  const grader::RegisterModel cas_register(/*with_cas=*/true);
  grader::LinearizabilityOptions no_counterexample;
  no_counterexample.minimize = false;
  const auto largest = std::max_element(
      histories.begin(), histories.end(),
      [](const History& a, const History& b) { return a.ops.size() < b.ops.size(); });
  for (const grader::LinearizabilityOptions& options :
       {no_counterexample, grader::LinearizabilityOptions{}}) {
    const char* with = options.minimize ? ", with counterexample" : "";
    ms = MedianMs([&] { result = grader::CheckLinearizability(*largest, cas_register, options); });
    Report(fmt::format("largest etcd history, {} ({} ops){}",
                       files[largest - histories.begin()].filename().string(), largest->ops.size(),
                       with)
               .c_str(),
           result, ms);
    // Every history, each timed on its own: the total and the slowest.
    double slowest = 0, sum = 0;
    std::string slowest_name;
    for (std::size_t i = 0; i < histories.size(); ++i) {
      const double one =
          MedianMs([&] { grader::CheckLinearizability(histories[i], cas_register, options); });
      sum += one;
      if (one > slowest) {
        slowest = one;
        slowest_name = files[i].filename().string();
      }
    }
    fmt::print("{:<64} {:>9.1f} ms  (slowest {}: {:.1f} ms)\n",
               fmt::format("all {} etcd histories{}", histories.size(), with), sum, slowest_name,
               slowest);
  }
  return 0;
}
