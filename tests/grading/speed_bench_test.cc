// `grader bench`'s table and JSON: the medians come with the lowest and highest round and
// every round's own speedup, so that a median is never the only figure a reader sees.
#include "grading/speed_bench.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace grader {
namespace {

// parallel_sum's reference at 1 and 2 threads over 4 rounds, with its bandwidth.
std::vector<BenchPoint> SumPoints() {
  BenchPoint one;
  one.exercise = "parallel_sum";
  one.test = "speedup";
  one.solution = "reference";
  one.work = "sum-10M";
  one.threads = 1;
  one.rounds = 4;
  one.seconds = 0.0075;
  one.cpu_per_wall = 0.9;
  one.speedup = 1;
  one.speedup_low = 1;
  one.speedup_high = 1;
  one.round_speedups = {1, 1, 1, 1};
  one.minutes = 2.5;
  one.bytes = 40e6;
  one.bytes_per_second = 40e6 / 0.0075;
  one.copy_bytes_per_second = 26e9;
  BenchPoint two = one;
  two.threads = 2;
  two.seconds = 0.0044;
  two.cpu_per_wall = 1.9;
  two.speedup = 1.72;
  two.speedup_low = 1.58;
  two.speedup_high = 2.21;
  two.round_speedups = {1.58, 1.7, 1.74, 2.21};
  two.bytes_per_second = 40e6 / 0.0044;
  two.copy_bytes_per_second = 34e9;
  return {one, two};
}

TEST(BenchTableTest, ShowsTheMediansWithTheRoundsRangeAndSpan) {
  const std::string table = BenchTable(SumPoints());
  EXPECT_NE(table.find("parallel_sum, test speedup: work 'sum-10M', 40.0 MB read per call; "
                       "medians of 4 rounds over 2.5 min"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("rounds' range"), std::string::npos) << table;
  EXPECT_NE(table.find("1.72x    1.58-2.21x"), std::string::npos) << table;
  EXPECT_NE(table.find("1.00x    1.00-1.00x"), std::string::npos) << table;
  // The bandwidth against the copy at the same thread count: 9.09 GB/s of 34 GB/s.
  EXPECT_NE(table.find("9.1       34.0      27%"), std::string::npos) << table;
}

TEST(BenchTableTest, ListsEveryRoundsSpeedupAboveOneThreadAfterItsBlock) {
  std::vector<BenchPoint> points = SumPoints();
  BenchPoint pool = points[1];
  pool.exercise = "thread_pool";
  pool.work = "map";
  pool.bytes = pool.bytes_per_second = pool.copy_bytes_per_second = 0;
  pool.round_speedups = {1.91, 1.93};
  points.push_back(pool);
  const std::string table = BenchTable(points);
  const std::size_t sum_rounds =
      table.find("each round, reference at 2 threads: 1.58 1.70 1.74 2.21\n");
  const std::size_t pool_block = table.find("thread_pool, test speedup");
  const std::size_t pool_rounds = table.find("each round, reference at 2 threads: 1.91 1.93\n");
  ASSERT_NE(sum_rounds, std::string::npos) << table;
  ASSERT_NE(pool_block, std::string::npos) << table;
  ASSERT_NE(pool_rounds, std::string::npos) << table;
  EXPECT_LT(sum_rounds, pool_block) << "a block's rounds come before the next block";
  EXPECT_LT(pool_block, pool_rounds);
  EXPECT_EQ(table.find("at 1 threads"), std::string::npos) << "one thread is 1.00x by definition";
}

TEST(BenchJsonTest, HoldsEveryRoundAndTheMinutes) {
  const nlohmann::json json = BenchJson(SumPoints());
  ASSERT_EQ(json.size(), 2u);
  const nlohmann::json& two = json[1];
  EXPECT_EQ(two["threads"], 2);
  EXPECT_DOUBLE_EQ(two["speedup"].get<double>(), 1.72);
  EXPECT_DOUBLE_EQ(two["speedup_low"].get<double>(), 1.58);
  EXPECT_DOUBLE_EQ(two["speedup_high"].get<double>(), 2.21);
  EXPECT_EQ(two["round_speedups"].get<std::vector<double>>(),
            (std::vector<double>{1.58, 1.7, 1.74, 2.21}));
  EXPECT_DOUBLE_EQ(two["minutes"].get<double>(), 2.5);
  EXPECT_DOUBLE_EQ(two["copy_bytes_per_second"].get<double>(), 34e9);
  BenchPoint no_bytes = SumPoints()[1];
  no_bytes.bytes = no_bytes.bytes_per_second = no_bytes.copy_bytes_per_second = 0;
  EXPECT_FALSE(BenchJson({no_bytes})[0].contains("copy_bytes_per_second"));
}

}  // namespace
}  // namespace grader
