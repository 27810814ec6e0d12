#include "spec/units.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace grader {
namespace {

Millis Duration(std::string_view text) {
  std::string error;
  const std::optional<Millis> value = ParseDuration(text, &error);
  EXPECT_TRUE(value.has_value()) << text << ": " << error;
  return value.value_or(Millis{-1});
}

std::string DurationError(std::string_view text) {
  std::string error;
  EXPECT_EQ(ParseDuration(text, &error), std::nullopt) << text;
  return error;
}

std::uint64_t Size(std::string_view text) {
  std::string error;
  const std::optional<std::uint64_t> value = ParseSize(text, &error);
  EXPECT_TRUE(value.has_value()) << text << ": " << error;
  return value.value_or(0);
}

std::string SizeError(std::string_view text) {
  std::string error;
  EXPECT_EQ(ParseSize(text, &error), std::nullopt) << text;
  return error;
}

TEST(UnitsTest, ParsesDurationsInEveryUnit) {
  EXPECT_EQ(Duration("500ms"), Millis{500});
  EXPECT_EQ(Duration("10s"), Millis{10'000});
  EXPECT_EQ(Duration("2m"), Millis{120'000});
  EXPECT_EQ(Duration("1h"), Millis{3'600'000});
  EXPECT_EQ(Duration("0s"), Millis{0});
}

TEST(UnitsTest, ParsesFractionsExactly) {
  EXPECT_EQ(Duration("1.5s"), Millis{1'500});
  EXPECT_EQ(Duration("0.001s"), Millis{1});
  EXPECT_EQ(Duration("1.1s"), Millis{1'100});
  EXPECT_EQ(Duration("1.25m"), Millis{75'000});
  EXPECT_EQ(Size("1.5KB"), 1'500u);
  EXPECT_EQ(Size("0.5KiB"), 512u);
  EXPECT_EQ(Size("1.5GiB"), 1'610'612'736u);
}

TEST(UnitsTest, AllowsOneSpaceBeforeTheUnit) {
  EXPECT_EQ(Duration("10 s"), Millis{10'000});
  EXPECT_EQ(Size("64 KiB"), 64 * kKiB);
}

TEST(UnitsTest, ParsesBinaryAndDecimalSizes) {
  EXPECT_EQ(Size("100B"), 100u);
  EXPECT_EQ(Size("64KiB"), 64 * kKiB);
  EXPECT_EQ(Size("512MiB"), 512 * kMiB);
  EXPECT_EQ(Size("1GiB"), kGiB);
  EXPECT_EQ(Size("1KB"), 1'000u);
  EXPECT_EQ(Size("2MB"), 2'000'000u);
  EXPECT_EQ(Size("1GB"), 1'000'000'000u);
}

TEST(UnitsTest, ABareNumberAsksForAUnit) {
  EXPECT_EQ(DurationError("10"), "needs a unit: 10ms, 10s or 10m, not '10'");
  EXPECT_EQ(SizeError("512"), "needs a unit: 512MiB, 512KiB or 512B, not '512'");
}

TEST(UnitsTest, AnUnknownUnitGetsASuggestionAndTheList) {
  EXPECT_EQ(DurationError("10sec"),
            "has an unknown unit 'sec' (did you mean 's'?); durations take ms, s, m or h");
  EXPECT_EQ(DurationError("3minutes"),
            "has an unknown unit 'minutes' (did you mean 'm'?); durations take ms, s, m or h");
  EXPECT_EQ(SizeError("512Mib"),
            "has an unknown unit 'Mib' (did you mean 'MiB'?); sizes take B, KiB, MiB, GiB "
            "(1024) or KB, MB, GB (1000)");
  EXPECT_EQ(SizeError("4K"),
            "has an unknown unit 'K' (did you mean 'KiB'?); sizes take B, KiB, MiB, GiB (1024) "
            "or KB, MB, GB (1000)");
  EXPECT_EQ(DurationError("5d"), "has an unknown unit 'd'; durations take ms, s, m or h");
}

TEST(UnitsTest, RejectsWhatIsNotANumber) {
  EXPECT_EQ(DurationError("abc"), "must be a duration such as 10s, 500ms or 2m, not 'abc'");
  EXPECT_EQ(DurationError("-1s"), "must be a duration such as 10s, 500ms or 2m, not '-1s'");
  EXPECT_EQ(DurationError("1.s"), "must be a duration such as 10s, 500ms or 2m, not '1.s'");
  EXPECT_EQ(DurationError(".5s"), "must be a duration such as 10s, 500ms or 2m, not '.5s'");
  EXPECT_EQ(DurationError(""), "must be a duration such as 10s, 500ms or 2m, not ''");
  EXPECT_EQ(SizeError("lots"), "must be a size such as 512MiB, 64KiB or 100B, not 'lots'");
}

TEST(UnitsTest, RejectsFractionsOfTheBaseUnit) {
  EXPECT_EQ(DurationError("0.5ms"), "must be a whole number of milliseconds, not '0.5ms'");
  EXPECT_EQ(SizeError("1.5B"), "must be a whole number of bytes, not '1.5B'");
}

TEST(UnitsTest, RejectsNumbersThatOverflow) {
  EXPECT_EQ(SizeError("99999999999GiB"), "is too large: '99999999999GiB'");
  EXPECT_EQ(DurationError("1234567890123456789s"), "is too large: '1234567890123456789s'");
}

TEST(UnitsTest, FormatsInTheLargestExactUnit) {
  EXPECT_EQ(FormatDuration(Millis{3'600'000}), "1h");
  EXPECT_EQ(FormatDuration(Millis{120'000}), "2m");
  EXPECT_EQ(FormatDuration(Millis{90'000}), "90s");
  EXPECT_EQ(FormatDuration(Millis{1'500}), "1500ms");
  EXPECT_EQ(FormatDuration(Millis{0}), "0ms");
  EXPECT_EQ(FormatSize(2 * kGiB), "2GiB");
  EXPECT_EQ(FormatSize(512 * kMiB), "512MiB");
  EXPECT_EQ(FormatSize(1536 * kKiB), "1536KiB");
  EXPECT_EQ(FormatSize(1'000'000), "1MB");
  EXPECT_EQ(FormatSize(100), "100B");
  EXPECT_EQ(FormatSize(0), "0B");
}

TEST(UnitsTest, FormattedValuesParseBackToThemselves) {
  for (const long long ms : {1LL, 999LL, 1'000LL, 61'000LL, 3'600'000LL, 7'260'000LL}) {
    EXPECT_EQ(Duration(FormatDuration(Millis{ms})), Millis{ms});
  }
  for (const std::uint64_t bytes : std::vector<std::uint64_t>{1, 1'000, 1'024, 1'500, 3 * kMiB,
                                                               5'000'000'000}) {
    EXPECT_EQ(Size(FormatSize(bytes)), bytes);
  }
}

}  // namespace
}  // namespace grader
