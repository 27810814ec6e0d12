#include "build/toolchain.h"

#include <regex>
#include <system_error>

#include <fmt/format.h>

#include "common/error.h"
#include "process/subprocess.h"

namespace grader {
namespace {

// The compiler driver's plan (-###) for compiling nothing with -march=native: GCC lists the
// expanded -march=<cpu> and every -m<feature>, Clang its -target-cpu and -target-feature
// flags. Temporary file names, which change on every call, are dropped. Empty when the
// compiler does not understand -march=native (then a spec cannot use it either).
std::string NativeTarget(const std::string& cxx) {
  SubprocessOptions options;
  options.argv = {cxx, "-march=native", "-mtune=native", "-###", "-x", "c++", "-c",
                  "/dev/null", "-o", "/dev/null"};
  options.wall_timeout = std::chrono::seconds(30);
  try {
    const SubprocessResult result = RunSubprocess(options);
    if (!result.status.Success()) return "";
    return std::regex_replace(result.err, std::regex(R"(/tmp/[^\s"]+)"), "");
  } catch (const std::system_error&) {
    return "";
  }
}

}  // namespace

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
  toolchain.native_target = NativeTarget(cxx);
  if (!std::filesystem::exists(toolchain.gtest_root / "src" / "gtest-all.cc")) {
    throw InputError(fmt::format(
        "{}: GoogleTest sources not found (apt-get install googletest)",
        (toolchain.gtest_root / "src" / "gtest-all.cc").string()));
  }
  return toolchain;
}

}  // namespace grader
