// CompareOutput in its three modes, and the difference texts a student reads.
#include "judge/output_compare.h"

#include <gtest/gtest.h>

namespace grader {
namespace {

TEST(OutputCompareTest, TokensIgnoreWhitespaceLayout) {
  EXPECT_TRUE(CompareOutput("1 2 3\n", "1\n2\t 3", CompareMode::kTokens).equal);
  EXPECT_TRUE(CompareOutput("", "  \n\n", CompareMode::kTokens).equal);
  EXPECT_EQ(CompareOutput("1 2 3\n", "1 2 3\n", CompareMode::kTokens).difference, "");
}

TEST(OutputCompareTest, TokensReportFirstDifferentToken) {
  const auto result = CompareOutput("10 20 30\n", "10 21 30\n", CompareMode::kTokens);
  EXPECT_FALSE(result.equal);
  EXPECT_EQ(result.difference, "token 2: expected '20', got '21'");
}

TEST(OutputCompareTest, TokensReportMissingAndExtraOutput) {
  EXPECT_EQ(CompareOutput("1 2", "1", CompareMode::kTokens).difference,
            "token 2: expected '2', but the output ended");
  EXPECT_EQ(CompareOutput("1", "1 2", CompareMode::kTokens).difference,
            "token 2: expected the end of the output, got '2'");
  EXPECT_EQ(CompareOutput("42", "", CompareMode::kTokens).difference,
            "token 1: expected '42', but the output ended");
}

TEST(OutputCompareTest, TokensAreCaseSensitive) {
  EXPECT_FALSE(CompareOutput("Yes", "yes", CompareMode::kTokens).equal);
}

TEST(OutputCompareTest, LinesIgnoreTrailingSpaceAndTrailingEmptyLines) {
  EXPECT_TRUE(CompareOutput("a b\nc\n", "a b  \r\nc\t\n\n\n", CompareMode::kLines).equal);
  EXPECT_TRUE(CompareOutput("a\n", "a", CompareMode::kLines).equal);
}

TEST(OutputCompareTest, LinesKeepLeadingAndInnerSpace) {
  EXPECT_EQ(CompareOutput("a b\n", "a  b\n", CompareMode::kLines).difference,
            "line 1: expected 'a b', got 'a  b'");
  EXPECT_EQ(CompareOutput("x\ny\n", "x\n y\n", CompareMode::kLines).difference,
            "line 2: expected 'y', got ' y'");
}

TEST(OutputCompareTest, LinesReportMissingAndExtraLines) {
  EXPECT_EQ(CompareOutput("a\nb\n", "a\n", CompareMode::kLines).difference,
            "line 2: expected 'b', but the output ended");
  EXPECT_EQ(CompareOutput("a\n", "a\n\nb\n", CompareMode::kLines).difference,
            "line 2: expected the end of the output, got ''");
}

TEST(OutputCompareTest, ExactComparesEveryByte) {
  EXPECT_TRUE(CompareOutput("a b\n", "a b\n", CompareMode::kExact).equal);
  EXPECT_EQ(CompareOutput("a b\n", "a b", CompareMode::kExact).difference,
            "byte 4: the outputs differ from here on");
  EXPECT_EQ(CompareOutput("a b\n", "a  b\n", CompareMode::kExact).difference,
            "byte 3: the outputs differ from here on");
  EXPECT_EQ(CompareOutput("", "x", CompareMode::kExact).difference,
            "byte 1: the outputs differ from here on");
  EXPECT_FALSE(CompareOutput("a\n", "a\r\n", CompareMode::kExact).equal);
}

}  // namespace
}  // namespace grader
