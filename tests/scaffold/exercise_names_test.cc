// The names `grader new` derives from an exercise's name, and the names it refuses.
#include "scaffold/exercise_names.h"

#include <string>

#include <gtest/gtest.h>

#include "common/error.h"

namespace grader {
namespace {

TEST(ExerciseNamesTest, ClassNameCapitalisesEachPartAndDropsUnderscores) {
  const ExerciseNames names = MakeExerciseNames("demo_ex");
  EXPECT_EQ(names.exercise, "demo_ex");
  EXPECT_EQ(names.class_name, "DemoEx");
  EXPECT_EQ(names.macro_prefix, "DEMO_EX");
}

TEST(ExerciseNamesTest, DigitsStayAndStartNoNewWord) {
  EXPECT_EQ(MakeExerciseNames("queue2").class_name, "Queue2");
  EXPECT_EQ(MakeExerciseNames("x_1b").class_name, "X1b");
  EXPECT_EQ(MakeExerciseNames("x_1b").macro_prefix, "X_1B");
  EXPECT_EQ(MakeExerciseNames("a").class_name, "A");
}

TEST(ExerciseNamesTest, RepeatedAndTrailingUnderscoresAreAllowedAsTheSpecAllowsThem) {
  const ExerciseNames names = MakeExerciseNames("a__b_");
  EXPECT_EQ(names.class_name, "AB");
  EXPECT_EQ(names.macro_prefix, "A__B_");
}

TEST(ExerciseNamesTest, RefusesWhatTheSpecLoaderRefusesNamingTheRule) {
  for (const std::string name : {"", "Demo", "demoEx", "1st", "_x", "demo-ex", "demo ex",
                                 "demo.ex", "../x", "x/y", "d\xc3\xa4mo"}) {
    try {
      MakeExerciseNames(name);
      ADD_FAILURE() << "'" << name << "' was accepted";
    } catch (const InputError& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find("'" + name + "' is not an exercise name"), std::string::npos)
          << message;
      EXPECT_NE(message.find("must start with a-z and use only a-z, 0-9 and '_'"),
                std::string::npos)
          << message;
    }
  }
}

}  // namespace
}  // namespace grader
