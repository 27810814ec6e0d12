// The compiler the harness builds with, and what identifies it in cache keys.
#pragma once

#include <filesystem>
#include <string>

namespace grader {

struct Toolchain {
  std::string cxx = "g++";  // the C++ compiler driver, looked up in PATH
  std::string version;      // first line of `cxx --version`: part of every cache key
  // What -march=native / -mtune=native mean on this machine: the compiler's expansion of
  // them (CPU name, ISA extensions, cache sizes), part of every build cache key, so that a
  // cache shared by different machines never hands one a program built for another's CPU.
  std::string native_target;
  // GoogleTest's sources (Debian's googletest package); compiled once per flavor.
  std::filesystem::path gtest_root = "/usr/src/googletest/googletest";

  // Runs `cxx --version`. Throws InputError when the compiler cannot be run or GoogleTest's
  // sources are missing (the message says which Debian package provides them).
  static Toolchain Detect(const std::string& cxx);
};

}  // namespace grader
