// The test programs' main(): the per-run token, finding the framed report in what came
// through the result channel, and the real main() compiled with a tiny GoogleTest test and
// run the way the harness runs test programs.
#include "build/driver_main.h"

#include <cctype>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "build/flavor.h"
#include "build/object_cache.h"
#include "build_test_util.h"
#include "process/subprocess.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::Contains;
using testing::HostToolchain;
using testing::LacksText;
using testing::TempDir;
using testing::WriteFile;

constexpr char kToken[] = "0123456789abcdef0123456789abcdef";

std::string Frame(const std::string& report, const std::string& token = kToken) {
  return token + "\n" + report + "\n" + token + "\n";
}

TEST(NewResultTokenTest, IsThirtyTwoHexDigits) {
  const std::string token = NewResultToken();
  EXPECT_EQ(token.size(), 32u);
  for (char c : token) {
    EXPECT_TRUE(std::isxdigit(static_cast<unsigned char>(c))) << token;
  }
}

TEST(NewResultTokenTest, TwoTokensDiffer) {
  EXPECT_NE(NewResultToken(), NewResultToken());
}

TEST(ExtractReportTest, ReturnsTheTextBetweenTheTokenLines) {
  EXPECT_EQ(ExtractReport(Frame("{\"testsuites\":[]}"), kToken), "{\"testsuites\":[]}");
}

TEST(ExtractReportTest, KeepsTheLinesOfAMultiLineReport) {
  EXPECT_EQ(ExtractReport(Frame("first\nsecond\n\nfourth"), kToken),
            "first\nsecond\n\nfourth");
}

TEST(ExtractReportTest, IgnoresGarbageBeforeAndAfterTheFrame) {
  const std::string channel =
      "student noise\nmore noise, no newline at the end? yes:\n" + Frame("{}") +
      "trailing garbage\n" + "and an unfinished line";
  EXPECT_EQ(ExtractReport(channel, kToken), "{}");
}

TEST(ExtractReportTest, EmptyChannelHasNoReport) {
  EXPECT_EQ(ExtractReport("", kToken), std::nullopt);
}

TEST(ExtractReportTest, WrongTokenFindsNoReport) {
  EXPECT_EQ(ExtractReport(Frame("{}", "ffffffffffffffffffffffffffffffff"), kToken),
            std::nullopt);
}

TEST(ExtractReportTest, MissingClosingTokenFindsNoReport) {
  EXPECT_EQ(ExtractReport(std::string(kToken) + "\n{\"testsuites\":[", kToken), std::nullopt);
}

TEST(ExtractReportTest, ClosingTokenWithoutItsNewlineFindsNoReport) {
  // A program cut off while writing the closing line has not finished its report.
  EXPECT_EQ(ExtractReport(std::string(kToken) + "\n{}\n" + kToken, kToken), std::nullopt);
}

TEST(ExtractReportTest, OpeningTokenInTheMiddleOfALineIsNotAFrame) {
  EXPECT_EQ(ExtractReport("noise " + Frame("{}"), kToken), std::nullopt);
}

TEST(ExtractReportTest, ClosingTokenInTheMiddleOfALineIsNotAFrame) {
  EXPECT_EQ(ExtractReport(std::string(kToken) + "\n{} " + kToken + "\n", kToken), std::nullopt);
}

TEST(ExtractReportTest, TokenLineWithMoreTextIsNotAFrameLine) {
  EXPECT_EQ(ExtractReport(std::string(kToken) + "x\n{}\n" + kToken + "x\n", kToken),
            std::nullopt);
}

TEST(ExtractReportTest, TokenTextInsideTheReportIsPartOfTheReport) {
  // JSON strings escape newlines, so the token in a message never stands on a line alone.
  const std::string report = std::string("{\"failure\":\"expected ") + kToken +
                             "\\n" + kToken + "\\ngot nothing\"}";
  EXPECT_EQ(ExtractReport(Frame(report), kToken), report);
}

TEST(ExtractReportTest, OnlyTheFirstFrameCounts) {
  EXPECT_EQ(ExtractReport(Frame("first") + Frame("second"), kToken), "first");
}

