// The exercise `grader new` writes: its files, filled in, and a spec the loader accepts
// with the tests, points and known-bad cases the scaffold promises.
#include "scaffold/scaffold_files.h"

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scaffold/scaffold_writer.h"
#include "scaffold_test_support.h"
#include "spec/solution_cases.h"
#include "spec/spec_loader.h"

namespace grader {
namespace {

using scaffold_test::ReadFile;
using scaffold_test::ScratchDir;

std::vector<std::string> Paths(const std::vector<ScaffoldFile>& files, ScaffoldArea area) {
  std::vector<std::string> paths;
  for (const ScaffoldFile& file : files) {
    if (file.area == area) paths.push_back(file.path.string());
  }
  return paths;
}

const ScaffoldFile& Find(const std::vector<ScaffoldFile>& files, ScaffoldArea area,
                         const std::string& path) {
  const auto file = std::find_if(files.begin(), files.end(), [&](const ScaffoldFile& f) {
    return f.area == area && f.path == path;
  });
  if (file == files.end()) throw std::runtime_error("no file " + path);
  return *file;
}

TEST(ScaffoldFilesTest, AnApiExerciseInThreeFolders) {
  const auto files = ScaffoldFiles(MakeExerciseNames("demo_ex"));
  EXPECT_EQ(Paths(files, ScaffoldArea::kSpec),
            (std::vector<std::string>{"spec.yaml", "driver/demo_ex_test.cpp",
                                      "include/demo_ex_adapter.h", "glue/demo_ex_glue.cpp"}));
  EXPECT_EQ(Paths(files, ScaffoldArea::kExercise),
            (std::vector<std::string>{"README.md", "demo_ex.hpp", "public_test.cpp",
                                      "CMakeLists.txt"}));
  EXPECT_EQ(Paths(files, ScaffoldArea::kReference),
            (std::vector<std::string>{"demo_ex.hpp", "bad/add-then-read-apart/demo_ex.hpp",
                                      "bad/add-then-read-apart/expected.yaml",
                                      "bad/unlocked-update/demo_ex.hpp",
                                      "bad/unlocked-update/expected.yaml"}));
  for (const ScaffoldFile& file : files) EXPECT_FALSE(file.purpose.empty()) << file.path;
}

TEST(ScaffoldFilesTest, EveryPlaceholderIsFilledWithTheExercisesNames) {
  const auto files = ScaffoldFiles(MakeExerciseNames("ticket_box"));
  const std::regex placeholder("@[A-Za-z_]+@");
  for (const ScaffoldFile& file : files) {
    EXPECT_FALSE(std::regex_search(file.text, placeholder)) << file.path;
    EXPECT_FALSE(file.text.empty()) << file.path;
  }
  EXPECT_NE(Find(files, ScaffoldArea::kExercise, "ticket_box.hpp").text.find("class TicketBox {"),
            std::string::npos);
  EXPECT_NE(Find(files, ScaffoldArea::kSpec, "glue/ticket_box_glue.cpp")
                .text.find("#include \"ticket_box.hpp\""),
            std::string::npos);
  EXPECT_NE(Find(files, ScaffoldArea::kSpec, "include/ticket_box_adapter.h")
                .text.find("namespace ticket_box_adapter {"),
            std::string::npos);
  EXPECT_NE(Find(files, ScaffoldArea::kExercise, "CMakeLists.txt").text.find("TICKET_BOX_DIR"),
            std::string::npos);
}

TEST(ScaffoldFilesTest, EveryLineOfTheSpecIsCommented) {
  const auto files = ScaffoldFiles(MakeExerciseNames("demo_ex"));
  const std::string& spec = Find(files, ScaffoldArea::kSpec, "spec.yaml").text;
  std::size_t start = 0;
  int lines = 0;
  while (start < spec.size()) {
    const std::size_t end = spec.find('\n', start);
    const std::string line = spec.substr(start, end - start);
    EXPECT_NE(line.find('#'), std::string::npos) << "no comment: " << line;
    start = end + 1;
    ++lines;
  }
  EXPECT_GT(lines, 30);
}

// Written and loaded as `grader check-spec` would: the spec, its paths and its known-bad
// cases are valid, and hold what the README and ScaffoldKnownBadCases() say.
TEST(ScaffoldFilesTest, TheSpecLoadsWithItsTestsPointsAndKnownBadCases) {
  ScratchDir root;
  ASSERT_FALSE(root.path().empty());
  const ExerciseNames names = MakeExerciseNames("demo_ex");
  WriteScaffold(ScaffoldLayout(root.path() / "specs"), names.exercise, ScaffoldFiles(names));
  const ExerciseSpec spec = LoadSpec(root.path() / "specs/demo_ex/spec.yaml");
  EXPECT_EQ(spec.name, "demo_ex");
  EXPECT_EQ(spec.kind, ExerciseKind::kApi);
  EXPECT_EQ(spec.submit_required, std::vector<std::string>{"demo_ex.hpp"});
  EXPECT_EQ(spec.reference, root.path() / "reference/demo_ex");
  EXPECT_DOUBLE_EQ(spec.MaxScore(), 100);
  ASSERT_EQ(spec.tests.size(), 2u);
  EXPECT_EQ(spec.tests[0].name, "basics");
  EXPECT_EQ(spec.tests[0].visibility, Visibility::kVisible);
  EXPECT_EQ(spec.tests[0].flavor, Flavor::kAsan);
  EXPECT_EQ(spec.tests[1].name, "stress");
  EXPECT_EQ(spec.tests[1].visibility, Visibility::kHidden);
  EXPECT_EQ(spec.tests[1].flavor, Flavor::kTsan);
  EXPECT_EQ(spec.tests[1].threads, (std::vector<unsigned>{2, 4}));
  EXPECT_EQ(spec.tests[1].repeat, 2);

  const std::vector<KnownBadCase> cases = LoadKnownBadCases(spec);
  const std::vector<ScaffoldKnownBad> promised = ScaffoldKnownBadCases();
  ASSERT_EQ(cases.size(), promised.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(cases[i].name, promised[i].name);
    EXPECT_EQ(VerdictName(cases[i].expected), promised[i].verdict) << cases[i].name;
    EXPECT_EQ(ReadFile(cases[i].dir / "demo_ex.hpp").find("@"), std::string::npos);
  }
}

}  // namespace
}  // namespace grader
