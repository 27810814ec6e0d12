// ObjectCache with the real g++: trusted driver sources compiled once per content and flavor.
#include "build/object_cache.h"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "build/flavor.h"
#include "build_test_util.h"
#include "common/error.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::Contains;
using testing::HostToolchain;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

// Compiled objects and their temporaries; src/ holds the harness's own embedded sources and
// headers (<grader_driver.h>), written before any compile.
int CountRegularFiles(const fs::path& dir) {
  if (!fs::exists(dir)) return 0;
  int count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const bool embedded = entry.path().lexically_relative(dir).begin()->string() == "src";
    if (entry.is_regular_file() && !embedded) ++count;
  }
  return count;
}

class ObjectCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(include_dir_ / "answer.h", "constexpr int kAnswer = 42;\n");
    WriteFile(driver_, "#include \"answer.h\"\nint Answer() { return kAnswer; }\n");
    spec_.name = "answer";
    spec_.driver.sources = {driver_};
    spec_.driver.include_dirs = {include_dir_};
  }

  std::vector<fs::path> Objects(Flavor flavor = Flavor::kRelease) {
    return cache_.DriverObjects(spec_, flavor);
  }

  TempDir temp_;
  const fs::path cache_dir_ = temp_.path() / "cache";
  const fs::path include_dir_ = temp_.path() / "include";
  const fs::path driver_ = temp_.path() / "driver" / "answer_test.cpp";
  ExerciseSpec spec_;
  ObjectCache cache_{cache_dir_, HostToolchain()};
};

TEST_F(ObjectCacheTest, FirstCompileIsMissThenHit) {
  const auto first = Objects();
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(cache_.misses(), 1);
  EXPECT_EQ(cache_.hits(), 0);
  EXPECT_TRUE(fs::is_regular_file(first[0]));
  EXPECT_EQ(first[0].parent_path(), cache_dir_ / "release");
  EXPECT_EQ(first[0].extension(), ".o");
  EXPECT_EQ(ReadFile(first[0]).substr(0, 4), "\x7f" "ELF");

  const auto second = Objects();
  EXPECT_EQ(second, first);
  EXPECT_EQ(cache_.misses(), 1);
  EXPECT_EQ(cache_.hits(), 1);
}

TEST_F(ObjectCacheTest, DebugInformationNamesTheCacheIndependentlyOfItsFolder) {
  // The chaos runtime is compiled from the cache's src/ folder; stack frames in its code
  // (and in the harness's main()) must not say where this cache is.
  const std::string object = ReadFile(cache_.ChaosRuntimeObject(Flavor::kTsan));
  EXPECT_NE(object.find(std::string(ObjectCache::kDebugName) + "/src/chaos_runtime-"),
            std::string::npos);
  EXPECT_EQ(object.find(cache_dir_.string()), std::string::npos)
      << "the object names the cache folder " << cache_dir_;
}

TEST_F(ObjectCacheTest, SecondCacheOnSameFolderReusesObjects) {
  const auto first = Objects();
  ObjectCache other(cache_dir_, HostToolchain());
  EXPECT_EQ(other.DriverObjects(spec_, Flavor::kRelease), first);
  EXPECT_EQ(other.hits(), 1);
  EXPECT_EQ(other.misses(), 0);
}

TEST_F(ObjectCacheTest, ChangedHeaderInIncludeFolderGivesNewObject) {
  const auto first = Objects();
  WriteFile(include_dir_ / "answer.h", "constexpr int kAnswer = 43;\n");
  const auto second = Objects();
  EXPECT_NE(second, first);
  EXPECT_EQ(cache_.misses(), 2);
  EXPECT_EQ(cache_.hits(), 0);
  EXPECT_TRUE(fs::exists(first[0]));  // the old entry stays for other graders
  EXPECT_TRUE(fs::exists(second[0]));
}

TEST_F(ObjectCacheTest, ChangedDriverSourceGivesNewObject) {
  const auto first = Objects();
  WriteFile(driver_, "#include \"answer.h\"\nint Answer() { return kAnswer + 1; }\n");
  EXPECT_NE(Objects(), first);
  EXPECT_EQ(cache_.misses(), 2);
}

