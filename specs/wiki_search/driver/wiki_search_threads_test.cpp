// Hidden driver of the `wiki_search` exercise (GoogleTest): larger searches at GRADER_THREADS.
//
// Order checks that the answers come in query order however the threads finish (the
// lecture's "Failed on results order"), and the rest of the threads' contract: no more than
// `threads` threads at once, many queries on a generated corpus, more threads than queries,
// several calls at once, many calls in a row. Chunks checks the ways of cutting the corpus
// between threads: lines of equal length, so that an even cut falls exactly on a line start
// (a splitter that skips to the next '\n' loses a line there), lines that are each one long
// match (a cut inside a line loses the match), lines longer than a thread's share, and a
// generated corpus. Answers are compared with SerialSearch's (see
// wiki_search_basics_test.cpp for the driver's theory of operation). Corpora come from
// GRADER_SEED, so a failing run can be repeated.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "search_check.h"
#include "wiki_corpus.h"

namespace {

using wiki_search_driver::Compare;
using wiki_search_driver::ExpectSearch;
using wiki_search_driver::GraderSeed;
using wiki_search_driver::GraderThreads;
using wiki_search_driver::Outcome;
using wiki_search_driver::Results;
using wiki_search_driver::RunContext;
using wiki_search_driver::Search;
using wiki_search_driver::SerialSearch;
using wiki_search_driver::ThreadWatch;

// Sanitizer builds run several times slower: they get smaller corpora.
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kGeneratedBytes = 250'000;
constexpr std::size_t kPatternLines = 12'000;
#else
constexpr std::size_t kGeneratedBytes = 4'000'000;
constexpr std::size_t kPatternLines = 120'000;
#endif
// A vocabulary big enough for the small corpora, and quick to build.
constexpr std::size_t kSmallVocabulary = 5'000;

// --- Results in query order -------------------------------------------------------------
// No test here asks for more than 90 queries in one call, so that a thread per query stays
// under the spec's `processes` limit and gets the message of AtMostThreadsThreadsAtOnce.
TEST(Order, AtMostThreadsThreadsAtOnce) {
  // threads = 2, so that even a few extra threads show.
  wiki_corpus::Generator generator(GraderSeed(), kSmallVocabulary);
  const std::string corpus = generator.Corpus(kGeneratedBytes);
  const std::vector<std::string> queries = generator.Queries(corpus, 60);
  ThreadWatch watch;
  const Outcome outcome = Search(corpus, queries, 2);
  const int most = watch.Stop();
  const std::string problem =
      Compare(outcome, SerialSearch(corpus, queries), corpus, queries, 2, "a generated corpus");
  if (!problem.empty()) {
    ADD_FAILURE() << problem << RunContext();
  } else if (most > 2) {
    ADD_FAILURE() << "search_all(a generated corpus of " << corpus.size() << " bytes, "
                  << queries.size() << " queries, 2) had up to " << most
                  << " threads running at once besides the test's own: it may start at most "
                     "`threads` = 2. (The lecture started one thread per query; start "
                     "`threads` threads and let each take query after query, or piece after "
                     "piece.)"
                  << RunContext();
  }
}

TEST(Order, ManyQueriesOnAGeneratedCorpus) {
  wiki_corpus::Generator generator(GraderSeed());
  const std::string corpus = generator.Corpus(kGeneratedBytes);
  ExpectSearch(corpus, generator.Queries(corpus, 90), GraderThreads(), "a generated corpus");
}

TEST(Order, MoreThreadsThanQueries) {
  wiki_corpus::Generator generator(GraderSeed(), kSmallVocabulary);
  const std::string corpus = generator.Corpus(20'000);
  const unsigned threads = GraderThreads();
  if (!ExpectSearch(corpus, {"the", "of"}, 3 * threads + 1, "a 20000-byte generated corpus")) {
    return;
  }
  ExpectSearch(corpus, {generator.Word(5)}, 2 * threads, "a 20000-byte generated corpus");
}

TEST(Order, SeveralCallsAtOnce) {
  // GRADER_THREADS callers, each with its own corpus and queries, call search_all at the
  // same time with threads = 2: no call may see another's queries, lines or results.
  const unsigned callers = GraderThreads();
  wiki_corpus::Generator generator(GraderSeed(), kSmallVocabulary);
  std::vector<std::string> corpora;
  std::vector<std::vector<std::string>> queries;
  for (unsigned c = 0; c < callers; ++c) {
    corpora.push_back(generator.Corpus(30'000 + 3'000 * c));
    queries.push_back(generator.Queries(corpora.back(), 3 + c % 3));
  }
  std::vector<Outcome> outcomes(callers);
  {
    std::vector<std::jthread> workers;
    for (unsigned c = 0; c < callers; ++c) {
      workers.emplace_back([&, c] { outcomes[c] = Search(corpora[c], queries[c], 2); });
    }
  }
  for (unsigned c = 0; c < callers; ++c) {
    const std::string problem =
        Compare(outcomes[c], SerialSearch(corpora[c], queries[c]), corpora[c], queries[c], 2,
                "the corpus of caller " + std::to_string(c) + " of " + std::to_string(callers) +
                    " calling search_all at the same time");
    if (!problem.empty()) {
      ADD_FAILURE() << problem
                    << " (search_all may be called by several threads at once: keep its state "
                       "in local variables, not in globals or statics)"
                    << RunContext();
      return;
    }
  }
}

TEST(Order, ManyCallsInARow) {
  wiki_corpus::Generator generator(GraderSeed(), kSmallVocabulary);
  for (int call = 0; call < 30; ++call) {
    const std::string corpus = generator.Corpus(2'000 + 100 * call);
    if (!ExpectSearch(
            corpus, generator.Queries(corpus, 1 + call % 7), GraderThreads(),
            "a generated corpus in call " + std::to_string(call + 1) + " of 30 in a row")) {
      return;
    }
  }
}

// --- Cutting the corpus between threads ---------------------------------------------------
TEST(Chunks, EvenCutsFallOnLineStarts) {
  // 5040 lines of 8 bytes ("l000123\n"): 5040 is divisible by 1 to 10, 12, 14, 15 and 16, so
  // cutting the corpus into that many equal pieces cuts it exactly at line starts.
  std::string corpus;
  char line[16];
  for (int i = 0; i < 5040; ++i) {
    std::snprintf(line, sizeof line, "l%06d\n", i);
    corpus += line;
  }
  const std::vector<std::string> queries = {"",  "l00",  "l0001", "0",       "l005039", "l000000",
                                            "5", "l003", "9",     "l002520", "l001260"};
  const unsigned threads = GraderThreads();
  if (!ExpectSearch(corpus, queries, threads, "5040 lines of 8 bytes")) return;
  for (unsigned more : {2u, 3u, 4u, 6u, 8u, 16u}) {
    if (more != threads && !ExpectSearch(corpus, queries, more, "5040 lines of 8 bytes")) return;
  }
}

TEST(Chunks, EveryLineIsOneMatch) {
  // Each line is a 40-byte query with 0 to 3 letters before and after it: a cut anywhere
  // inside a line cuts the match.
  wiki_corpus::Random random(GraderSeed());
  const std::string match = "The Quick Brown Fox Jumps Over Lazy Dogs";
  std::string corpus;
  for (std::size_t line = 0; line < kPatternLines; ++line) {
    corpus.append(random.Below(4), 'a');
    corpus += match;
    corpus.append(random.Below(4), 'z');
    corpus += '\n';
  }
  ExpectSearch(corpus,
               {match, "", match.substr(0, 20), match.substr(20), "Fox Jumps", "az", "z\na"},
               GraderThreads(), "lines that are each one long match");
}

TEST(Chunks, LinesLongerThanAThreadsShare) {
  // A few lines, each longer than the whole corpus divided by the thread count, between
  // short lines: the cut between two threads' shares lands inside one long line, often
  // with no '\n' in a whole share.
  wiki_corpus::Random random(GraderSeed());
  std::string corpus;
  for (int block = 0; block < 4; ++block) {
    for (std::uint64_t n = random.Between(1, 5); n > 0; --n) corpus += "short line\n";
    std::string line = "begin" + std::to_string(block) + " ";
    while (line.size() < kGeneratedBytes / 8) line += "filler" + std::to_string(random.Below(100));
    corpus += line + " end" + std::to_string(block) + "\n";
  }
  const std::vector<std::string> queries = {"",      "begin0", "begin2",   "end1 ",       "end3",
                                            "short", "line\n", "filler42", "filler99fill"};
  const unsigned threads = GraderThreads();
  if (!ExpectSearch(corpus, queries, threads, "4 long lines between short ones")) return;
  ExpectSearch(corpus, queries, 16, "4 long lines between short ones");
}

TEST(Chunks, GeneratedCorpus) {
  wiki_corpus::Generator generator(GraderSeed() + 1);
  const std::string corpus = generator.Corpus(kGeneratedBytes);
  ExpectSearch(corpus, generator.Queries(corpus, 64), GraderThreads(), "a generated corpus");
}

}  // namespace
