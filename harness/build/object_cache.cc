#include "build/object_cache.h"

#include <cstdlib>
#include <fstream>
#include <random>

#include <fmt/format.h>

#include "build/chaos_runtime.h"
#include "build/driver_main.h"
#include "build/content_hash.h"
#include "build/flavor.h"
#include "common/error.h"
#include "process/subprocess.h"

namespace grader {

ObjectCache::ObjectCache(std::filesystem::path dir, Toolchain toolchain)
    // Absolute: the linker runs in the workspace and must find the objects from there.
    : dir_(std::filesystem::absolute(dir)),
      toolchain_(std::move(toolchain)),
      builds_(dir_ / "builds", DefaultBuildCacheBytes()) {}

std::filesystem::path ObjectCache::Compile(const std::filesystem::path& source,
                                           const std::vector<std::filesystem::path>& include_dirs,
                                           const std::string& standard, Flavor flavor,
                                           bool hash_siblings) {
  ContentHash hash;
  hash.Add(toolchain_.version).Add(standard);
  for (const auto& flag : FlavorFlags(flavor)) hash.Add(flag);
  hash.AddFile(source);
  // Headers next to the source (`#include "helpers.h"`) are inputs too.
  if (hash_siblings) hash.AddTree(source.parent_path());
  for (const auto& dir : include_dirs) hash.Add(dir.string()).AddTree(dir);
  // Debug information names the cache's own files (the harness's main(), <grader_driver.h>)
  // under kDebugName instead of this cache's folder, so the stack frames in a result do not
  // depend on which cache folder the grading used (each node's own, a shared one).
  const std::string debug_prefix_map = fmt::format("-fdebug-prefix-map={}={}", dir_.string(),
                                                   kDebugName);
  hash.Add(fmt::format("debug-prefix-map={}", kDebugName));

  const std::filesystem::path object =
      dir_ / FlavorName(flavor) / fmt::format("{}-{}.o", source.stem().string(), hash.Hex());
  std::shared_ptr<std::mutex> entry_mutex;
  {
    std::lock_guard lock(entries_mutex_);
    std::shared_ptr<std::mutex>& slot = entry_mutexes_[object];
    if (!slot) slot = std::make_shared<std::mutex>();
    entry_mutex = slot;
  }
  std::lock_guard lock(*entry_mutex);
  if (std::filesystem::exists(object)) {
    ++hits_;
    return object;
  }
  ++misses_;
  std::filesystem::create_directories(object.parent_path());
  const std::filesystem::path temp =
      object.string() + fmt::format(".tmp{:08x}", std::random_device{}());

  SubprocessOptions options;
  options.argv = {toolchain_.cxx, "-std=" + standard};
  for (const auto& flag : FlavorFlags(flavor)) options.argv.push_back(flag);
  for (const auto& dir : include_dirs) options.argv.push_back("-I" + dir.string());
  options.argv.insert(options.argv.end(), {debug_prefix_map, "-fdiagnostics-color=never", "-c",
                                           source.string(), "-o", temp.string()});
  options.wall_timeout = std::chrono::minutes(5);
  options.stderr_cap = 64 * 1024;
  const SubprocessResult result = RunSubprocess(options);
  if (!result.status.Success() || result.timed_out) {
    std::filesystem::remove(temp);
    throw InternalError(fmt::format("compiling {} ({}) failed: {}\n{}", source.string(),
                                    FlavorName(flavor), DescribeExit(result.status),
                                    result.err));
  }
  std::filesystem::rename(temp, object);
  return object;
}

std::vector<std::filesystem::path> ObjectCache::GoogleTestObjects(Flavor flavor) {
  const std::vector<std::filesystem::path> includes = {toolchain_.gtest_root,
                                                       toolchain_.gtest_root / "include"};
  const std::filesystem::path sources = toolchain_.gtest_root / "src";
  return {Compile(sources / "gtest-all.cc", includes, "c++17", flavor, true),
          Compile(EmbeddedSource("driver_main", DriverMainSource()),
                  {toolchain_.gtest_root / "include", DriverApiIncludeDir()}, "c++17", flavor,
                  false)};
}

std::filesystem::path ObjectCache::DriverApiIncludeDir() {
  const std::string_view text = DriverApiHeader();
  const std::filesystem::path dir =
      dir_ / "src" / fmt::format("driver-api-{}", ContentHash().Add(text).Hex());
  const std::filesystem::path header = dir / "grader_driver.h";
  if (!std::filesystem::exists(header)) {
    std::filesystem::create_directories(dir);
    const std::filesystem::path temp =
        header.string() + fmt::format(".tmp{:08x}", std::random_device{}());
    std::ofstream(temp, std::ios::binary) << text;
    std::filesystem::rename(temp, header);
  }
  return dir;
}

std::vector<std::filesystem::path> ObjectCache::DriverObjects(const ExerciseSpec& spec,
                                                              Flavor flavor) {
  std::vector<std::filesystem::path> includes = spec.driver.include_dirs;
  includes.push_back(toolchain_.gtest_root / "include");
  includes.push_back(DriverApiIncludeDir());
  std::vector<std::filesystem::path> objects;
  for (const auto& source : spec.driver.sources) {
    objects.push_back(Compile(source, includes, spec.build.standard, flavor, true));
  }
  return objects;
}

std::filesystem::path ObjectCache::EmbeddedSource(std::string_view name, std::string_view text) {
  const std::filesystem::path source =
      dir_ / "src" / fmt::format("{}-{}.cpp", name, ContentHash().Add(text).Hex());
  if (!std::filesystem::exists(source)) {
    std::filesystem::create_directories(source.parent_path());
    const std::filesystem::path temp =
        source.string() + fmt::format(".tmp{:08x}", std::random_device{}());
    std::ofstream(temp, std::ios::binary) << text;
    std::filesystem::rename(temp, source);
  }
  return source;
}

std::filesystem::path ObjectCache::ChaosRuntimeObject(Flavor flavor) {
  // The runtime includes nothing of its own; its folder holds other versions of it.
  return Compile(EmbeddedSource("chaos_runtime", ChaosRuntimeSource()), {}, "c++17", flavor,
                 /*hash_siblings=*/false);
}

std::filesystem::path DefaultCacheDir() {
  if (const char* dir = std::getenv("GRADER_CACHE_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    return std::filesystem::path(xdg) / "grader";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::filesystem::path(home) / ".cache" / "grader";
  }
  return std::filesystem::temp_directory_path() / "grader-cache";
}

}  // namespace grader
