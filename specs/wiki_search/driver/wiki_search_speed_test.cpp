// Hidden driver of the `wiki_search` exercise (GoogleTest): the speed test.
//
// Speed.Search50MB generates, untimed, a 50 MB wiki-like corpus and 64 queries (frequent and
// rare words, phrases, Cyrillic words, queries that occur nowhere, one empty query) and the
// expected answer (SerialSearch), then times search_all at GRADER_THREADS threads with
// grader_driver::MeasureSpeed: one untimed warm-up call, then GRADER_SPEED_REPS timed calls.
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
using wiki_search_driver::GraderThreads;
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
  const unsigned threads = GraderThreads();

  std::vector<Outcome> outcomes;
  outcomes.reserve(16);  // one per call: moved in, never copied
  grader_driver::MeasureSpeed("search-50MB",
                              [&] { outcomes.push_back(Search(corpus.view(), queries, threads)); });
  for (std::size_t call = 0; call < outcomes.size(); ++call) {
    const std::string problem =
        Compare(outcomes[call], expected, text, queries, threads,
                "the generated 50 MB corpus in call " + std::to_string(call + 1) + " of " +
                    std::to_string(outcomes.size()));
    if (!problem.empty()) {
      ADD_FAILURE() << problem << RunContext();
      return;
    }
  }
}

}  // namespace
