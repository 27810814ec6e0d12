// The hidden driver of the adder fixture exercise.
#include <gtest/gtest.h>

#include "adder_adapter.h"

TEST(Adder, AddsSmallNumbers) { EXPECT_EQ(AdapterAdd(2, 3), 5) << "2 + 3 should be 5"; }
