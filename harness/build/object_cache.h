// Compiled objects of trusted code (GoogleTest, hidden drivers), cached by content.
//
// An object's key hashes the compiler's identity, the flavor's flags, the language standard,
// the source, the files beside it and every header in the include folders it is compiled
// with; a hit costs hashing those files and a stat(). Entries are written to a temporary name and renamed, so graders sharing one cache
// folder never see half-written objects. Trusted code is compiled outside the sandbox: it is
// the instructor's, and the student never sees it except linked into the test binary.
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "build/build_cache.h"
#include "build/toolchain.h"
#include "spec/spec.h"

namespace grader {

class ObjectCache {
 public:
  // What the debug information of the cached objects calls the cache's folder, wherever it
  // is: stack frames in files of the cache (src/) read /grader-cache/src/<name>.
  static constexpr const char* kDebugName = "/grader-cache";

  ObjectCache(std::filesystem::path dir, Toolchain toolchain);

  // gtest-all and the harness's main() for test programs (build/driver_main.h) compiled
  // for `flavor`. Compiles on a miss.
  // Throws InternalError when they do not compile.
  std::vector<std::filesystem::path> GoogleTestObjects(Flavor flavor);

  // The spec's driver sources compiled for `flavor`. Compiles on a miss.
  // Throws InternalError with the compiler's output when the driver does not compile.
  std::vector<std::filesystem::path> DriverObjects(const ExerciseSpec& spec, Flavor flavor);

  // The folder holding <grader_driver.h> (build/driver_main.h), on the include path of
  // every driver.
  std::filesystem::path DriverApiIncludeDir();

  // The schedule-chaos runtime (build/chaos_runtime.h) compiled for `flavor`.
  std::filesystem::path ChaosRuntimeObject(Flavor flavor);

  // Linked submission programs (build/build_cache.h), in the builds/ folder of this cache.
  const BuildCache& builds() const { return builds_; }

  int hits() const { return hits_; }
  int misses() const { return misses_; }
  const Toolchain& toolchain() const { return toolchain_; }
  // The cache's folder: other per-machine state (speed calibrations) lives beside the objects.
  const std::filesystem::path& dir() const { return dir_; }

 private:
  // `text` written once to the cache's src/ folder under a name with its hash; its path.
  std::filesystem::path EmbeddedSource(std::string_view name, std::string_view text);

  std::filesystem::path Compile(const std::filesystem::path& source,
                                const std::vector<std::filesystem::path>& include_dirs,
                                const std::string& standard, Flavor flavor,
                                bool hash_siblings);

  std::filesystem::path dir_;
  Toolchain toolchain_;
  BuildCache builds_;
  // One lock per entry: concurrent gradings (batch -j, validate -j) compile different
  // objects at once and the same object once; the others wait for it and then hit.
  std::mutex entries_mutex_;
  std::map<std::filesystem::path, std::shared_ptr<std::mutex>> entry_mutexes_;  // GUARDED_BY(entries_mutex_)
  std::atomic<int> hits_ = 0;
  std::atomic<int> misses_ = 0;
};

// $GRADER_CACHE_DIR, else $XDG_CACHE_HOME/grader, else $HOME/.cache/grader.
std::filesystem::path DefaultCacheDir();

}  // namespace grader
