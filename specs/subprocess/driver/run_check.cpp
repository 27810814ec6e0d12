#include "run_check.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cstdio>
#include <cstring>
#include <cstdlib>

#include "process_probe.h"

namespace subprocess_test {
namespace {

// A malformed variable is the harness's mistake, not the student's: say so and stop with
// exit status 3 rather than fail a test.
std::uint64_t EnvNumber(const char* name, std::uint64_t fallback, std::uint64_t min,
                        std::uint64_t max) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  std::string_view view(text);
  std::uint64_t number = 0;
  auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), number);
  if (error != std::errc() || end != view.data() + view.size() || number < min || number > max) {
    std::fprintf(stderr, "subprocess_test: %s='%s' is not a number in [%llu, %llu]\n", name, text,
                 static_cast<unsigned long long>(min), static_cast<unsigned long long>(max));
    std::exit(3);
  }
  return number;
}

std::string Hex(unsigned char byte) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02x", byte);
  return text;
}

}  // namespace

Call RunTimed(std::vector<std::string> args, Options options, bool default_options) {
  Call call{std::move(args), std::move(options), {}, {}};
  const auto start = std::chrono::steady_clock::now();
  call.result = subprocess_adapter::Run(call.args, call.options, default_options);
  call.elapsed = std::chrono::steady_clock::now() - start;
  return call;
}

std::string DescribeOptions(const Options& options) {
  std::vector<std::string> parts;
  if (options.input) parts.push_back("input: " + std::to_string(options.input->size()) + " bytes");
  if (!options.capture_output) parts.push_back("capture_output: false");
  if (options.timeout) parts.push_back("timeout: " + std::to_string(options.timeout->count()) + " ms");
  if (options.cwd) parts.push_back("cwd: " + Printable(*options.cwd, 200));
  std::string text = "{";
  for (std::size_t i = 0; i < parts.size(); ++i) text += (i > 0 ? ", " : "") + parts[i];
  return text + "}";
}

std::string DescribeResult(const Result& result) {
  switch (result.outcome) {
    case Outcome::kCompleted:
      return "returned returncode " + std::to_string(result.returncode) + ", out " +
             Printable(result.out) + " (" + std::to_string(result.out.size()) + " bytes), err " +
             Printable(result.err) + " (" + std::to_string(result.err.size()) + " bytes)";
    case Outcome::kTimeoutExpired:
      return "threw sp::TimeoutExpired(" + Printable(result.what, 200) + ")";
    case Outcome::kSystemError:
      return "threw std::system_error(" + Printable(result.what, 200) + ") with code " +
             std::to_string(result.error_value) + " (" + std::strerror(result.error_value) +
             ") in category '" + result.error_category + "'";
    case Outcome::kOtherException:
      return "threw an exception that is neither sp::TimeoutExpired nor std::system_error: " +
             Printable(result.what, 200);
    case Outcome::kUnknownThrow:
      return "threw something that is not a std::exception";
  }
  return "?";
}

std::string Printable(std::string_view text, std::size_t max) {
  std::string quoted = "\"";
  for (std::size_t i = 0; i < text.size() && i < max; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      quoted += "\\n";
    } else if (c == '\r') {
      quoted += "\\r";
    } else if (c == '\t') {
      quoted += "\\t";
    } else if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\x%02x", c);
      quoted += escape;
    } else {
      quoted += static_cast<char>(c);
    }
  }
  quoted += '"';
  if (text.size() > max) quoted += "...";
  return quoted;
}

std::string FirstDifference(std::string_view actual, std::string_view expected) {
  if (actual == expected) return "";
  std::size_t at = 0;
  while (at < actual.size() && at < expected.size() && actual[at] == expected[at]) ++at;
  std::string text = std::to_string(actual.size()) + " bytes, expected " +
                     std::to_string(expected.size()) + "; ";
  if (at == actual.size()) return text + "the first " + std::to_string(at) + " are right, then it ends";
  if (at == expected.size()) return text + "the first " + std::to_string(at) + " are right, then more follow";
  return text + "the first " + std::to_string(at) + " are right, byte " + std::to_string(at) +
         " is " + Hex(static_cast<unsigned char>(actual[at])) + " instead of " +
         Hex(static_cast<unsigned char>(expected[at])) +
         " (bytes lost, repeated or mixed up between the two outputs?)";
}

