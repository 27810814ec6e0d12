#include "grading/speed_bench.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/error.h"
#include "grading/grader.h"
#include "grading/speed_grading.h"
#include "process/cpus.h"
#include "spec/solution_cases.h"
#include "timing/available_cores.h"
#include "timing/copy_bandwidth.h"
#include "timing/pair_statistics.h"
#include "timing/speed_protocol.h"
#include "timing/timing_lock.h"

namespace grader {
namespace {

struct Solution {
  std::string name;
  std::unique_ptr<SpeedReference> build;
  std::vector<RunSamples> runs;  // one per round: a sample per thread count, ascending
};

// 1, 2, 4, ... (or the test's `threads`) and the available cores, ascending, once each.
std::vector<unsigned> BenchThreads(const TestSpec& test) {
  const unsigned cores = AvailableCores().cores;
  std::vector<unsigned> threads = CurveThreads(test, cores);
  threads.push_back(1);
  threads.push_back(cores);
  std::sort(threads.begin(), threads.end());
  threads.erase(std::unique(threads.begin(), threads.end()), threads.end());
  return threads;
}

std::vector<BenchPoint> BenchTest(const ExerciseSpec& spec, const TestSpec& test,
                                  ObjectCache& cache, const Sandbox& sandbox,
                                  const BenchOptions& options) {
  auto progress = [&](const std::string& what) {
    if (options.progress) options.progress(what);
  };
  const std::filesystem::path work_dir =
      options.work_dir.empty() ? std::filesystem::temp_directory_path() : options.work_dir;
  std::vector<Solution> solutions;
  const std::filesystem::path reference =
      test.speed->reference.empty() ? spec.reference : test.speed->reference;
  progress(fmt::format("build {} reference", spec.name));
  solutions.push_back(
      {"reference", std::make_unique<SpeedReference>(spec, reference, cache, sandbox, work_dir),
       {}});
  for (const KnownGoodCase& good :
       options.reference_only ? std::vector<KnownGoodCase>{} : LoadKnownGoodCases(spec)) {
    if (!good.tests.empty() &&
        std::find(good.tests.begin(), good.tests.end(), test.name) == good.tests.end()) {
      continue;
    }
    progress(fmt::format("build {} {}", spec.name, good.name));
    solutions.push_back(
        {good.name, std::make_unique<SpeedReference>(spec, good.dir, cache, sandbox, work_dir),
         {}});
  }

  const std::vector<unsigned> threads = BenchThreads(test);
  std::map<unsigned, std::vector<double>> copies;  // bytes per second, by thread count
  int run_index = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < options.rounds; ++round) {
    if (round > 0 && options.pause.count() > 0) {
      progress(fmt::format("pause {} s before round {}", options.pause.count() / 1000.0,
                           round + 1));
      std::this_thread::sleep_for(options.pause);
    }
    TimingLock alone(TimingLock::Mode::kExclusive);
    // One run of each solution measures every thread count, interleaved call by call, so
    // its speedups compare times taken moments apart. The order of the solutions
    // alternates, so that a drift of the machine falls on every solution alike.
    for (std::size_t i = 0; i < solutions.size(); ++i) {
      Solution& solution = solutions[round % 2 ? solutions.size() - 1 - i : i];
      progress(fmt::format("round {}/{}: {} {} at {} threads", round + 1, options.rounds,
                           spec.name, solution.name, fmt::join(threads, ", ")));
      const RunJudgement judgement =
          RunSpeedSide(solution.build->AsSide(spec, test), test, threads,
                       RunSeed(options.seed, test.name, run_index++))
              .judgement;
      if (judgement.verdict != Verdict::kOk) {
        throw InternalError(fmt::format("{} of {} failed ({}): {}", solution.name, spec.name,
                                        VerdictName(judgement.verdict), judgement.message));
      }
      solution.runs.push_back(SamplesOf(test, judgement, threads));
    }
    const double bytes = solutions.front().runs.back().front().bytes;
    for (unsigned t : threads) {
      if (bytes <= 0 || !options.measure_copy) break;
      // On the CPUs the calls at t threads had (MeasureSpeed's FirstCpus).
      std::vector<int> cpus = UsableCpus();
      if (t < cpus.size()) cpus.resize(t);
      copies[t].push_back(MeasureCopyBandwidth(static_cast<std::size_t>(bytes), t,
                                               options.copy_repetitions, cpus)
                              .bytes_per_second);
    }
  }
  const double minutes =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / 60;

