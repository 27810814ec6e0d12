// Flavors: their names (as specs and reports spell them) and their compiler flags.
#include "build/flavor.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "build/toolchain.h"
#include "build_test_util.h"
#include "common/error.h"

namespace grader {
namespace {

bool Has(const std::vector<std::string>& flags, const std::string& flag) {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

bool HasPrefix(const std::vector<std::string>& flags, const std::string& prefix) {
  return std::any_of(flags.begin(), flags.end(),
                     [&](const std::string& flag) { return flag.rfind(prefix, 0) == 0; });
}

TEST(FlavorTest, NamesAreTheSpecSpellings) {
  EXPECT_EQ(FlavorName(Flavor::kTsan), "tsan");
  EXPECT_EQ(FlavorName(Flavor::kAsan), "asan");
  EXPECT_EQ(FlavorName(Flavor::kRelease), "release");
}

TEST(FlavorTest, ParseFlavorInvertsFlavorName) {
  for (Flavor flavor : {Flavor::kTsan, Flavor::kAsan, Flavor::kRelease}) {
    const auto parsed = ParseFlavor(FlavorName(flavor));
    ASSERT_TRUE(parsed.has_value()) << FlavorName(flavor);
    EXPECT_EQ(*parsed, flavor);
  }
}

TEST(FlavorTest, ParseFlavorRejectsUnknownNames) {
  EXPECT_FALSE(ParseFlavor("").has_value());
  EXPECT_FALSE(ParseFlavor("TSAN").has_value());
  EXPECT_FALSE(ParseFlavor("msan").has_value());
  EXPECT_FALSE(ParseFlavor("release ").has_value());
}

TEST(FlavorTest, TsanSanitizesThreadsOnly) {
  const auto flags = FlavorFlags(Flavor::kTsan);
  EXPECT_TRUE(Has(flags, "-fsanitize=thread"));
  EXPECT_TRUE(Has(flags, "-O1"));
  EXPECT_TRUE(Has(flags, "-g"));
  EXPECT_FALSE(HasPrefix(flags, "-fsanitize=address"));
}

TEST(FlavorTest, AsanSanitizesAddressAndUndefinedFatally) {
  const auto flags = FlavorFlags(Flavor::kAsan);
  EXPECT_TRUE(Has(flags, "-fsanitize=address,undefined"));
  EXPECT_TRUE(Has(flags, "-fno-sanitize-recover=undefined"));
  EXPECT_TRUE(Has(flags, "-O1"));
  EXPECT_TRUE(Has(flags, "-g"));
  EXPECT_FALSE(Has(flags, "-fsanitize=thread"));
}

TEST(FlavorTest, ReleaseOptimisesWithoutSanitizers) {
  const auto flags = FlavorFlags(Flavor::kRelease);
  EXPECT_TRUE(Has(flags, "-O2"));
  EXPECT_TRUE(Has(flags, "-g"));
  EXPECT_FALSE(HasPrefix(flags, "-fsanitize"));
}

TEST(FlavorTest, EveryFlavorLinksThreads) {
  for (Flavor flavor : {Flavor::kTsan, Flavor::kAsan, Flavor::kRelease}) {
    EXPECT_TRUE(Has(FlavorFlags(flavor), "-pthread")) << FlavorName(flavor);
  }
}

TEST(ToolchainTest, DetectsGccVersion) {
  const Toolchain& toolchain = testing::HostToolchain();
  EXPECT_EQ(toolchain.cxx, "g++");
  EXPECT_TRUE(testing::Contains(toolchain.version, "g++"));
  EXPECT_EQ(toolchain.version.find('\n'), std::string::npos);
}

TEST(ToolchainTest, MissingCompilerIsInputErrorNamingIt) {
  try {
    Toolchain::Detect("no-such-compiler");
    ADD_FAILURE() << "Detect succeeded";
  } catch (const InputError& error) {
    EXPECT_TRUE(testing::Contains(error.what(), "no-such-compiler"));
  }
}

TEST(ToolchainTest, CompilerThatFailsVersionIsInputError) {
  EXPECT_THROW(Toolchain::Detect("false"), InputError);
}

}  // namespace
}  // namespace grader
