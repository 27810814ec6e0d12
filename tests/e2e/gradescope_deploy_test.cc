// deploy/: the Gradescope autograder's run_autograder, run against a fake /autograder as
// Gradescope runs it, and the GitHub Actions template of student repositories.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "e2e_util.h"

extern char** environ;

namespace grader::e2e {
namespace {

namespace fs = std::filesystem;

fs::path Deploy(const std::string& relative) { return ProjectRoot() / "deploy" / relative; }

std::string ReadText(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteText(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

// This process's environment with `changes` applied (an empty value removes the variable).
std::vector<std::string> Environment(const std::map<std::string, std::string>& changes) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string variable(*entry);
    if (!changes.contains(variable.substr(0, variable.find('=')))) env.push_back(variable);
  }
  for (const auto& [name, value] : changes) {
    if (!value.empty()) env.push_back(name + "=" + value);
  }
  return env;
}

// The points of each test of specs/<exercise>/spec.yaml, by name.
std::map<std::string, double> SpecPoints(const std::string& exercise) {
  const YAML::Node spec = YAML::LoadFile((ProjectRoot() / "specs" / exercise / "spec.yaml").string());
  std::map<std::string, double> points;
  for (const auto& test : spec["tests"]) {
    points[test["name"].as<std::string>()] = test["points"].as<double>();
  }
  return points;
}

// A fake /autograder laid out as Gradescope lays it out: run_autograder copied to the root,
// the autograder zip in source/ (here exercise.conf, and the repository's specs and
// references linked in), the student's upload in submission/. The grader is the one this
// build made, with the end-to-end tests' cache.
class FakeAutograder {
 public:
  explicit FakeAutograder(const std::string& exercise) : root_(dir_.path() / "autograder") {
    fs::create_directories(root_ / "source");
    fs::create_directories(root_ / "submission");
    fs::copy_file(Deploy("gradescope/run_autograder"), root_ / "run_autograder");
    fs::create_directory_symlink(ProjectRoot() / "specs", root_ / "source" / "specs");
    fs::create_directory_symlink(ProjectRoot() / "reference", root_ / "source" / "reference");
    WriteText(root_ / "source" / "exercise.conf", "# graded by this autograder\nEXERCISE=" +
                                                     exercise + "\n");
  }

  const fs::path& root() const { return root_; }

  // Puts `from` into the upload at `relative`.
  void Submit(const std::string& relative, const fs::path& from) const {
    fs::create_directories((root_ / "submission" / relative).parent_path());
    fs::copy_file(from, root_ / "submission" / relative);
  }
  void SubmitText(const std::string& relative, const std::string& text) const {
    WriteText(root_ / "submission" / relative, text);
  }

  SubprocessResult Run(const std::string& grader_binary = GRADER_BINARY) const {
    SubprocessOptions options;
    options.argv = {(root_ / "run_autograder").string()};
    options.env = Environment({{"AUTOGRADER_ROOT", root_.string()},
                               {"GRADER_BIN", grader_binary},
                               {"GRADER_CACHE_DIR", GRADER_E2E_CACHE},
                               {"GRADER_EXERCISE", ""},
                               {"GRADER_SOURCE", ""},
                               {"GRADER_TIME_LIMIT", ""}});
    options.cwd = dir_.path();
    options.wall_timeout = std::chrono::minutes(5);
    options.stdout_cap = 8 << 20;
    return RunSubprocess(options);
  }

  // results/results.json, parsed; null when it is missing or not JSON.
  nlohmann::json Results() const {
    std::ifstream in(root_ / "results" / "results.json");
    if (!in) return nullptr;
    return nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  }