// "The text between the first two lines that are exactly `token`": two token lines in a row
// frame an empty report, and a third token line further on does not belong to it.
TEST(ExtractReportTest, AdjacentTokenLinesFrameAnEmptyReport) {
  const std::string token = kToken;
  EXPECT_EQ(ExtractReport(token + "\n" + token + "\n", token), std::optional<std::string>(""));
  EXPECT_EQ(ExtractReport(token + "\n" + token + "\nlater\n" + token + "\n", token),
            std::optional<std::string>(""));
}

// A tiny GoogleTest program linked with the harness's main(): one passing test, one failing
// with a message, one printing what it can find of the channel's variables, one leaving
// with _exit(0) before main() could report.
constexpr char kTinyTest[] = R"cc(#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

namespace {

// A static initialiser of the program's own code: it must no longer see the token either.
const bool token_at_static_init = std::getenv("GRADER_RESULT_TOKEN") != nullptr;

TEST(Tiny, Passes) { EXPECT_EQ(1 + 1, 2); }

TEST(Tiny, FailsWithAMessage) { EXPECT_EQ(6 * 7, 41) << "the answer drifted"; }

TEST(Tiny, PrintsWhatItSeesOfTheChannel) {
  const char* fd = std::getenv("GRADER_RESULT_FD");
  const char* token = std::getenv("GRADER_RESULT_TOKEN");
  std::printf("getenv fd: %s\n", fd != nullptr ? fd : "(unset)");
  std::printf("getenv token: %s\n", token != nullptr ? token : "(unset)");
  std::printf("token at static init: %s\n", token_at_static_init ? "yes" : "no");
  std::ifstream in("/proc/self/environ", std::ios::binary);
  std::string environ((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (char& c : environ) {
    if (c == '\0') c = '\n';
  }
  std::printf("environ:\n%send of environ\n", environ.c_str());
  const int flags = fcntl(3, F_GETFD);
  std::printf("channel close-on-exec: %s\n",
              flags >= 0 && (flags & FD_CLOEXEC) != 0 ? "yes" : "no");
}

TEST(Tiny, ExitsBeforeTheReport) {
  std::fflush(stdout);
  _exit(0);
}

}  // namespace
)cc";

// The program is built once per test process; ctest runs each case in its own process, so
// the objects come from a cache folder shared across processes, as graders on one machine
// share one.
class DriverMainProgramTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("grader-driver-main-test");
    ObjectCache cache(fs::temp_directory_path() / "grader-test-object-cache", HostToolchain());
    const fs::path source = dir_->path() / "tiny_test.cpp";
    WriteFile(source, kTinyTest);
    SubprocessOptions options;
    options.argv = {HostToolchain().cxx, "-std=c++17"};
    for (const auto& flag : FlavorFlags(Flavor::kRelease)) options.argv.push_back(flag);
    options.argv.push_back("-I" + (HostToolchain().gtest_root / "include").string());
    options.argv.push_back(source.string());
    try {
      for (const auto& object : cache.GoogleTestObjects(Flavor::kRelease)) {
        options.argv.push_back(object.string());
      }
    } catch (const std::exception& error) {
      *build_error_ = error.what();
      return;
    }
    options.argv.insert(options.argv.end(), {"-pthread", "-o", (dir_->path() / "tiny").string()});
    options.wall_timeout = std::chrono::minutes(5);
    const SubprocessResult result = RunSubprocess(options);
    if (result.status.Success()) {
      program_ = new fs::path(dir_->path() / "tiny");
    } else {
      *build_error_ = DescribeExit(result.status) + "\n" + result.err;
    }
  }

  static void TearDownTestSuite() {
    delete program_;
    program_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override { ASSERT_NE(program_, nullptr) << *build_error_; }

  // The program run as the harness runs it: the channel on descriptor 3, its number and
  // the token in the environment.
  SubprocessResult Run(const std::string& filter) const {
    SubprocessOptions options;
    options.argv = {program_->string(), "--gtest_filter=" + filter};
    options.env = std::vector<std::string>{"PATH=/usr/bin:/bin",
                                           std::string(kResultFdVariable) + "=3",
                                           std::string(kResultTokenVariable) + "=" + token_};
    options.result_channel = true;
    options.wall_timeout = std::chrono::seconds(60);
    return RunSubprocess(options);
  }

  static TempDir* dir_;
  static fs::path* program_;
  static std::string* build_error_;
  const std::string token_ = NewResultToken();
};

