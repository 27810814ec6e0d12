// The import report as text and as JSON, and what makes an import complete.
#include "intake/import_report.h"

#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace grader {
namespace {

ImportReport SampleReport() {
  ImportReport report;
  report.format = "zips";
  report.source = "exports/hw3";
  report.root = "submissions";
  report.exercises = {"counter", "sum"};
  report.not_inputs = {"grades.csv"};
  InputImport jane;
  jane.input = "Jane Doe_1_assignsubmission_file_hw3.zip";
  jane.student = "jane-doe_1";
  jane.imported = true;
  jane.exercises.push_back({"counter", true, "hw3/counter", {"counter.hpp"}, ""});
  jane.exercises.push_back({"sum", false, "", {}, "'sum/' has no sum.cpp"});
  jane.refused.push_back({"../evil", "path with '..' (entries must stay inside the archive)"});
  jane.ignored_files = 2;
  InputImport flood;
  flood.input = "flood.zip";
  flood.student = "flood";
  flood.reason = "flood.zip: entry 'junk/9999': more than 10000 entries";
  flood.absent = {"counter", "sum"};
  report.inputs = {jane, flood};
  return report;
}

TEST(ImportReportTest, CountsAndCompleteness) {
  ImportReport report = SampleReport();
  EXPECT_EQ(report.ImportedInputs(), 1);
  EXPECT_EQ(report.SkippedInputs(), 1);
  EXPECT_EQ(report.SkippedExercises(), 1);
  EXPECT_FALSE(report.Complete());
  report.inputs.pop_back();
  EXPECT_FALSE(report.Complete());  // an exercise was skipped
  report.inputs[0].exercises.pop_back();
  EXPECT_TRUE(report.Complete());  // refused entries alone do not make it incomplete
}

TEST(ImportReportTest, TextNamesEveryInputExerciseAndReason) {
  std::ostringstream out;
  WriteImportReportText(SampleReport(), out);
  EXPECT_EQ(out.str(),
            "import of zips from exports/hw3 into submissions (exercises: counter, sum)\n"
            "jane-doe_1           Jane Doe_1_assignsubmission_file_hw3.zip\n"
            "    counter          imported  counter.hpp (from hw3/counter/)\n"
            "    sum              skipped   'sum/' has no sum.cpp\n"
            "    refused          entry '../evil': path with '..' (entries must stay inside "
            "the archive)\n"
            "    ignored          2 other files\n"
            "flood                flood.zip\n"
            "    NOT IMPORTED     flood.zip: entry 'junk/9999': more than 10000 entries\n"
            "-                    grades.csv (not a zip file; ignored)\n"
            "1 of 2 inputs imported, 1 skipped, 1 exercise skipped; report: "
            "submissions/import-report.json\n");
}

TEST(ImportReportTest, JsonHoldsTheSameFacts) {
  std::ostringstream out;
  WriteImportReportJson(SampleReport(), out);
  const auto json = nlohmann::json::parse(out.str());
  EXPECT_EQ(json["schema"], "grader-import/1");
  EXPECT_EQ(json["skipped_exercises"], 1);
  EXPECT_EQ(json["not_inputs"][0], "grades.csv");
  EXPECT_FALSE(json.contains("prefix"));
  const auto& jane = json["inputs"][0];
  EXPECT_EQ(jane["status"], "imported");
  EXPECT_FALSE(jane.contains("reason"));
  EXPECT_EQ(jane["exercises"][1]["status"], "skipped");
  EXPECT_EQ(jane["exercises"][1]["reason"], "'sum/' has no sum.cpp");
  EXPECT_FALSE(jane["exercises"][1].contains("files"));
  EXPECT_EQ(jane["ignored_files"], 2);
  const auto& flood = json["inputs"][1];
  EXPECT_EQ(flood["status"], "skipped");
  EXPECT_EQ(flood["reason"], "flood.zip: entry 'junk/9999': more than 10000 entries");
  EXPECT_EQ(flood["absent"], (nlohmann::json{"counter", "sum"}));
  EXPECT_EQ(out.str().find("\"schema\""), 4u);  // the first key
}

TEST(ImportReportTest, InvalidUtf8NamesDoNotBreakTheJson) {
  ImportReport report = SampleReport();
  report.inputs[0].refused.push_back({"bad\xff\xfename", "symbolic link"});
  std::ostringstream out;
  EXPECT_NO_THROW(WriteImportReportJson(report, out));
  const auto json = nlohmann::json::parse(out.str());
  EXPECT_EQ(json["inputs"][0]["refused"][1]["entry"], "bad\xef\xbf\xbd\xef\xbf\xbdname");
}

}  // namespace
}  // namespace grader
