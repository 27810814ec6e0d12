// Hidden driver of the `wiki_search` exercise (GoogleTest): the speed test.
//
// Speed.Search50MB generates, untimed, a 50 MB wiki-like corpus and 64 queries (frequent and
// rare words, phrases, Cyrillic words, queries that occur nowhere, one empty query) and the
// expected answer (SerialSearch), then times search_all with grader_driver::MeasureSpeed at
// the thread counts the harness asks for (GRADER_SPEED_THREADS): one untimed warm-up call at
// each, then GRADER_SPEED_REPS timed calls at each, interleaved.
// Every call's answer is checked afterwards: a fast wrong answer fails. The corpus comes from
// a fixed seed, not GRADER_SEED, so that every run (the reference's and the student's, at
// every thread count) times the same search. The harness compares the times; this test
// only says whether the answers were right, and prints nothing.
#include <grader_driver.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "search_check.h"
#include "wiki_corpus.h"

namespace {

using wiki_search_driver::Compare;
using wiki_search_driver::ExactText;
using wiki_search_driver::Outcome;
using wiki_search_driver::Results;
using wiki_search_driver::RunContext;
using wiki_search_driver::Search;
using wiki_search_driver::SerialSearch;

constexpr std::uint64_t kSpeedSeed = 20'240'601;
constexpr std::size_t kSpeedCorpusBytes = 50'000'000;
constexpr std::size_t kSpeedQueries = 64;

TEST(Speed, Search50MB) {
  wiki_corpus::Generator generator(kSpeedSeed);
  const std::string text = generator.Corpus(kSpeedCorpusBytes);
  const std::vector<std::string> queries = generator.Queries(text, kSpeedQueries);
  const Results expected = SerialSearch(text, queries);
  const ExactText corpus(text);

  struct Call {
    unsigned threads;
    Outcome outcome;
  };
  std::vector<Call> calls;
  calls.reserve(64);  // one per call: moved in, never copied
  grader_driver::MeasureSpeed("search-50MB", [&](unsigned threads) {
    calls.push_back({threads, Search(corpus.view(), queries, threads)});
  });
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const std::string problem =
        Compare(calls[i].outcome, expected, text, queries, calls[i].threads,
                "the generated 50 MB corpus in call " + std::to_string(i + 1) + " of " +
                    std::to_string(calls.size()));
    if (!problem.empty()) {
      ADD_FAILURE() << problem << RunContext();
      return;
    }
  }
}

}  // namespace