TempDir* DriverMainProgramTest::dir_ = nullptr;
fs::path* DriverMainProgramTest::program_ = nullptr;
std::string* DriverMainProgramTest::build_error_ = new std::string;

const nlohmann::json* FindTest(const nlohmann::json& report, const std::string& suite,
                               const std::string& name) {
  for (const auto& s : report.at("testsuites")) {
    if (s.at("name") != suite) continue;
    for (const auto& test : s.at("testsuite")) {
      if (test.at("name") == name) return &test;
    }
  }
  return nullptr;
}

TEST_F(DriverMainProgramTest, ReportsEachTestAndItsFailureThroughTheChannel) {
  const SubprocessResult run = Run("Tiny.Passes:Tiny.FailsWithAMessage");
  EXPECT_EQ(run.status.code, 1) << DescribeExit(run.status) << "\n" << run.out;

  const std::optional<std::string> text = ExtractReport(run.channel, token_);
  ASSERT_TRUE(text.has_value()) << "channel:\n" << run.channel;
  const nlohmann::json report = nlohmann::json::parse(*text);
  const nlohmann::json* passes = FindTest(report, "Tiny", "Passes");
  const nlohmann::json* fails = FindTest(report, "Tiny", "FailsWithAMessage");
  ASSERT_NE(passes, nullptr) << *text;
  ASSERT_NE(fails, nullptr) << *text;
  EXPECT_EQ(passes->at("status"), "RUN");
  EXPECT_TRUE(passes->at("failures").empty()) << *text;
  ASSERT_EQ(fails->at("failures").size(), 1u) << *text;
  const std::string failure = fails->at("failures")[0].at("failure");
  EXPECT_TRUE(Contains(failure, "tiny_test.cpp:"));
  EXPECT_TRUE(Contains(failure, "the answer drifted"));
  EXPECT_EQ(FindTest(report, "Tiny", "ExitsBeforeTheReport"), nullptr) << "filtered out";

  EXPECT_EQ(ExtractReport(run.channel, NewResultToken()), std::nullopt);
  EXPECT_TRUE(LacksText(run.out, token_));
}

TEST_F(DriverMainProgramTest, TestThatExitsEarlyLeavesNoReport) {
  const SubprocessResult run = Run("Tiny.Passes:Tiny.ExitsBeforeTheReport");
  EXPECT_TRUE(run.status.Success()) << DescribeExit(run.status) << "\n" << run.out;
  EXPECT_EQ(ExtractReport(run.channel, token_), std::nullopt) << "channel:\n" << run.channel;
}

TEST_F(DriverMainProgramTest, TestBodyCannotReadTheTokenOrTheChannelNumber) {
  const SubprocessResult run = Run("Tiny.PrintsWhatItSeesOfTheChannel");
  EXPECT_TRUE(run.status.Success()) << DescribeExit(run.status) << "\n" << run.out;
  ASSERT_TRUE(Contains(run.out, "end of environ"));
  EXPECT_TRUE(Contains(run.out, "getenv fd: (unset)"));
  EXPECT_TRUE(Contains(run.out, "getenv token: (unset)"));
  EXPECT_TRUE(Contains(run.out, "token at static init: no"));
  EXPECT_TRUE(LacksText(run.out, token_));
  EXPECT_TRUE(Contains(run.out, "channel close-on-exec: yes"));
  // The report still arrives: taking the variables away did not lose the channel.
  EXPECT_TRUE(ExtractReport(run.channel, token_).has_value()) << "channel:\n" << run.channel;
}

TEST_F(DriverMainProgramTest, RunsWithoutAChannel) {
  SubprocessOptions options;
  options.argv = {program_->string(), "--gtest_filter=Tiny.Passes"};
  options.env = std::vector<std::string>{"PATH=/usr/bin:/bin"};
  options.wall_timeout = std::chrono::seconds(60);
  const SubprocessResult run = RunSubprocess(options);
  EXPECT_TRUE(run.status.Success()) << DescribeExit(run.status) << "\n" << run.out;
  EXPECT_TRUE(Contains(run.out, "[  PASSED  ] 1 test."));
}

}  // namespace
}  // namespace grader