std::string Seconds(Duration duration) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f s", std::chrono::duration<double>(duration).count());
  return text;
}

std::uint64_t GraderSeed() { return EnvNumber("GRADER_SEED", 1, 0, UINT64_MAX); }

unsigned GraderThreads() { return static_cast<unsigned>(EnvNumber("GRADER_THREADS", 8, 1, 256)); }

bool ExpectCompleted(const Call& call, std::string_view what) {
  if (call.result.outcome == Outcome::kCompleted) return true;
  std::string hint;
  if (call.result.outcome == Outcome::kSystemError) {
    hint = " (the program exists and is executable: did the exec fail, or a pipe or fork?)";
  } else if (call.result.outcome == Outcome::kTimeoutExpired && !call.options.timeout) {
    hint = " (no timeout was given)";
  }
  ADD_FAILURE() << what << ": run() " << DescribeResult(call.result) << " after "
                << Seconds(call.elapsed) << ", expected it to return a CompletedProcess" << hint;
  return false;
}

void ExpectCompletedWith(const Call& call, std::string_view what, int returncode,
                         std::string_view out, std::string_view err) {
  if (!ExpectCompleted(call, what)) return;
  const Result& result = call.result;
  if (result.args != call.args) {
    ADD_FAILURE() << what << ": CompletedProcess::args holds " << result.args.size()
                  << " strings; expected the " << call.args.size()
                  << " args run() was called with, unchanged";
  }
  if (result.returncode != returncode) {
    std::string hint;
    if (returncode < 0 && result.returncode == 128 - returncode) {
      hint = " (128 + N is the shell's convention; Python's returncode is -N for signal N: "
             "WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status))";
    } else if (returncode < 0) {
      hint = " (a child killed by signal N has returncode -N: WIFSIGNALED, then WTERMSIG)";
    } else if (result.returncode == 0 && returncode != 0) {
      hint = " (is the status from waitpid decoded with WEXITSTATUS?)";
    } else if (result.returncode == returncode * 256) {
      hint = " (the raw status of waitpid: decode it with WEXITSTATUS)";
    }
    ADD_FAILURE() << what << ": returncode " << result.returncode << ", expected " << returncode
                  << hint;
  }
  if (result.out != out) {
    ADD_FAILURE() << what << ": out " << Printable(result.out) << ", expected " << Printable(out)
                  << " (" << FirstDifference(result.out, out) << ")";
  }
  if (result.err != err) {
    ADD_FAILURE() << what << ": err " << Printable(result.err) << ", expected " << Printable(err)
                  << " (" << FirstDifference(result.err, err) << ")";
  }
}

Aftermath::Aftermath() : descriptors_(OpenDescriptors()) {}

bool Aftermath::Check(std::string_view what) {
  bool clean = true;
  const std::vector<pid_t> zombies = ZombieChildren();
  if (!zombies.empty()) {
    clean = false;
    ADD_FAILURE() << what << ": afterwards " << zombies.size()
                  << " child process(es) of the test program are zombies (exited, never reaped; "
                     "pid "
                  << zombies.front()
                  << "): run() must reap its child with waitpid() on every path, also when it "
                     "throws";
    Reap(zombies);
  }
  const std::map<int, std::string> now = OpenDescriptors();
  std::string opened;
  int count = 0;
  for (const auto& [fd, target] : now) {
    const auto before = descriptors_.find(fd);
    if (before != descriptors_.end() && before->second == target) continue;
    if (count++ < 4) opened += (opened.empty() ? "" : ", ") + std::to_string(fd) + " -> " + target;
  }
  if (count > 0) {
    clean = false;
    ADD_FAILURE() << what << ": afterwards the test program has " << count
                  << " more open descriptor(s) than before (" << opened
                  << "): run() must close every pipe end it opened, on every path, also when it "
                     "throws";
  }
  return clean;
}

}  // namespace subprocess_test
