#include "spec/did_you_mean.h"

#include <array>
#include <string_view>

#include <gtest/gtest.h>

namespace grader {
namespace {

TEST(DidYouMeanTest, EditDistanceCountsEditsIgnoringCase) {
  EXPECT_EQ(EditDistance("", ""), 0u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("timout", "timeout"), 1u);
  EXPECT_EQ(EditDistance("wall-time", "wall_time"), 1u);
  EXPECT_EQ(EditDistance("MIB", "MiB"), 0u);
}

TEST(DidYouMeanTest, EditDistanceCountsATranspositionAsOneEdit) {
  EXPECT_EQ(EditDistance("tsna", "tsan"), 1u);
  EXPECT_EQ(EditDistance("pionts", "points"), 1u);
}

TEST(DidYouMeanTest, SuggestsTheClosestKey) {
  constexpr std::array<std::string_view, 3> keys = {"wall_time", "cpu_time", "memory"};
  EXPECT_EQ(DidYouMean("wall_tme", keys), "wall_time");
  EXPECT_EQ(DidYouMean("cpu-time", keys), "cpu_time");
  EXPECT_EQ(DidYouMean("memroy", keys), "memory");
}

TEST(DidYouMeanTest, SuggestsNothingForAFarWord) {
  constexpr std::array<std::string_view, 3> keys = {"wall_time", "cpu_time", "memory"};
  EXPECT_EQ(DidYouMean("colour", keys), std::nullopt);
  EXPECT_EQ(DidYouMean("ab", std::array<std::string_view, 1>{"xy"}), std::nullopt);
  EXPECT_EQ(DidYouMean("d", std::array<std::string_view, 1>{"s"}), std::nullopt);
  EXPECT_EQ(DidYouMean("us", std::array<std::string_view, 1>{"ms"}), "ms");
}

TEST(DidYouMeanTest, AnAliasSuggestsTheKeyItStandsFor) {
  constexpr std::array<Suggestion, 2> candidates = {{{"wall_time", "wall_time"},
                                                     {"timeout", "wall_time"}}};
  EXPECT_EQ(DidYouMean("timout", candidates), "wall_time");
}

TEST(DidYouMeanTest, TiesGoToTheEarlierCandidate) {
  EXPECT_EQ(DidYouMean("c++21", std::array<std::string_view, 2>{"c++20", "c++11"}), "c++20");
  EXPECT_EQ(DidYouMean("c++21", std::array<std::string_view, 2>{"c++11", "c++20"}), "c++11");
}

TEST(DidYouMeanTest, SuffixIsReadyToAppend) {
  constexpr std::array<std::string_view, 2> kinds = {"program", "api"};
  EXPECT_EQ(DidYouMeanSuffix("programm", kinds), " (did you mean 'program'?)");
  EXPECT_EQ(DidYouMeanSuffix("library", kinds), "");
}

}  // namespace
}  // namespace grader