 private:
  TempDir dir_;
  fs::path root_;
};

// What every results.json must be for Gradescope: an object with a numeric score and tests
// that each have a name, a score, a max_score and an output.
void ExpectGradescopeShape(const nlohmann::json& results) {
  ASSERT_TRUE(results.is_object()) << results;
  ASSERT_TRUE(results["score"].is_number()) << results.dump(2);
  ASSERT_TRUE(results["output"].is_string()) << results.dump(2);
  ASSERT_TRUE(results["tests"].is_array()) << results.dump(2);
  for (const auto& test : results["tests"]) {
    EXPECT_TRUE(test["name"].is_string()) << test.dump(2);
    EXPECT_TRUE(test["score"].is_number()) << test.dump(2);
    EXPECT_TRUE(test["output"].is_string()) << test.dump(2);
  }
}

std::string Describe(const SubprocessResult& process) {
  return "stdout:\n" + process.out + "\nstderr:\n" + process.err;
}

// Runs the autograder (with `grader` instead of the real one when given): it must exit 0
// and leave a results.json of Gradescope's shape, which is returned (null when there is
// none, a failure already reported).
nlohmann::json RunForResults(FakeAutograder& autograder, const std::string& grader,
                             SubprocessResult* process) {
  *process = grader.empty() ? autograder.Run() : autograder.Run(grader);
  EXPECT_EQ(process->status.code, 0) << Describe(*process);
  nlohmann::json results = autograder.Results();
  if (results.is_null()) {
    ADD_FAILURE() << "no valid results.json\n" << Describe(*process);
    return results;
  }
  ExpectGradescopeShape(results);
  return results;
}

nlohmann::json RunForResults(FakeAutograder& autograder, SubprocessResult* process) {
  return RunForResults(autograder, "", process);
}

TEST(GradescopeDeployTest, ScriptsAreExecutable) {
  for (const char* script : {"gradescope/run_autograder", "gradescope/setup.sh",
                             "gradescope/make_autograder_zip.sh"}) {
    EXPECT_EQ(access(Deploy(script).c_str(), X_OK), 0) << Deploy(script) << " is not executable";
  }
}

TEST(GradescopeDeployTest, CorrectSubmissionInAFolderGetsFullScoreWithEveryTest) {
  FakeAutograder autograder("sum");
  autograder.Submit("my-solution/sum.cpp", ProjectRoot() / "reference/sum/sum.cpp");
  autograder.SubmitText("my-solution/notes.txt", "not graded\n");
  autograder.SubmitText("__MACOSX/my-solution/._sum.cpp", "resource fork\n");

  SubprocessResult process;
  const nlohmann::json results = RunForResults(autograder, &process);
  ASSERT_FALSE(results.is_null());

  const std::map<std::string, double> points = SpecPoints("sum");
  double total = 0;
  for (const auto& [name, test_points] : points) total += test_points;
  EXPECT_EQ(results["score"].get<double>(), total) << results.dump(2);
  ASSERT_EQ(results["tests"].size(), points.size()) << results.dump(2);
  for (const auto& test : results["tests"]) {
    const std::string name = test["name"].get<std::string>();
    ASSERT_TRUE(points.contains(name)) << "a test the spec does not have: " << name;
    EXPECT_EQ(test["max_score"].get<double>(), points.at(name)) << test.dump(2);
    EXPECT_EQ(test["score"].get<double>(), points.at(name)) << test.dump(2);
    EXPECT_EQ(test["status"], "passed") << test.dump(2);
    EXPECT_EQ(test["output"], "ok") << test.dump(2);
  }
  EXPECT_EQ(results["extra_data"]["exercise"], "sum");
  EXPECT_NE(process.out.find("grading my-solution/sum.cpp"), std::string::npos) << process.out;
}

TEST(GradescopeDeployTest, MissingFileGivesZeroAndNamesTheFile) {
  FakeAutograder autograder("sum");
  autograder.SubmitText("homework/Sum.cpp", "int main() {}\n");
  autograder.SubmitText("homework/README.md", "my notes\n");

  SubprocessResult process;
  const nlohmann::json results = RunForResults(autograder, &process);
  ASSERT_FALSE(results.is_null());
  EXPECT_EQ(results["score"], 0);
  const std::string output = results["output"].get<std::string>();
  EXPECT_NE(output.find("no file named sum.cpp"), std::string::npos) << output;
  // The near miss, and what was uploaded instead.
  EXPECT_NE(output.find("homework/Sum.cpp: rename it to sum.cpp"), std::string::npos) << output;
  EXPECT_NE(output.find("homework/README.md"), std::string::npos) << output;
  ASSERT_EQ(results["tests"].size(), 1u) << results.dump(2);
  EXPECT_EQ(results["tests"][0]["status"], "failed");
  EXPECT_EQ(results["tests"][0]["score"], 0);
  EXPECT_EQ(results["tests"][0]["max_score"], 100);
  EXPECT_NE(results["tests"][0]["output"].get<std::string>().find("sum.cpp"), std::string::npos);
}

TEST(GradescopeDeployTest, EmptySubmissionGivesZeroAndNamesTheFile) {
  FakeAutograder autograder("sum");
  SubprocessResult process;
  const nlohmann::json results = RunForResults(autograder, &process);
  ASSERT_FALSE(results.is_null());
  EXPECT_EQ(results["score"], 0);
  EXPECT_NE(results["output"].get<std::string>().find("no file named sum.cpp"), std::string::npos)
      << results.dump(2);
}

TEST(GradescopeDeployTest, CompileErrorShowsTheCompilersMessageInEveryTest) {
  FakeAutograder autograder("sum");
  autograder.Submit("sum.cpp", ProjectRoot() / "reference/sum/bad/bad-sum/sum.cpp");

  SubprocessResult process;
  const nlohmann::json results = RunForResults(autograder, &process);
  ASSERT_FALSE(results.is_null());
  EXPECT_EQ(results["score"], 0);
  EXPECT_EQ(results["tests"].size(), SpecPoints("sum").size()) << results.dump(2);
  for (const auto& test : results["tests"]) {
    const std::string output = test["output"].get<std::string>();
    EXPECT_EQ(test["status"], "failed") << test.dump(2);
    EXPECT_EQ(output.rfind("compile-error", 0), 0u) << output;
    // The compiler's own words, at the student's file and line, never a temporary path.
    EXPECT_NE(output.find("sum.cpp:10:10: error: 'cin' is not a member of 'std'"),
              std::string::npos) << output;
    EXPECT_EQ(output.find("/tmp/"), std::string::npos) << output;
  }
}

// A stand-in for the grader: a script in `dir` with `body`.
std::string FakeGrader(const fs::path& dir, const std::string& body) {
  const fs::path script = dir / "fake-grader";
  WriteText(script, "#!/bin/sh\n" + body);
  fs::permissions(script, fs::perms::owner_all);
  return script.string();
}

TEST(GradescopeDeployTest, GraderInternalErrorStillLeavesResultsThatSaySo) {
  FakeAutograder autograder("sum");
  autograder.Submit("sum.cpp", ProjectRoot() / "reference/sum/sum.cpp");
  const std::string grader = FakeGrader(
      autograder.root(),
      "echo 'grader: internal error (a bug of the grader, not of the submission): boom' >&2\n"
      "exit 3\n");
  SubprocessResult process;
  const nlohmann::json results = RunForResults(autograder, grader, &process);
  ASSERT_FALSE(results.is_null());
  EXPECT_EQ(results["score"], 0);
  const std::string output = results["output"].get<std::string>();
  EXPECT_NE(output.find("boom"), std::string::npos) << output;
  EXPECT_NE(output.find("not of your code"), std::string::npos) << output;
}

TEST(GradescopeDeployTest, GraderKilledBySignalStillLeavesResults) {
  FakeAutograder autograder("sum");
  autograder.Submit("sum.cpp", ProjectRoot() / "reference/sum/sum.cpp");
  const std::string grader = FakeGrader(autograder.root(), "kill -SEGV $$\n");
  SubprocessResult process;
  const nlohmann::json results = RunForResults(autograder, grader, &process);
  ASSERT_FALSE(results.is_null());
  EXPECT_EQ(results["score"], 0);
  EXPECT_NE(results["output"].get<std::string>().find("signal 11"), std::string::npos)
      << results.dump(2);
}

TEST(GradescopeDeployTest, UnusableSubmissionExitTwoPassesTheGradersMessageOn) {
  FakeAutograder autograder("sum");
  autograder.Submit("sum.cpp", ProjectRoot() / "reference/sum/sum.cpp");
  // The real grader refuses a file over the spec's 64 KiB; its message names the file
  // relative to the submission, not the autograder's temporary folder.
  autograder.SubmitText("big/sum.cpp", "int main() {}\n" + std::string(70 * 1024, '/'));
  fs::remove(autograder.root() / "submission" / "sum.cpp");
  SubprocessResult process;
  const nlohmann::json results = RunForResults(autograder, &process);
  ASSERT_FALSE(results.is_null());
  EXPECT_EQ(results["score"], 0);
  const std::string output = results["output"].get<std::string>();
  EXPECT_NE(output.find("could not be graded"), std::string::npos) << output;
  EXPECT_NE(output.find("submission/sum.cpp"), std::string::npos) << output;
  EXPECT_EQ(output.find("/tmp/"), std::string::npos) << output;
}

TEST(GradescopeDeployTest, UnknownExerciseStillLeavesResults) {
  FakeAutograder autograder("no_such_exercise");
  autograder.Submit("sum.cpp", ProjectRoot() / "reference/sum/sum.cpp");
  SubprocessResult process;
  const nlohmann::json results = RunForResults(autograder, &process);
  ASSERT_FALSE(results.is_null());
  EXPECT_EQ(results["score"], 0);
  EXPECT_NE(results["output"].get<std::string>().find("no_such_exercise"), std::string::npos)
      << results.dump(2);
}

// --- the GitHub Actions template ------------------------------------------------------------

YAML::Node Workflow() {
  return YAML::LoadFile(Deploy("github-actions/student-public-tests.yml").string());
}

// The `run` text of every step of every job.
std::vector<std::string> RunTexts(const YAML::Node& workflow) {
  std::vector<std::string> runs;
  for (const auto& job : workflow["jobs"]) {
    for (const auto& step : job.second["steps"]) {
      if (step["run"]) runs.push_back(step["run"].as<std::string>());
    }
  }
  return runs;
}

TEST(StudentWorkflowTest, RunsOnPushAndPullRequestOnUbuntuWithoutSecrets) {
  const YAML::Node workflow = Workflow();
  ASSERT_TRUE(workflow["on"].IsMap()) << "no `on:` triggers";
  EXPECT_TRUE(workflow["on"]["push"].IsDefined());
  EXPECT_TRUE(workflow["on"]["pull_request"].IsDefined());
  ASSERT_TRUE(workflow["jobs"].IsMap());
  ASSERT_GE(workflow["jobs"].size(), 1u);
  for (const auto& job : workflow["jobs"]) {
    EXPECT_EQ(job.second["runs-on"].as<std::string>(), "ubuntu-latest");
  }
  const std::string text = ReadText(Deploy("github-actions/student-public-tests.yml"));
  EXPECT_EQ(text.find("secrets."), std::string::npos) << "the template must need no secrets";
}

TEST(StudentWorkflowTest, InstallsThePackagesAndRunsThePublicTestsAsTheReadmesSay) {
  const std::vector<std::string> runs = RunTexts(Workflow());
  auto any_run_has = [&](const std::string& needle) {
    for (const std::string& run : runs) {
      if (run.find(needle) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(any_run_has("apt-get install")) << "no step installs packages";
  EXPECT_TRUE(any_run_has("libgtest-dev"));
  // exercises/<name>/README.md: cmake -S . -B build && cmake --build build &&
  // ./build/public_test, and the sanitizer builds with TSAN_OPTIONS=halt_on_error=1.
  EXPECT_TRUE(any_run_has("cmake -S . -B")) << "no step configures the public tests";
  EXPECT_TRUE(any_run_has("cmake --build"));
  EXPECT_TRUE(any_run_has("public_test"));
  EXPECT_TRUE(any_run_has("TSAN_OPTIONS=halt_on_error=1"));
  // The sanitizer builds: -D<NAME>_TSAN=ON and -D<NAME>_ASAN=ON, each in its own step.
  EXPECT_TRUE(any_run_has("public-tests.sh\" tsan"));
  EXPECT_TRUE(any_run_has("public-tests.sh\" asan"));
  // exercises/sum/README.md: g++ -std=c++20 -Wall -O2 sum.cpp -o sum, diff on tests/*.in.
  EXPECT_TRUE(any_run_has("g++ -std=c++20 -Wall -O2"));
  EXPECT_TRUE(any_run_has("public-tests.sh\" plain")) << "no step runs the public tests";
}

// The test runner the workflow writes, run on the `sum` exercise's public tests: passes the
// reference, and prints the failing test with its diff for a wrong program.
TEST(StudentWorkflowTest, TheRunnerPassesAGoodProgramAndPrintsTheFailingTest) {
  std::string prepare;
  for (const auto& job : Workflow()["jobs"]) {
    for (const auto& step : job.second["steps"]) {
      if (step["name"] && step["name"].as<std::string>() == "Prepare the test runner") {
        prepare = step["run"].as<std::string>();
      }
    }
  }
  ASSERT_FALSE(prepare.empty()) << "no step 'Prepare the test runner'";

  TempDir dir;
  const fs::path good = dir.path() / "good";
  const fs::path bad = dir.path() / "bad";
  for (const fs::path& folder : {good, bad}) {
    fs::copy(ProjectRoot() / "exercises/sum", folder, fs::copy_options::recursive);
  }
  fs::copy_file(ProjectRoot() / "reference/sum/sum.cpp", good / "sum.cpp",
                fs::copy_options::overwrite_existing);
  std::string wrong = ReadText(ProjectRoot() / "reference/sum/sum.cpp");
  const std::size_t plus = wrong.find("first + second");
  ASSERT_NE(plus, std::string::npos) << "reference/sum/sum.cpp no longer adds `first + second`";
  wrong.replace(plus, std::strlen("first + second"), "first - second");
  WriteText(bad / "sum.cpp", wrong);

  // Compiling takes the grader's timing lock shared, as the grader's own compilations do,
  // so that it never runs during a speed test.
  const char* lock_dir_env = std::getenv("GRADER_LOCK_DIR");
  const std::string lock_dir =
      lock_dir_env != nullptr && *lock_dir_env != '\0' ? lock_dir_env : "/tmp/grader-locks";
  auto run = [&](const fs::path& folder) {
    SubprocessOptions options;
    options.argv = {"bash", "-c",
                    R"(set -e
                       mkdir -p "$LOCKS"
                       exec 8>>"$LOCKS/turnstile" 9>>"$LOCKS/timing"
                       flock -x 8; flock -s 9; exec 8>&-
                       bash -e "$PREPARE"
                       "$RUNNER_TEMP/public-tests.sh" plain)"};
    WriteText(dir.path() / "prepare.sh", prepare);
    options.env = Environment({{"LOCKS", lock_dir},
                               {"PREPARE", (dir.path() / "prepare.sh").string()},
                               {"RUNNER_TEMP", dir.path().string()},
                               {"GITHUB_STEP_SUMMARY", (dir.path() / "summary.md").string()}});
    options.cwd = folder;
    options.wall_timeout = std::chrono::minutes(2);
    return RunSubprocess(options);
  };

  const SubprocessResult passed = run(good);
  EXPECT_EQ(passed.status.code, 0) << Describe(passed);
  EXPECT_NE(passed.out.find("All public tests passed."), std::string::npos) << Describe(passed);

  const SubprocessResult failed = run(bad);
  EXPECT_EQ(failed.status.code, 1) << Describe(failed);
  EXPECT_NE(failed.out.find("FAIL tests/two-and-three.in"), std::string::npos) << failed.out;
  // The message: the program's output against the expected one (2 + 3 gave -1, not 5).
  EXPECT_NE(failed.out.find("< -1"), std::string::npos) << failed.out;
  EXPECT_NE(failed.out.find("> 5"), std::string::npos) << failed.out;
  EXPECT_NE(failed.out.find("::error title=tests/two-and-three.in::"), std::string::npos)
      << failed.out;
  EXPECT_NE(ReadText(dir.path() / "summary.md").find("tests/two-and-three.in"),
            std::string::npos);
}

}  // namespace
}  // namespace grader::e2e