  std::vector<BenchPoint> points;
  for (const Solution& solution : solutions) {
    for (std::size_t i = 0; i < threads.size(); ++i) {
      std::vector<double> seconds, busy, speedups;
      for (const RunSamples& run : solution.runs) {
        seconds.push_back(run[i].wall_seconds);
        busy.push_back(run[i].cpu_seconds / run[i].wall_seconds);
        speedups.push_back(run[0].wall_seconds / run[i].wall_seconds);
      }
      const TimingSample& first = solution.runs.front()[i];
      BenchPoint point;
      point.exercise = spec.name;
      point.test = test.name;
      point.solution = solution.name;
      point.work = first.name;
      point.threads = threads[i];
      point.rounds = static_cast<int>(solution.runs.size());
      point.seconds = Median(seconds);
      point.cpu_per_wall = Median(busy);
      point.speedup = Median(speedups);
      point.speedup_low = *std::min_element(speedups.begin(), speedups.end());
      point.speedup_high = *std::max_element(speedups.begin(), speedups.end());
      point.round_speedups = speedups;
      point.minutes = minutes;
      point.bytes = first.bytes;
      if (point.bytes > 0 && !copies.empty()) {
        point.bytes_per_second = point.bytes / point.seconds;
        point.copy_bytes_per_second = Median(copies.at(threads[i]));
      }
      points.push_back(std::move(point));
    }
  }
  return points;
}

}  // namespace

std::vector<BenchPoint> RunSpeedBench(const ExerciseSpec& spec, ObjectCache& cache,
                                      const Sandbox& sandbox, const BenchOptions& options) {
  std::vector<BenchPoint> points;
  for (const TestSpec& test : spec.tests) {
    if (!test.speed) continue;
    for (BenchPoint& point : BenchTest(spec, test, cache, sandbox, options)) {
      points.push_back(std::move(point));
    }
  }
  return points;
}

std::string BenchTable(const std::vector<BenchPoint>& points) {
  std::string out;
  std::string rounds;  // the current block's per-round speedups, printed after its rows
  for (std::size_t i = 0; i < points.size(); ++i) {
    const BenchPoint& p = points[i];
    const bool bandwidth = p.copy_bytes_per_second > 0;
    if (i == 0 || p.exercise != points[i - 1].exercise || p.test != points[i - 1].test) {
      out += rounds;
      rounds.clear();
      out += fmt::format("\n{}, test {}: work '{}'", p.exercise, p.test, p.work);
      if (bandwidth) out += fmt::format(", {:.1f} MB read per call", p.bytes / 1e6);
      out += fmt::format("; medians of {} rounds over {:.1f} min\n", p.rounds, p.minutes);
      out += fmt::format("  {:<20} {:>7} {:>11} {:>8} {:>13} {:>10}", "solution", "threads",
                         "time", "speedup", "rounds' range", "cores busy");
      if (bandwidth) out += fmt::format(" {:>10} {:>10} {:>8}", "GB/s", "copy GB/s", "of copy");
      out += "\n";
    }
    out += fmt::format("  {:<20} {:>7} {:>8.2f} ms {:>7.2f}x {:>13} {:>10.1f}", p.solution,
                       p.threads, p.seconds * 1e3, p.speedup,
                       fmt::format("{:.2f}-{:.2f}x", p.speedup_low, p.speedup_high),
                       p.cpu_per_wall);
    if (bandwidth) {
      out += fmt::format(" {:>10.1f} {:>10.1f} {:>7.0f}%", p.bytes_per_second / 1e9,
                         p.copy_bytes_per_second / 1e9,
                         100 * p.bytes_per_second / p.copy_bytes_per_second);
    }
    out += "\n";
    // Every run's own figure, so that a median is never the only thing shown.
    if (p.threads > 1 && !p.round_speedups.empty()) {
      rounds += fmt::format("  each round, {} at {} threads: {:.2f}\n", p.solution, p.threads,
                            fmt::join(p.round_speedups, " "));
    }
  }
  return out + rounds;
}

nlohmann::json BenchJson(const std::vector<BenchPoint>& points) {
  nlohmann::json out = nlohmann::json::array();
  for (const BenchPoint& p : points) {
    nlohmann::json point = {{"exercise", p.exercise}, {"test", p.test},
                            {"solution", p.solution}, {"work", p.work},
                            {"threads", p.threads},   {"rounds", p.rounds},
                            {"seconds", p.seconds},   {"cpu_per_wall", p.cpu_per_wall},
                            {"speedup", p.speedup},   {"speedup_low", p.speedup_low},
                            {"speedup_high", p.speedup_high},
                            {"round_speedups", p.round_speedups},
                            {"minutes", p.minutes}};
    if (p.copy_bytes_per_second > 0) {
      point["bytes"] = p.bytes;
      point["bytes_per_second"] = p.bytes_per_second;
      point["copy_bytes_per_second"] = p.copy_bytes_per_second;
    }
    out.push_back(std::move(point));
  }
  return out;
}

}  // namespace grader
