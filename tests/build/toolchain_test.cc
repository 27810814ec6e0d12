// Toolchain::Detect with the real g++: its identity and what -march=native means here.
#include "build/toolchain.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace grader {
namespace {

TEST(ToolchainTest, NativeTargetNamesTheCpuAndIsTheSameEveryTime) {
  const Toolchain first = Toolchain::Detect("g++");
  const Toolchain second = Toolchain::Detect("g++");

  EXPECT_NE(first.version.find("g++"), std::string::npos) << first.version;
  // GCC expands -march=native into the CPU's name and its ISA extensions.
  EXPECT_NE(first.native_target.find("-msse2"), std::string::npos) << first.native_target;
  EXPECT_EQ(first.native_target.find("/tmp/"), std::string::npos) << first.native_target;
  EXPECT_EQ(first.native_target, second.native_target);
}

TEST(ToolchainTest, MissingCompilerIsAnInputErrorNamingIt) {
  try {
    Toolchain::Detect("no-such-compiler-x");
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("no-such-compiler-x"), std::string::npos);
  }
}

}  // namespace
}  // namespace grader
