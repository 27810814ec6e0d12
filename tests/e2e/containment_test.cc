// A submission cannot see what it must not see: hidden drivers, references, other
// submissions and system secrets are invisible at compile time and at run time.
#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "e2e_util.h"

namespace grader::e2e {
namespace {

class ContainmentTest : public ::testing::Test {
 protected:
  void WriteSum(const std::string& source) {
    std::ofstream(submission_.path() / "sum.cpp") << source;
  }
  TempDir submission_;
};

// The program prints the sum only when none of the secrets can be opened; a visible secret
// turns into a wrong answer naming it.
TEST_F(ContainmentTest, RunTimeCannotOpenSpecsReferencesOrShadow) {
  const std::string secrets = fmt::format(
      R"("{0}/specs/counter/driver/counter_test.cpp", "{0}/reference/sum/sum.cpp",
         "{1}/sum.cpp", "/etc/shadow", "../../reference/sum/sum.cpp",
         "../../../../../../../../{0}/reference/sum/sum.cpp")",
      ProjectRoot().string(), submission_.path().string());
  WriteSum(fmt::format(R"(#include <cstdio>
int main() {{
  const char* secrets[] = {{{}}};
  for (const char* path : secrets) {{
    if (std::FILE* f = std::fopen(path, "r")) {{ std::printf("LEAK %s\n", path); return 0; }}
  }}
  long long a, b;
  if (std::scanf("%lld %lld", &a, &b) == 2) std::printf("%lld\n", a + b);
}}
)", secrets));
  SubprocessResult process;
  const auto result = CheckJson("sum", submission_.path(), &process,
                                {"--test", "two-and-three", "--test", "negatives"});
  ASSERT_FALSE(result.is_null()) << process.err;
  for (const auto& test : result["tests"]) {
    EXPECT_EQ(test["verdict"], "ok") << test.dump(2);
  }
}

TEST_F(ContainmentTest, CompileTimeAbsoluteIncludeOfHiddenDriverFails) {
  WriteSum(fmt::format("#include \"{}/specs/counter/driver/counter_test.cpp\"\nint main() {{}}\n",
                       ProjectRoot().string()));
  SubprocessResult process;
  const auto result = CheckJson("sum", submission_.path(), &process, {"--test", "two-and-three"});
  ASSERT_FALSE(result.is_null()) << process.err;
  const auto& test = result["tests"][0];
  EXPECT_EQ(test["verdict"], "compile-error");
  EXPECT_NE(test["details"].get<std::string>().find("No such file or directory"),
            std::string::npos)
      << test["details"];
}

TEST_F(ContainmentTest, CompileTimeRelativeIncludeOutsideTheSubmissionFails) {
  WriteSum(fmt::format("#include \"../../../../../../../..{}/reference/sum/sum.cpp\"\n",
                       ProjectRoot().string()));
  SubprocessResult process;
  const auto result = CheckJson("sum", submission_.path(), &process, {"--test", "two-and-three"});
  ASSERT_FALSE(result.is_null()) << process.err;
  const auto& test = result["tests"][0];
  EXPECT_EQ(test["verdict"], "compile-error");
  EXPECT_NE(test["details"].get<std::string>().find("No such file or directory"),
            std::string::npos)
      << test["details"];
}

TEST_F(ContainmentTest, SymlinkInTheSubmissionIsRefused) {
  std::filesystem::create_symlink(ProjectRoot() / "reference/sum/sum.cpp",
                                  submission_.path() / "sum.cpp");
  const SubprocessResult process = RunGrader({"check", "sum", submission_.path().string()});
  EXPECT_EQ(process.status.code, 2);
  EXPECT_NE(process.err.find("symbolic link"), std::string::npos) << process.err;
}

}  // namespace
}  // namespace grader::e2e
