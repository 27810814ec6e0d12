// The one test: answer() must return 42. The hostile cases return something else and
// attack the result channel meanwhile; any pass among them is a forged result.
#include <gtest/gtest.h>

#include "forge_adapter.h"

TEST(Forge, AnswerIs42) { EXPECT_EQ(forge_adapter::Answer(), 42); }