// A header next to the driver is found by `#include "..."` without being in an include
// folder, so it is as much an input of the object as the driver itself.
TEST_F(ObjectCacheTest, ChangedHeaderNextToDriverGivesNewObject) {
  WriteFile(driver_.parent_path() / "local.h", "constexpr int kLocal = 1;\n");
  WriteFile(driver_, "#include \"local.h\"\nint Local() { return kLocal; }\n");
  const auto first = Objects();
  WriteFile(driver_.parent_path() / "local.h", "constexpr int kLocal = 2;\n");
  EXPECT_NE(Objects(), first);
  EXPECT_EQ(cache_.misses(), 2);
}

TEST_F(ObjectCacheTest, EachFlavorHasItsOwnObject) {
  const auto release = Objects(Flavor::kRelease);
  const auto tsan = Objects(Flavor::kTsan);
  EXPECT_NE(release, tsan);
  EXPECT_EQ(tsan[0].parent_path(), cache_dir_ / "tsan");
  EXPECT_EQ(cache_.misses(), 2);
}

TEST_F(ObjectCacheTest, ConcurrentGradingsCompileEachObjectOnce) {
  // Gradings at once (batch -j) that need the same objects: each is compiled once, by
  // whichever asks first, and the others wait for it and reuse it; objects of different
  // flavors are independent entries.
  std::vector<std::vector<fs::path>> got(4);
  std::vector<std::thread> gradings;
  for (int i = 0; i < 4; ++i) {
    gradings.emplace_back([&, i] { got[i] = Objects(i % 2 ? Flavor::kTsan : Flavor::kRelease); });
  }
  for (std::thread& grading : gradings) grading.join();
  EXPECT_EQ(got[0], got[2]);
  EXPECT_EQ(got[1], got[3]);
  EXPECT_NE(got[0], got[1]);
  EXPECT_EQ(cache_.misses(), 2);
  EXPECT_EQ(cache_.hits(), 2);
  EXPECT_EQ(CountRegularFiles(cache_dir_), 2);  // no temporary left behind
}

TEST_F(ObjectCacheTest, DriverThatDoesNotCompileThrowsCompilerMessage) {
  WriteFile(driver_, "int Answer() { return undeclared_answer; }\n");
  try {
    Objects();
    ADD_FAILURE() << "DriverObjects succeeded";
  } catch (const InternalError& error) {
    EXPECT_TRUE(Contains(error.what(), driver_.string()));
    EXPECT_TRUE(Contains(error.what(), "error:"));
    EXPECT_TRUE(Contains(error.what(), "undeclared_answer"));
    EXPECT_TRUE(Contains(error.what(), "was not declared"));
  }
  EXPECT_EQ(CountRegularFiles(cache_dir_), 0) << "a failed compile left a file in the cache";
}

TEST_F(ObjectCacheTest, FailedCompileIsRetriedNotCached) {
  WriteFile(driver_, "int Answer() { return undeclared_answer; }\n");
  EXPECT_THROW(Objects(), InternalError);
  EXPECT_THROW(Objects(), InternalError);
  EXPECT_EQ(cache_.misses(), 2);
  EXPECT_EQ(cache_.hits(), 0);
}

TEST(DefaultCacheDirTest, PrefersGraderCacheDirThenXdgThenHome) {
  const auto restore = [](const char* name, const char* old) {
    if (old) {
      setenv(name, old, 1);
    } else {
      unsetenv(name);
    }
  };
  const char* grader = std::getenv("GRADER_CACHE_DIR");
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  const std::string saved_grader = grader ? grader : "", saved_xdg = xdg ? xdg : "",
                    saved_home = home ? home : "";

  setenv("GRADER_CACHE_DIR", "/cache/grader", 1);
  setenv("XDG_CACHE_HOME", "/xdg", 1);
  setenv("HOME", "/home/ta", 1);
  EXPECT_EQ(DefaultCacheDir(), fs::path("/cache/grader"));
  unsetenv("GRADER_CACHE_DIR");
  EXPECT_EQ(DefaultCacheDir(), fs::path("/xdg/grader"));
  setenv("XDG_CACHE_HOME", "", 1);
  EXPECT_EQ(DefaultCacheDir(), fs::path("/home/ta/.cache/grader"));

  restore("GRADER_CACHE_DIR", grader ? saved_grader.c_str() : nullptr);
  restore("XDG_CACHE_HOME", xdg ? saved_xdg.c_str() : nullptr);
  restore("HOME", home ? saved_home.c_str() : nullptr);
}

}  // namespace
}  // namespace grader
