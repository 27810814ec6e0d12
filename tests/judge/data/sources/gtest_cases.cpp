// A tiny GoogleTest program whose JSON output (--gtest_output=json) the judge reads.
#include <stdexcept>

#include <gtest/gtest.h>

int Twice(int x) { return x + x + (x == 3 ? 1 : 0); }

TEST(Passing, TwiceOfTwo) { EXPECT_EQ(Twice(2), 4); }

TEST(Passing, DISABLED_NotRun) { EXPECT_EQ(Twice(3), 6); }

TEST(Failing, AddFailure) { ADD_FAILURE() << "the total was 1999, expected 2000"; }

TEST(Failing, ExpectEq) { EXPECT_EQ(Twice(3), 6); }

TEST(Throwing, Throws) { throw std::runtime_error("the queue was closed twice"); }
