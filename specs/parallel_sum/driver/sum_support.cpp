#include "sum_support.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <numeric>
#include <span>
#include <string_view>
#include <system_error>

#include "parallel_sum_adapter.h"

namespace sum_support {
namespace {

std::uint64_t EnvNumber(const char* name, std::uint64_t fallback, std::uint64_t min,
                        std::uint64_t max) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  std::string_view view(text);
  std::uint64_t number = 0;
  auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), number);
  if (error != std::errc() || end != view.data() + view.size() || number < min || number > max) {
    std::fprintf(stderr, "parallel_sum test: %s='%s' is not a number in [%llu, %llu]\n", name, text,
                 static_cast<unsigned long long>(min), static_cast<unsigned long long>(max));
    std::exit(3);
  }
  return number;
}

// The sum of data[first, last) in 64 bits.
long long RangeSum(const std::vector<int>& data, std::size_t first, std::size_t last) {
  return std::accumulate(data.begin() + static_cast<std::ptrdiff_t>(first),
                         data.begin() + static_cast<std::ptrdiff_t>(last), 0LL);
}

// What a wrong result usually means, guessed from how it differs from the right one. The
// guesses are checked against the data, so each one is said only when it fits exactly.
std::string WhyWrong(const std::vector<int>& data, unsigned threads, long long actual,
                     long long expected) {
  const std::size_t size = data.size();
  const std::size_t chunk = size / threads;
  const std::size_t tail = size % threads;
  if (actual == 0) {
    if (size < threads) {
      return "nothing was added: with fewer elements than threads, size / threads is 0, so "
             "chunks of size / threads elements are all empty; the remainder (here every "
             "element) must be summed too, e.g. by letting the last chunk run to data.size()";
    }
    return "nothing was added: do the threads run, and is each thread's sum added to the "
           "result after join()?";
  }
  if (tail != 0 && actual == RangeSum(data, 0, size - tail)) {
    return (tail == 1 ? std::string("exactly the last element was")
                      : "exactly the last " + std::to_string(tail) + " elements were") +
           " not added (size % threads = " + std::to_string(tail) + "): with " +
           std::to_string(size) + " elements and " + std::to_string(threads) +
           " threads, chunks of size / threads = " + std::to_string(chunk) +
           " leave a remainder; the last chunk must run to data.size(), or the remainder must "
           "be spread over the chunks";
  }
  const long long difference = actual - expected;  // |difference| < 2^63: the sums are small
  if (difference % (1LL << 32) == 0) {
    return "the result is off by a multiple of 2^32: a sum overflowed a 32-bit int and "
           "wrapped around; is a partial sum (or the total) an int? Note that "
           "std::accumulate(first, last, 0) sums in int: write 0LL";
  }
  if (size < threads) {
    return "with fewer elements than threads, some threads have no element at all: their "
           "chunks must be empty, neither skipped elements nor elements counted twice";
  }
  return "some elements were not added or were added twice: do the chunks cover every "
         "index in [0, size) exactly once, the last one ending at data.size()? Is a sum kept "
         "in a global or static variable, shared with earlier or concurrent calls?";
}

std::string CallText(std::size_t size, unsigned threads, const std::string& what) {
  return "parallel_sum(data, " + std::to_string(threads) + ") on " + std::to_string(size) +
         (size == 1 ? " int" : " ints") + (what.empty() ? "" : " (" + what + ")");
}

}  // namespace

unsigned GraderThreads(unsigned fallback) {
  return static_cast<unsigned>(EnvNumber("GRADER_THREADS", fallback, 1, 1024));
}

std::uint64_t GraderSeed() { return EnvNumber("GRADER_SEED", 1, 0, UINT64_MAX); }

std::string RunContext() {
  const char* threads = std::getenv("GRADER_THREADS");
  const bool threads_set = threads != nullptr && *threads != '\0';
  return " [" + (threads_set ? "GRADER_THREADS=" + std::string(threads) + " " : std::string()) +
         "GRADER_SEED=" + std::to_string(GraderSeed()) + "]";
}

std::mt19937_64 Rng(std::uint64_t seed, std::uint64_t stream) {
  std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                         static_cast<std::uint32_t>(stream), 0x7073756du};
  return std::mt19937_64(sequence);
}

std::vector<int> RandomInts(std::size_t size, int low, int high, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> value(low, high);
  std::vector<int> data(size);
  for (int& element : data) element = value(rng);
  return data;
}

long long SerialSum(const std::vector<int>& data) { return RangeSum(data, 0, data.size()); }

std::string CheckedCall(const std::vector<int>& data, unsigned threads, long long expected,
                        const std::string& what) {
  const std::vector<int> before = data;
  long long actual = 0;
  try {
    actual = parallel_sum_adapter::ParallelSum(std::span<const int>(data), threads);
  } catch (const std::system_error& error) {
    return CallText(data.size(), threads, what) + " threw std::system_error(\"" + error.what() +
           "\") (starting a thread fails like this when too many threads exist at once: does "
           "it start more than `threads` threads, or leave threads behind that are never "
           "joined?)";
  } catch (const std::exception& error) {
    return CallText(data.size(), threads, what) + " threw an exception (" + error.what() +
           "); parallel_sum must return the sum for every size, including 0, and every "
           "thread count from 1";
  } catch (...) {
    return CallText(data.size(), threads, what) +
           " threw something that is not a std::exception; it must return the sum";
  }
  if (actual != expected) {
    return CallText(data.size(), threads, what) + " returned " + std::to_string(actual) +
           ", expected " + std::to_string(expected) + " (" +
           WhyWrong(data, threads, actual, expected) + ")";
  }
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (data[i] != before[i]) {
      return CallText(data.size(), threads, what) + " returned the right sum but changed " +
             "data[" + std::to_string(i) + "] from " + std::to_string(before[i]) + " to " +
             std::to_string(data[i]) + "; parallel_sum must only read its input";
    }
  }
  return "";
}

std::string CheckedCall(const std::vector<int>& data, unsigned threads, const std::string& what) {
  return CheckedCall(data, threads, SerialSum(data), what);
}

}  // namespace sum_support
