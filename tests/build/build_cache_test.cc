// BuildCache on its own: entries stored and found by key, bounded by size, least recently
// used first out.
#include "build/build_cache.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "build_test_util.h"
#include "common/error.h"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

class BuildCacheTest : public ::testing::Test {
 protected:
  fs::path Program(const std::string& name, std::size_t bytes) {
    const fs::path path = temp_.path() / "built" / name;
    WriteFile(path, std::string(bytes, 'x'));
    return path;
  }

  TempDir temp_;
  const fs::path dir_ = temp_.path() / "builds";
};

TEST_F(BuildCacheTest, StoredEntryIsFoundWithItsDiagnostics) {
  const BuildCache cache(dir_, 1 << 20);
  cache.Store("k1", Program("a", 100), "a.cpp:1:1: warning: unused\n");

  const auto hit = cache.Find("k1");

  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(ReadFile(hit->program), std::string(100, 'x'));
  EXPECT_EQ(hit->diagnostics, "a.cpp:1:1: warning: unused\n");
  EXPECT_FALSE(cache.Find("k2").has_value());
}

TEST_F(BuildCacheTest, OverTheBoundLeastRecentlyUsedEntriesGo) {
  const BuildCache cache(dir_, 250);
  cache.Store("old", Program("old", 100), "");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  cache.Store("used", Program("used", 100), "");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_TRUE(cache.Find("old").has_value());  // now the most recently used
  std::this_thread::sleep_for(std::chrono::milliseconds(20));

  cache.Store("new", Program("new", 100), "");  // 300 bytes: one entry must go

  EXPECT_TRUE(cache.Find("old").has_value());
  EXPECT_FALSE(cache.Find("used").has_value());
  EXPECT_TRUE(cache.Find("new").has_value());
}

TEST_F(BuildCacheTest, StoringAnExistingKeyKeepsOneEntryAndNoTemporaries) {
  const BuildCache cache(dir_, 1 << 20);
  cache.Store("k", Program("a", 10), "first");
  cache.Store("k", Program("b", 10), "second");

  int entries = 0;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    ++entries;
    EXPECT_EQ(entry.path().filename(), "k");
  }
  EXPECT_EQ(entries, 1);
  EXPECT_EQ(cache.Find("k")->diagnostics, "first");
}

TEST_F(BuildCacheTest, ZeroBoundDisablesTheCache) {
  const BuildCache cache(dir_, 0);
  cache.Store("k", Program("a", 10), "");

  EXPECT_FALSE(cache.enabled());
  EXPECT_FALSE(cache.Find("k").has_value());
  EXPECT_FALSE(fs::exists(dir_));
}

TEST(DefaultBuildCacheBytesTest, ReadsMegabytesFromEnvironmentAndRejectsJunk) {
  ::setenv("GRADER_BUILD_CACHE_MB", "12", 1);
  EXPECT_EQ(DefaultBuildCacheBytes(), 12u << 20);
  ::setenv("GRADER_BUILD_CACHE_MB", "0", 1);
  EXPECT_EQ(DefaultBuildCacheBytes(), 0u);
  ::setenv("GRADER_BUILD_CACHE_MB", "lots", 1);
  EXPECT_THROW(DefaultBuildCacheBytes(), InputError);
  ::unsetenv("GRADER_BUILD_CACHE_MB");
  EXPECT_EQ(DefaultBuildCacheBytes(), 4096ull << 20);
}

}  // namespace
}  // namespace grader
