// Hidden driver of the `process_pool` exercise, part 1: the results (GoogleTest).
//
// Theory of operation: the driver never sees process_pool.hpp. It calls the student's
// process_map through process_pool_adapter.h (glue/process_pool_glue.cpp, compiled per
// submission), which also turns ChildProcessError into a value. Every f here is a plain
// function of its item, so the expected results are computed by calling f in this process.
// ProcessPoolBasics is the single-call contract (the same checks are public). ProcessPoolOrder
// makes later items finish first, so results placed in arrival order show. ProcessPoolLarge
// sends results larger than a pipe's buffer (64 KiB on Linux): a parent that waits for a
// worker before reading its pipe, or reads one pipe to its end while another worker blocks
// on a full one, hangs there. The bytes of large results come from GRADER_SEED.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "process_pool_driver.h"

namespace process_pool_driver {
namespace {

std::vector<std::string> Apply(const Function& f, const std::vector<std::string>& items) {
  std::vector<std::string> results;
  for (const std::string& item : items) results.push_back(f(item));
  return results;
}

// Calls process_map and fails the test unless it returned `expected`.
void ExpectResults(const Function& f, std::string_view what_f_does,
                   const std::vector<std::string>& items, unsigned processes,
                   const std::vector<std::string>& expected) {
  const Outcome outcome = Map(f, items, processes);
  const std::string problem =
      CompareResults(outcome, expected,
                     CallText(items.size(), processes) + " where f " + std::string(what_f_does));
  if (!problem.empty()) ADD_FAILURE() << problem;
}

// Calls process_map and fails the test unless it returned f of every item, in order.
void ExpectMapsInOrder(const Function& f, std::string_view what_f_does,
                       const std::vector<std::string>& items, unsigned processes) {
  ExpectResults(f, what_f_does, items, processes, Apply(f, items));
}

std::string Letters(const std::string& item) {
  return item + " has " + std::to_string(item.size()) + " letters";
}

const std::vector<std::string> kFruit = {"apple", "banana", "cherry", "date",
                                         "elderberry", "fig", "grape"};

// --- Single calls ---------------------------------------------------------------------
TEST(ProcessPoolBasics, MapsEveryItemInOrder) {
  ExpectMapsInOrder(Letters, "describes its item", kFruit, 3);
}

TEST(ProcessPoolBasics, OneProcess) {
  ExpectMapsInOrder(Letters, "describes its item", kFruit, 1);
}

TEST(ProcessPoolBasics, MoreProcessesThanItems) {
  ExpectMapsInOrder(Letters, "describes its item", {"one", "two", "three"}, 8);
  ExpectMapsInOrder(Letters, "describes its item", {"alone"}, 16);
}

TEST(ProcessPoolBasics, NoItemsGiveNoResults) {
  const Outcome outcome = Map(Letters, {}, 4);
  if (outcome.kind != Outcome::Kind::kReturned || !outcome.results.empty()) {
    ADD_FAILURE() << CallText(0, 4) << " (an empty list of items) " << Describe(outcome)
                  << "; expected it to return no results";
  }
}

TEST(ProcessPoolBasics, ZeroProcessesIsInvalid) {
  const Outcome outcome = Map(Letters, kFruit, 0);
  if (outcome.kind != Outcome::Kind::kInvalidArgument) {
    ADD_FAILURE() << CallText(kFruit.size(), 0) << " " << Describe(outcome)
                  << "; expected std::invalid_argument (a pool needs at least one process, "
                     "as Python's Pool(0) raises ValueError)";
  }
}

TEST(ProcessPoolBasics, EmptyAndBinaryStringsArriveExactly) {
  const std::vector<std::string> items = {"", std::string("a\0b", 3), "\xff\xfe\n",
                                          std::string(1000, 'x'), "last"};
  auto f = [](const std::string& item) -> std::string {
    if (item == "last") return "";
    std::string reversed(item.rbegin(), item.rend());
    return reversed + std::string("\0|", 2) + std::to_string(item.size());
  };
  ExpectMapsInOrder(f, "reverses its item and appends a zero byte, '|' and the length (and "
                    "returns \"\" for \"last\")", items, 2);
}

TEST(ProcessPoolBasics, ResultsOfManySizesAreNotMixedUp) {
  std::vector<std::string> items;
  for (int i = 0; i < 40; ++i) items.push_back(std::to_string(i));
  auto f = [](const std::string& item) {
    const int i = std::stoi(item);
    return std::string(static_cast<std::size_t>(i * 37 % 500), static_cast<char>('a' + i % 26)) +
           item;
  };
  ExpectMapsInOrder(f, "returns (i * 37 % 500) letters and then item i", items, 4);
}

TEST(ProcessPoolBasics, CallsInARowAreIndependent) {
  auto upper = [](const std::string& item) {
    std::string copy = item;
    for (char& c : copy) c = static_cast<char>(c - 'a' + 'A');
    return copy;
  };
  for (unsigned processes : {1u, 2u, 3u, 5u, 2u}) {
    ExpectMapsInOrder(upper, "upper-cases its item", kFruit, processes);
    ExpectMapsInOrder(Letters, "describes its item", {"solo"}, processes);
  }
}

// --- Order -----------------------------------------------------------------------------
// Item i sleeps (n - i) * 10 ms, so whatever the split, some later item is ready before an
// earlier one.
TEST(ProcessPoolOrder, LaterItemsFinishFirst) {
  constexpr int kItems = 12;
  std::vector<std::string> items;
  for (int i = 0; i < kItems; ++i) items.push_back(std::to_string(i));
  auto result_of = [](const std::string& item) {
    return "result " + item + std::string(static_cast<std::size_t>(std::stoi(item)), '!');
  };
  auto f = [result_of](const std::string& item) {
    SleepMillis((kItems - std::stoi(item)) * 10);
    return result_of(item);
  };
  for (unsigned processes : {3u, 4u}) {
    ExpectResults(f, "sleeps (12 - i) * 10 ms on item i, so later items finish first", items,
                  processes, Apply(result_of, items));
  }
}

// --- Large results ----------------------------------------------------------------------
constexpr std::size_t kKiB = 1024;
constexpr std::size_t kMiB = 1024 * kKiB;

// `size` bytes that depend on the seed and on `index`: a result delivered to the wrong
// index, or with bytes of another, is seen.
std::string Bytes(std::uint64_t seed, std::uint64_t index, std::size_t size) {
  std::string bytes(size, '\0');
  std::uint64_t state = seed * 0x9e3779b97f4a7c15ull + index;
  for (std::size_t at = 0; at < size; ++at) {
    if (at % 8 == 0) {
      state += 0x9e3779b97f4a7c15ull;  // SplitMix64
      std::uint64_t z = state;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
      state ^= z ^ (z >> 31);
    }
    bytes[at] = static_cast<char>(state >> (8 * (at % 8)));
  }
  return bytes;
}

// Items "<index>:<size>"; f returns Bytes(seed, index, size).
std::vector<std::string> SizedItems(const std::vector<std::size_t>& sizes) {
  std::vector<std::string> items;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    items.push_back(std::to_string(i) + ":" + std::to_string(sizes[i]));
  }
  return items;
}

Function SizedResult() {
  const std::uint64_t seed = GraderSeed();
  return [seed](const std::string& item) {
    const std::size_t colon = item.find(':');
    return Bytes(seed, std::stoull(item.substr(0, colon)), std::stoull(item.substr(colon + 1)));
  };
}

constexpr const char* kSizedF = "returns pseudo-random bytes, as many as the item says";

TEST(ProcessPoolLarge, OneResultLargerThanAPipe) {
  ExpectMapsInOrder(SizedResult(), kSizedF, SizedItems({kMiB + 3}), 1);
}

TEST(ProcessPoolLarge, LargeResultsFromOneWorker) {
  ExpectMapsInOrder(SizedResult(), kSizedF, SizedItems({512 * kKiB, 3, 700 * kKiB, kMiB}), 1);
}

TEST(ProcessPoolLarge, LargeAndSmallResultsFromManyWorkers) {
  const std::vector<std::size_t> sizes = {kMiB + 3, 0, 65535, 65536, 65537, 300 * kKiB,
                                          17, 2 * kMiB, 4096, 200000, 1, 700 * kKiB};
  for (unsigned processes : {2u, 3u, 5u}) {
    ExpectMapsInOrder(SizedResult(), kSizedF, SizedItems(sizes), processes);
  }
}

TEST(ProcessPoolLarge, EveryWorkerSendsMegabytes) {
  ExpectMapsInOrder(SizedResult(), kSizedF, SizedItems(std::vector<std::size_t>(8, kMiB)), 4);
}

}  // namespace
}  // namespace process_pool_driver
