// The child programs of the `subprocess` tests: the test binary itself, run again.
//
// Every test needs a child whose behaviour it controls exactly (megabytes on both outputs,
// a grandchild, a signal, a list of its own descriptors), and a sandbox offers few programs.
// So the driver re-executes its own binary (the path /proc/self/exe had at start) with
// `--subprocess-helper=NAME` as its first argument. A constructor in child_helpers.cpp sees
// that argument before GoogleTest starts, runs the helper NAME with the arguments that
// follow, and _exit()s. The helpers:
//
//   args A...             writes every A followed by '\0' to stdout
//   exit CODE OUT ERR     writes OUT to stdout and ERR to stderr, exits with CODE
//   signal N              kills itself with signal N (default action restored first)
//   bytes                 writes kBinaryOut to stdout and kBinaryErr to stderr
//   spew SEED BYTES       writes PatternBytes(SEED, 1, BYTES) to stdout and
//                         PatternBytes(SEED, 2, BYTES) to stderr, interleaved in chunks of
//                         random size (up to 64 KiB each), blocking when a pipe is full
//   tee                   copies stdin to stdout and to stderr as it reads it
//   ignore-input          exits 0 at once, without reading stdin
//   pwd                   writes its working directory to stdout
//   fds [FILE]            writes "N -> TARGET\n" for each of its open descriptors, to FILE
//                         if given (created), else to stdout
//   sleep MS PIDFILE      writes its pid to PIDFILE, sleeps MS milliseconds, exits 0
//   quiet-sleep MS PIDFILE  closes 0, 1 and 2, then as sleep
//   family MS PIDFILE     forks a grandchild that moves 0, 1, 2 to /dev/null and sleeps MS;
//                         writes "CHILD GRANDCHILD" to PIDFILE, sleeps MS, exits 0
//   mix CODE MS TAG       reads all of stdin, sleeps MS, writes TAG "|" stdin to stdout and
//                         TAG "|" working directory to stderr, exits with CODE
//
// PIDFILE is written to a temporary name and renamed, so a reader never sees it half written.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace subprocess_test {

// What `bytes` writes: every byte value that trips a C-string or text-mode implementation.
inline constexpr std::string_view kBinaryOut{"\0zero\r\n\xff\xfe end\0", 15};
inline constexpr std::string_view kBinaryErr{"\x01\0\x7f\x80", 4};

// The absolute path of the test binary, as /proc/self/exe named it when the program started.
const std::string& SelfExe();

// The argv that runs helper `name` with `args`: {SelfExe(), "--subprocess-helper=NAME", args}.
std::vector<std::string> HelperArgs(std::string_view name, std::vector<std::string> args = {});

// `size` pseudo-random bytes (every value, '\0' included) of stream `stream` of `seed`. The
// same on both sides of the pipe, so the test can check megabytes byte for byte.
std::string PatternBytes(std::uint64_t seed, int stream, std::size_t size);

}  // namespace subprocess_test
