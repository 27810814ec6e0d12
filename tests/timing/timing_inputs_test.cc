// Reading what runs measured, and the cgroup CPU quotas that cap the judged thread count.
#include <gtest/gtest.h>

#include "timing/available_cores.h"
#include "timing/timing_sample.h"

namespace grader {
namespace {

TEST(TimingSampleTest, TakesTheFastestRepetitionOfEachThreadCountWithItsCpuTime) {
  // Two thread counts, interleaved as MeasureSpeed calls them.
  const auto evidence = nlohmann::json::parse(
      R"({"timings": {"sum": {"wall_ns": [3000000, 2000000, 4000000, 1500000, 1100000, 900000],
                               "cpu_ns": [3000000, 3900000, 4000000, 1600000, 2100000, 1800000],
                               "threads": [1, 2, 1, 2, 1, 2]}}})");
  std::string problem;
  const auto samples = SamplesFromEvidence(evidence, &problem);
  ASSERT_TRUE(samples) << problem;
  ASSERT_EQ(samples->size(), 2u);
  const TimingSample& one = (*samples)[0];
  const TimingSample& two = (*samples)[1];
  EXPECT_EQ(one.threads, 1u);
  EXPECT_DOUBLE_EQ(one.wall_seconds, 0.0011);
  EXPECT_DOUBLE_EQ(one.cpu_seconds, 0.0021);
  EXPECT_EQ(one.repetitions, 3);
  EXPECT_EQ(two.threads, 2u);
  EXPECT_DOUBLE_EQ(two.wall_seconds, 0.0009);
  EXPECT_DOUBLE_EQ(two.cpu_seconds, 0.0018);
  EXPECT_EQ(two.name, "sum");
  EXPECT_EQ(two.bytes, 0);
}

TEST(TimingSampleTest, ReadsTheBytesOfOneRepetition) {
  std::string problem;
  const auto samples = SamplesFromEvidence(
      nlohmann::json::parse(
          R"({"timings": {"sum": {"wall_ns":[5],"cpu_ns":[5],"threads":[2],"bytes":40000000}}})"),
      &problem);
  ASSERT_TRUE(samples) << problem;
  EXPECT_EQ(samples->at(0).bytes, 40e6);
  EXPECT_FALSE(SamplesFromEvidence(
      nlohmann::json::parse(
          R"({"timings": {"sum": {"wall_ns":[5],"cpu_ns":[5],"threads":[2],"bytes":"x"}}})"),
      &problem));
  EXPECT_NE(problem.find("has bytes \"x\", not a size"), std::string::npos) << problem;
}

TEST(TimingSampleTest, SaysWhatIsWrongWithAMeasurement) {
  std::string problem;
  EXPECT_FALSE(SamplesFromEvidence(nlohmann::json::object(), &problem));
  EXPECT_NE(problem.find("exactly once; this one measured 0"), std::string::npos) << problem;
  EXPECT_FALSE(SamplesFromEvidence(
      nlohmann::json::parse(R"({"timings": {"a": {"wall_ns":[1],"cpu_ns":[1],"threads":[1]},
                                            "b": {"wall_ns":[1],"cpu_ns":[1],"threads":[1]}}})"),
      &problem));
  EXPECT_NE(problem.find("measured 2"), std::string::npos) << problem;
  EXPECT_FALSE(SamplesFromEvidence(
      nlohmann::json::parse(R"({"timings": {"a": {"wall_ns":[1, 2],"cpu_ns":[1],"threads":[1]}}})"),
      &problem));
  EXPECT_NE(problem.find("is not {\"wall_ns\""), std::string::npos) << problem;
  // A driver from before thread counts were tagged.
  EXPECT_FALSE(SamplesFromEvidence(
      nlohmann::json::parse(R"({"timings": {"a": {"wall_ns":[1],"cpu_ns":[1]}}})"), &problem));
  EXPECT_NE(problem.find("\"threads\":[...]"), std::string::npos) << problem;
  EXPECT_FALSE(SamplesFromEvidence(
      nlohmann::json::parse(R"({"timings": {"a": {"wall_ns":[1],"cpu_ns":[1],"threads":[0]}}})"),
      &problem));
  EXPECT_NE(problem.find("thread count of 0"), std::string::npos) << problem;
  EXPECT_FALSE(SamplesFromEvidence(
      nlohmann::json::parse(R"({"timings": {"a": {"wall_ns":[0],"cpu_ns":[0],"threads":[3]}}})"),
      &problem));
  EXPECT_NE(problem.find("measured no time at 3 threads"), std::string::npos) << problem;
}

TEST(AvailableCoresTest, CgroupQuotas) {
  EXPECT_EQ(QuotaFromCpuMax("max 100000"), std::nullopt);
  EXPECT_DOUBLE_EQ(*QuotaFromCpuMax("150000 100000"), 1.5);
  EXPECT_DOUBLE_EQ(*QuotaFromCpuMax("200000"), 2.0);  // the period defaults to 100000
  EXPECT_EQ(QuotaFromCpuMax(""), std::nullopt);
  EXPECT_EQ(QuotaFromCfs("-1", "100000"), std::nullopt);
  EXPECT_DOUBLE_EQ(*QuotaFromCfs("400000", "100000"), 4.0);
  EXPECT_EQ(QuotaFromCfs("garbage", "100000"), std::nullopt);
}

TEST(AvailableCoresTest, NeverMoreThanTheAffinityAllows) {
  const CoreCount count = AvailableCores();
  EXPECT_GE(count.cores, 1u);
  EXPECT_LE(count.cores, count.affinity);
  if (count.quota) {
    EXPECT_LE(count.cores, static_cast<unsigned>(*count.quota + 1));
  }
}

}  // namespace
}  // namespace grader
