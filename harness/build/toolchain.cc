#include "build/toolchain.h"

#include <system_error>

#include <fmt/format.h>

#include "common/error.h"
#include "process/subprocess.h"

namespace grader {

Toolchain Toolchain::Detect(const std::string& cxx) {
  Toolchain toolchain;
  toolchain.cxx = cxx;
  SubprocessOptions options;
  options.argv = {cxx, "--version"};
  options.wall_timeout = std::chrono::seconds(30);
  SubprocessResult result;
  try {
    result = RunSubprocess(options);
  } catch (const std::system_error& e) {
    throw InputError(fmt::format("compiler '{}': {} (install g++, or pass --cxx)", cxx,
                                 e.what()));
  }
  if (!result.status.Success()) {
    throw InputError(fmt::format("compiler '{}' --version: {}", cxx,
                                 DescribeExit(result.status)));
  }
  toolchain.version = result.out.substr(0, result.out.find('\n'));
  if (!std::filesystem::exists(toolchain.gtest_root / "src" / "gtest-all.cc")) {
    throw InputError(fmt::format(
        "{}: GoogleTest sources not found (apt-get install googletest)",
        (toolchain.gtest_root / "src" / "gtest-all.cc").string()));
  }
  return toolchain;
}

}  // namespace grader
