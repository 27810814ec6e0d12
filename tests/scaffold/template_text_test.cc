// Filling templates: placeholders, comment columns of YAML lines, and a broken template.
#include "scaffold/template_text.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace grader {
namespace {

const std::vector<TemplateValue> kValues = {{"exercise", "demo_ex"}, {"Class", "DemoEx"}};

TEST(TemplateTextTest, ReplacesEveryPlaceholderOnEveryLine) {
  EXPECT_EQ(FillTemplate("class @Class@ {};\n#include \"@exercise@.hpp\"\n@Class@@exercise@\n",
                         kValues),
            "class DemoEx {};\n#include \"demo_ex.hpp\"\nDemoExdemo_ex\n");
}

TEST(TemplateTextTest, LeavesAtSignsThatAreNoPlaceholderAlone) {
  EXPECT_EQ(FillTemplate("a @ b, me@host, @@, @1@, @exercise", kValues),
            "a @ b, me@host, @@, @1@, @exercise");
}

TEST(TemplateTextTest, KeepsTheColumnOfAComment) {
  // "@exercise@" is 10 characters, "demo_ex" 7: the comment stays at column 24.
  EXPECT_EQ(FillTemplate("exercise: @exercise@    # the name\n", kValues),
            "exercise: demo_ex       # the name\n");
  EXPECT_EQ(FillTemplate("exercise: @exercise@    # the name\n",
                         {{"exercise", "a_much_longer_name"}}),
            "exercise: a_much_longer_name  # the name\n");
}

TEST(TemplateTextTest, FillsPlaceholdersInTheCommentToo) {
  EXPECT_EQ(FillTemplate("key: 1       # see @exercise@\n", kValues),
            "key: 1       # see demo_ex\n");
}

TEST(TemplateTextTest, CommentLinesAndLinesWithoutCommentsAreFilledAsTheyAre) {
  EXPECT_EQ(FillTemplate("  # about @exercise@\nname: @exercise@ # one space\n", kValues),
            "  # about demo_ex\nname: demo_ex # one space\n");
}

TEST(TemplateTextTest, KeepsAMissingFinalNewlineMissing) {
  EXPECT_EQ(FillTemplate("@Class@", kValues), "DemoEx");
  EXPECT_EQ(FillTemplate("\n\n", kValues), "\n\n");
}

TEST(TemplateTextTest, AnUnknownPlaceholderIsABugOfTheGrader) {
  try {
    FillTemplate("ok\nclass @Klass@ {};\n", kValues);
    ADD_FAILURE() << "no error";
  } catch (const InternalError& e) {
    EXPECT_NE(std::string(e.what()).find("@Klass@"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace grader
