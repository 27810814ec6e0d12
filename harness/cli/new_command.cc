#include "cli/new_command.h"

#include <algorithm>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "common/error.h"
#include "scaffold/exercise_names.h"
#include "scaffold/scaffold_files.h"
#include "scaffold/scaffold_writer.h"

namespace grader {
namespace {

namespace fs = std::filesystem;

// The file list: each file relative to the root, and what it is for.
void PrintFiles(const ScaffoldLayout& layout, const std::string& exercise,
                const std::vector<ScaffoldFile>& files) {
  std::vector<std::string> paths;
  for (const ScaffoldFile& file : files) {
    const fs::path path = layout.Folder(file.area, exercise) / file.path;
    paths.push_back(path.lexically_relative(layout.root()).string());
  }
  std::size_t width = 0;
  for (const std::string& path : paths) width = std::max(width, path.size());
  fmt::print("in {}:\n", layout.root().string());
  for (std::size_t i = 0; i < files.size(); ++i) {
    fmt::print("  {:<{}}  {}\n", paths[i], width, files[i].purpose);
  }
}

void PrintNextSteps(const ScaffoldLayout& layout, const ExerciseNames& names,
                    bool needs_specs_option) {
  const std::string& name = names.exercise;
  const std::string spec = layout.specs_dir().filename().string() + "/" + name;
  const std::string exercise = "exercises/" + name;
  const std::string reference = "reference/" + name;
  const std::string specs_option =
      needs_specs_option ? fmt::format(" --specs {}", layout.specs_dir().string()) : "";
  std::vector<std::string> rows = {"\"reference full marks\""};
  for (const ScaffoldKnownBad& bad : ScaffoldKnownBadCases()) {
    rows.push_back(fmt::format("\"{} {}\"", bad.name, bad.verdict));
  }
  fmt::print(
      "next steps (docs/spec-reference.md, \"Adding an exercise\"):\n"
      "  1. Define the API: the skeleton {ex}/{name}.hpp and its README.md;\n"
      "     the same calls in the adapter ({spec}/include/) and the glue ({spec}/glue/).\n"
      "  2. Write the hidden tests in {spec}/driver/, and in {spec}/spec.yaml\n"
      "     one test per graded behaviour (gtest_filter, points, flavor, threads); then the\n"
      "     public tests and the README's grading table.\n"
      "  3. Solve it in {ref}/, and for each mistake the tests must catch add\n"
      "     {ref}/bad/<case>/ with its files and an expected.yaml.\n"
      "  4. grader check-spec {spec_file}\n"
      "  5. grader{specs} validate {name}\n"
      "  6. CI validates every exercise in the project's specs/ (tests/e2e/validate_test.cc)\n"
      "     and fails until its rows are listed there; add to Expected():\n"
      "       {{\"{name}\", {{{{{rows}}}}}}},\n",
      fmt::arg("ex", exercise), fmt::arg("name", name), fmt::arg("spec", spec),
      fmt::arg("ref", reference),
      fmt::arg("spec_file", (layout.Folder(ScaffoldArea::kSpec, name) / "spec.yaml").string()),
      fmt::arg("specs", specs_option), fmt::arg("rows", fmt::join(rows, ", ")));
}

}  // namespace

CLI::App* AddNewSubcommand(CLI::App& app, NewCommandOptions& options) {
  CLI::App* command = app.add_subcommand(
      "new", "scaffold a new exercise (spec, driver, student folder, reference, known-bad)");
  command->add_option("name", options.exercise, "the exercise's name: a-z, 0-9 and '_'")
      ->required();
  command
      ->add_option("--dir", options.root,
                   "ROOT: write ROOT/specs/NAME, ROOT/exercises/NAME, ROOT/reference/NAME "
                   "(default: beside the specs folder)")
      ->check(CLI::ExistingDirectory);
  return command;
}

int RunNew(const CommonOptions& common, const NewCommandOptions& options) {
  const ExerciseNames names = MakeExerciseNames(options.exercise);
  if (!options.root.empty() && options.specs_given) {
    throw InputError(
        "--dir ROOT and --specs DIR both say where the exercise goes: give one (with --specs "
        "DIR, exercises/ and reference/ go beside DIR)");
  }
  const ScaffoldLayout layout(options.root.empty() ? common.specs_dir : options.root / "specs");
  const std::vector<ScaffoldFile> files = ScaffoldFiles(names);
  WriteScaffold(layout, names.exercise, files);

  fmt::print("created the exercise '{}' (class {} in {}.hpp); it validates as generated\n",
             names.exercise, names.class_name, names.exercise);
  PrintFiles(layout, names.exercise, files);
  const ScaffoldLayout project(fs::path(GRADER_PROJECT_ROOT) / "specs");
  PrintNextSteps(layout, names, layout.specs_dir() != project.specs_dir());
  return kExitFullScore;
}

}  // namespace grader
