// The grader as a user runs it: validate, check, reports and exit statuses.
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "e2e_util.h"

namespace grader::e2e {
namespace {

std::string Root(const std::string& relative) { return (ProjectRoot() / relative).string(); }

TEST(CheckTest, RelativeCacheAndWorkFoldersWork) {
  // The compiler and linker run inside the workspace: folders given relative to where the
  // grader was started must still be found from there.
  TempDir here;
  SubprocessOptions options;
  options.argv = {GRADER_BINARY, "--no-color", "--cache-dir", "cache", "--work-dir", "work",
                  "check", "sum", Root("reference/sum")};
  options.cwd = here.path();
  options.wall_timeout = std::chrono::minutes(5);
  const SubprocessResult process = RunSubprocess(options);
  EXPECT_EQ(process.status.code, 0) << process.out << process.err;
  EXPECT_TRUE(std::filesystem::is_directory(here.path() / "cache")) << process.out;
}

TEST(CheckTest, CounterReferenceScoresFullMarks) {
  SubprocessResult process;
  const auto result = CheckJson("counter", Root("reference/counter"), &process);
  ASSERT_FALSE(result.is_null()) << process.err;
  EXPECT_EQ(process.status.code, 0) << process.out;
  EXPECT_EQ(result["schema"], "grader-result/1");
  EXPECT_EQ(result["score"], 100);
  EXPECT_EQ(result["max_score"], 100);
  for (const auto& test : result["tests"]) {
    EXPECT_EQ(test["verdict"], "ok") << test.dump();
    // ThreadSanitizer builds too, under the spec's 512 MiB limit on the whole tree.
    EXPECT_NE(test["evidence"]["limits_backend"], "") << test.dump();
    EXPECT_LT(test["evidence"]["memory_peak_bytes"].get<std::uint64_t>(), 512u << 20);
  }
}

TEST(CheckTest, PlainLongLongIsDataRaceNamingTheStudentsLine) {
  SubprocessResult process;
  const auto result = CheckJson("counter", Root("reference/counter/bad/plain-long-long"),
                                &process, {"--test", "exact-total"});
  ASSERT_FALSE(result.is_null()) << process.err;
  EXPECT_EQ(process.status.code, 1);
  const auto* test = FindTest(result, "exact-total");
  ASSERT_NE(test, nullptr);
  EXPECT_EQ((*test)["verdict"], "data-race");
  // File, line and the variable, in the one-line message.
  EXPECT_TRUE(std::regex_search((*test)["message"].get<std::string>(),
                                std::regex(R"(^data race on count_: thread T\d+ (reads|writes) it at counter\.hpp:\d+ in Counter::)")))
      << (*test)["message"];
  EXPECT_NE((*test)["reproduce"].get<std::string>().find("--seed"), std::string::npos);
  const auto& finding = (*test)["evidence"]["findings"][0];
  EXPECT_EQ(finding["kind"], "data-race");
  EXPECT_EQ(finding["variable"], "count_");
  EXPECT_EQ(finding["sections"][0]["student_frame"]["file"], "counter.hpp");
  // The schedule-chaos wrappers never show.
  EXPECT_EQ(test->dump().find("chaos_runtime"), std::string::npos);
}

TEST(CheckTest, AllRunsCollapsesTheSameRaceIntoOneFindingWithACount) {
  SubprocessResult process;
  const auto result = CheckJson("counter", Root("reference/counter/bad/plain-long-long"),
                                &process, {"--test", "exact-total", "--all-runs"});
  ASSERT_FALSE(result.is_null()) << process.err;
  const auto* test = FindTest(result, "exact-total");
  ASSERT_NE(test, nullptr);
  EXPECT_EQ((*test)["verdict"], "data-race");
  EXPECT_EQ((*test)["runs"], 6);  // 3 thread counts x 2 CPU counts, none skipped
  const int failing = (*test)["evidence"]["failing_runs"];
  EXPECT_GE(failing, 5) << test->dump();
  int reported = 0;
  for (const auto& finding : (*test)["evidence"]["findings"]) reported += finding["count"].get<int>();
  EXPECT_EQ(reported, failing);  // one report per failing run (halt_on_error)
  EXPECT_LT((*test)["evidence"]["findings"].size(), static_cast<std::size_t>(failing))
      << "the same places must collapse: " << test->dump();
}

// parallel_sum's release-stress needs thread-safety (spec `needs`): when ThreadSanitizer
// proves the race, the -O2 runs that would show it only sometimes are not run, and the test
// takes the race's verdict with no points, in every grading alike.
TEST(CheckTest, TestWhoseNeedFailedIsNotRunAndTakesItsVerdict) {
  SubprocessResult process;
  const auto result =
      CheckJson("parallel_sum", Root("reference/parallel_sum/bad/racy-total"), &process,
                {"--test", "thread-safety", "--test", "release-stress", "--seed", "11"});
  ASSERT_FALSE(result.is_null()) << process.err;
  EXPECT_EQ(process.status.code, 1);
  const auto* need = FindTest(result, "thread-safety");
  const auto* test = FindTest(result, "release-stress");
  ASSERT_NE(need, nullptr);
  ASSERT_NE(test, nullptr);
  EXPECT_EQ((*need)["verdict"], "data-race") << need->dump();
  EXPECT_EQ((*test)["verdict"], "data-race") << test->dump();
  EXPECT_EQ((*test)["score"], 0);
  EXPECT_EQ((*test)["max_score"], 15);
  EXPECT_EQ((*test)["runs"], 0);
  EXPECT_EQ((*test)["message"],
            "not run: this test counts once test 'thread-safety' passes, and it failed "
            "(data-race); fix that first");
  EXPECT_EQ((*test)["evidence"]["not_run"]["needs"], "thread-safety");
  EXPECT_EQ((*test)["reproduce"], (*need)["reproduce"]);
  EXPECT_NE((*test)["reproduce"].get<std::string>().find("--test thread-safety"),
            std::string::npos)
      << (*test)["reproduce"];
  EXPECT_EQ(result["score"], 0);

  // Asked for alone, the test runs: its need was not part of this grading.
  const auto alone =
      CheckJson("parallel_sum", Root("reference/parallel_sum/bad/racy-total"), &process,
                {"--test", "release-stress", "--seed", "11"});
  ASSERT_FALSE(alone.is_null()) << process.err;
  const auto* ran = FindTest(alone, "release-stress");
  ASSERT_NE(ran, nullptr);
  EXPECT_GE((*ran)["runs"], 1) << ran->dump();
  EXPECT_FALSE((*ran)["evidence"].contains("not_run")) << ran->dump();
}

TEST(CheckTest, SelfDeadlockShowsTheLineInDoIfRed) {
  SubprocessResult process;
  const auto result = CheckJson("colored_point", Root("reference/colored_point/bad/plain-mutex"),
                                &process, {"--test", "basics"});
  ASSERT_FALSE(result.is_null()) << process.err;
  const auto* test = FindTest(result, "basics");
  ASSERT_NE(test, nullptr);
  EXPECT_EQ((*test)["verdict"], "deadlock");
  EXPECT_TRUE(std::regex_search(
      (*test)["message"].get<std::string>(),
      std::regex(R"(waits in pthread_mutex_lock at colored_point\.hpp:\d+ in Point::get, called from colored_point\.hpp:\d+ in ColoredPoint::do_if_red)")))
      << (*test)["message"];
}

// The two per-element cases take minutes; SpeedTest.MutexPerElement* covers the rule that
// judges the one stopped at its time limit.
TEST(CheckTest, BadSumIsCompileErrorQuotingTheCompiler) {
  SubprocessResult process;
  const auto result = CheckJson("sum", Root("reference/sum/bad/bad-sum"), &process);
  ASSERT_FALSE(result.is_null()) << process.err;
  EXPECT_EQ(process.status.code, 1);
  for (const auto& test : result["tests"]) {
    EXPECT_EQ(test["verdict"], "compile-error");
    const std::string details = test["details"];
    EXPECT_TRUE(std::regex_search(details,
                                  std::regex(R"(sum\.cpp:\d+:\d+: error: 'cin' is not a member)")))
        << details;
    EXPECT_EQ(details.find("/submission"), std::string::npos) << details;
  }
}

// Any process whose command line mentions a workspace's built program.
int CountLeftoverPrograms() {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream in(entry.path() / "cmdline");
    std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    count += cmdline.find(".grader/release/program") != std::string::npos;
  }
  return count;
}

TEST(CheckTest, InfiniteLoopIsTimeLimitWithinLimitAndLeavesNoProcess) {
  SubprocessResult process;
  const auto start = std::chrono::steady_clock::now();
  const auto result = CheckJson("sum", Root("reference/sum/bad/infinite-loop"), &process,
                                {"--test", "two-and-three"});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(result.is_null()) << process.err;
  const auto* test = FindTest(result, "two-and-three");
  ASSERT_NE(test, nullptr);
  EXPECT_EQ((*test)["verdict"], "time-limit");
  // The spec's limit is 2 s: the run ends at it, and the whole grading soon after.
  EXPECT_LT((*test)["evidence"]["wall_ms"].get<int>(), 3000);
  EXPECT_LT(elapsed, std::chrono::seconds(20));
  // CTest runs another test beside this one, and gradings of `sum` there run programs of the
  // same name for a moment: wait for those to end. A program this grading left behind loops
  // forever and is still counted after the wait.
  int left = CountLeftoverPrograms();
  for (int waited = 0; left > 0 && waited < 100; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    left = CountLeftoverPrograms();
  }
  EXPECT_EQ(left, 0);
}

TEST(CheckTest, GradescopeResultsHaveScoreAndTests) {
  TempDir out;
  const auto file = out.path() / "results.json";
  const SubprocessResult process = RunGrader(
      {"check", "sum", Root("reference/sum/bad/int-overflow"), "--gradescope", file.string()});
  EXPECT_EQ(process.status.code, 1) << process.err;
  std::ifstream in(file);
  const auto results = nlohmann::json::parse(in);
  EXPECT_EQ(results["score"], 50);
  ASSERT_EQ(results["tests"].size(), 5u);
  EXPECT_EQ(results["tests"][0]["status"], "passed");
  EXPECT_EQ(results["tests"][3]["status"], "failed");
  EXPECT_EQ(results["tests"][3]["max_score"], 25);
}

TEST(CheckTest, MissingSubmittedFileExitsTwoNamingIt) {
  TempDir empty;
  const SubprocessResult process = RunGrader({"check", "counter", empty.path().string()});
  EXPECT_EQ(process.status.code, 2);
  EXPECT_NE(process.err.find((empty.path() / "counter.hpp").string()), std::string::npos)
      << process.err;
  EXPECT_NE(process.err.find("missing"), std::string::npos) << process.err;
}

TEST(CheckTest, UnknownExerciseExitsTwoListingKnownOnes) {
  const SubprocessResult process = RunGrader({"check", "countr", "."});
  EXPECT_EQ(process.status.code, 2);
  EXPECT_NE(process.err.find("unknown exercise 'countr'"), std::string::npos) << process.err;
  EXPECT_NE(process.err.find("counter"), std::string::npos) << process.err;
}

TEST(CheckSpecTest, BadSpecExitsTwoWithFileLineColumn) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "sum");
  std::filesystem::copy(Root("specs/sum"), dir.path() / "sum",
                        std::filesystem::copy_options::recursive);
  {
    std::ofstream spec(dir.path() / "sum" / "spec.yaml", std::ios::app);
    spec << "timout: 3s\n";
  }
  const auto file = (dir.path() / "sum" / "spec.yaml").string();
  const SubprocessResult process = RunGrader({"check-spec", file});
  EXPECT_EQ(process.status.code, 2);
  EXPECT_TRUE(std::regex_search(process.err, std::regex(file + R"(:\d+:1: unknown key 'timout')")))
      << process.err;
}

TEST(ListTest, ListsEveryExerciseWithPoints) {
  const SubprocessResult process = RunGrader({"list"});
  EXPECT_EQ(process.status.code, 0);
  EXPECT_TRUE(std::regex_search(process.out, std::regex(R"(counter +100 points)"))) << process.out;
  EXPECT_TRUE(std::regex_search(process.out, std::regex(R"(sum +100 points)"))) << process.out;
}

}  // namespace
}  // namespace grader::e2e
