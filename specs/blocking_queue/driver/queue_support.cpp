#include "queue_support.h"

#include <cxxabi.h>
#include <pthread.h>
#include <time.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>
#include <system_error>
#include <typeinfo>

#include <gtest/gtest.h>

namespace queue_test {
namespace {

std::uint64_t EnvNumber(const char* name, std::uint64_t fallback, std::uint64_t min,
                        std::uint64_t max) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  std::string_view view(text);
  std::uint64_t number = 0;
  auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), number);
  if (error != std::errc() || end != view.data() + view.size() || number < min || number > max) {
    std::fprintf(stderr, "blocking_queue_test: %s='%s' is not a number in [%llu, %llu]\n", name,
                 text, static_cast<unsigned long long>(min),
                 static_cast<unsigned long long>(max));
    std::exit(3);
  }
  return number;
}

std::chrono::nanoseconds ReadClock(clockid_t clock) {
  timespec now{};
  if (clock_gettime(clock, &now) != 0) return std::chrono::nanoseconds(0);
  return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

std::string Demangle(const char* name) {
  int status = 0;
  char* readable = abi::__cxa_demangle(name, nullptr, nullptr, &status);
  std::string text = status == 0 && readable != nullptr ? readable : name;
  std::free(readable);
  return text;
}

// Stops the run at the first failed test. A queue that fails one test often hangs in a
// later one (a join() that returned early in one test waits forever in the next), and a
// hang would then hide the failure's message behind a `deadlock` verdict.
class FailFast : public testing::Environment {
 public:
  void SetUp() override { GTEST_FLAG_SET(fail_fast, true); }
};

// Registered before main(), as GoogleTest allows for global environments.
[[maybe_unused]] testing::Environment* const fail_fast_environment =
    testing::AddGlobalTestEnvironment(new FailFast);

}  // namespace

std::string StatusName(Status status) {
  switch (status) {
    case Status::kOk: return "returned normally";
    case Status::kTimedOut: return "gave up at its timeout (false or std::nullopt)";
    case Status::kShutDown: return "threw ShutDown";
  }
  return "?";
}

void ExpectStatus(Status actual, Status expected, const std::string& what) {
  if (actual == expected) return;
  const char* wanted = expected == Status::kOk         ? "to succeed"
                       : expected == Status::kTimedOut ? "to give up (false or std::nullopt)"
                                                       : "to throw ShutDown";
  ADD_FAILURE() << what << ": it " << StatusName(actual) << ", expected it " << wanted;
}

void ExpectItem(long long actual, long long expected, const std::string& what) {
  if (actual == expected) return;
  ADD_FAILURE() << what << ": got " << actual << ", expected " << expected;
}

void ExpectQSize(std::size_t actual, std::size_t expected, const std::string& what) {
  if (actual == expected) return;
  ADD_FAILURE() << what << ": qsize() returned " << actual << ", expected " << expected;
}

void ExpectNoError(const AsyncCall& call, const std::string& what) {
  if (call.Error().empty()) return;
  ADD_FAILURE() << what << ": a call " << call.Error();
}

std::string ErrorNote(const AsyncCall& call) {
  return call.Error().empty() ? "" : " (the call " + call.Error() + ")";
}

unsigned GraderThreads() { return static_cast<unsigned>(EnvNumber("GRADER_THREADS", 4, 1, 256)); }

std::uint64_t GraderSeed() { return EnvNumber("GRADER_SEED", 1, 0, UINT64_MAX); }

std::mt19937_64 Rng(std::uint64_t seed, std::uint64_t stream) {
  std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                         static_cast<std::uint32_t>(stream), 0x71756575u};
  return std::mt19937_64(sequence);
}

std::string RunContext() {
  return " [GRADER_THREADS=" + std::to_string(GraderThreads()) +
         " GRADER_SEED=" + std::to_string(GraderSeed()) + "]";
}

long long MillisSince(Clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
}

std::chrono::nanoseconds ThreadCpuTime(std::thread& thread) {
  clockid_t clock;
  if (pthread_getcpuclockid(thread.native_handle(), &clock) != 0) {
    return std::chrono::nanoseconds(0);
  }
  return ReadClock(clock);
}

std::chrono::nanoseconds ProcessCpuTime() { return ReadClock(CLOCK_PROCESS_CPUTIME_ID); }

std::string DescribeCurrentException() {
  try {
    throw;
  } catch (const std::exception& error) {
    return Demangle(typeid(error).name()) + ": " + error.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

AsyncCall::AsyncCall(std::function<void()> body)
    : thread_([this, body = std::move(body)] {
        called_at_ = Clock::now();
        started_.store(true);
        try {
          body();
        } catch (...) {
          error_ = "threw " + DescribeCurrentException();
        }
        returned_at_ = Clock::now();
        returned_.store(true);
      }) {}

AsyncCall::~AsyncCall() { Join(); }

void AsyncCall::WaitStarted() {
  while (!started_.load()) std::this_thread::sleep_for(milliseconds(1));
}

bool AsyncCall::WaitReturned(milliseconds limit) {
  const Clock::time_point deadline = Clock::now() + limit;
  while (!returned_.load()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(milliseconds(1));
  }
  return true;
}

void AsyncCall::Join() {
  if (thread_.joinable()) thread_.join();
}

}  // namespace queue_test
