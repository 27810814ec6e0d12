// Reading what runs measured, and the cgroup CPU quotas that cap the judged thread count.
#include <gtest/gtest.h>

#include "timing/available_cores.h"
#include "timing/timing_sample.h"

namespace grader {
namespace {

TEST(TimingSampleTest, TakesTheFastestRepetitionWithItsCpuTime) {
  const auto evidence = nlohmann::json::parse(
      R"({"timings": {"sum": {"wall_ns": [3000000, 2000000, 4000000],
                               "cpu_ns": [6000000, 3900000, 8000000]}}})");
  std::string problem;
  const std::optional<TimingSample> sample = SampleFromEvidence(evidence, &problem);
  ASSERT_TRUE(sample) << problem;
  EXPECT_DOUBLE_EQ(sample->wall_seconds, 0.002);
  EXPECT_DOUBLE_EQ(sample->cpu_seconds, 0.0039);
  EXPECT_EQ(sample->repetitions, 3);
  EXPECT_EQ(sample->name, "sum");
  EXPECT_EQ(sample->bytes, 0);
}

TEST(TimingSampleTest, ReadsTheBytesOfOneRepetition) {
  std::string problem;
  const auto sample = SampleFromEvidence(
      nlohmann::json::parse(
          R"({"timings": {"sum": {"wall_ns":[5],"cpu_ns":[5],"bytes":40000000}}})"),
      &problem);
  ASSERT_TRUE(sample) << problem;
  EXPECT_EQ(sample->bytes, 40e6);
  EXPECT_FALSE(SampleFromEvidence(
      nlohmann::json::parse(R"({"timings": {"sum": {"wall_ns":[5],"cpu_ns":[5],"bytes":"x"}}})"),
      &problem));
  EXPECT_NE(problem.find("has bytes \"x\", not a size"), std::string::npos) << problem;
}

TEST(TimingSampleTest, SaysWhatIsWrongWithAMeasurement) {
  std::string problem;
  EXPECT_FALSE(SampleFromEvidence(nlohmann::json::object(), &problem));
  EXPECT_NE(problem.find("exactly once; this one measured 0"), std::string::npos) << problem;
  EXPECT_FALSE(SampleFromEvidence(
      nlohmann::json::parse(R"({"timings": {"a": {"wall_ns":[1],"cpu_ns":[1]},
                                            "b": {"wall_ns":[1],"cpu_ns":[1]}}})"),
      &problem));
  EXPECT_NE(problem.find("measured 2"), std::string::npos) << problem;
  EXPECT_FALSE(SampleFromEvidence(
      nlohmann::json::parse(R"({"timings": {"a": {"wall_ns":[1, 2],"cpu_ns":[1]}}})"), &problem));
  EXPECT_NE(problem.find("is not {\"wall_ns\""), std::string::npos) << problem;
  EXPECT_FALSE(SampleFromEvidence(
      nlohmann::json::parse(R"({"timings": {"a": {"wall_ns":[0],"cpu_ns":[0]}}})"), &problem));
  EXPECT_NE(problem.find("measured no time"), std::string::npos) << problem;
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
