// Public tests of the `wiki_search` exercise: build them with CMakeLists.txt (see README.md).
//
// WikiSearchBasics here are the same checks as the graded `basics` test. WikiSearchPublic
// are smaller, simpler versions of the hidden tests: each compares your search_all, at many
// thread counts, with SimpleSearch below, on corpora made up here. Passing them is a good
// sign, not a guarantee. Build once with -DWIKI_SEARCH_TSAN=ON too: a data race is a failure
// even when every answer comes out right.
//
// WikiSearchPublic.DISABLED_Speed prints how long your search takes at 1 thread and at all
// the cores, on a 50 MB corpus; it only fails on wrong answers. Run it on its own:
//   ./build/public_test --gtest_also_run_disabled_tests --gtest_filter='*Speed'
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

// Angle brackets: found only through -I (WIKI_SEARCH_DIR), never next to this file.
#include <wiki_search.hpp>

namespace {

using Results = std::vector<std::vector<std::size_t>>;

// The answer, found the slowest and simplest way: line by line, query by query.
Results SimpleSearch(std::string_view corpus, const std::vector<std::string>& queries) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < corpus.size();) {
    std::size_t end = corpus.find('\n', start);
    if (end == std::string_view::npos) end = corpus.size();
    lines.push_back(corpus.substr(start, end - start));
    start = end + 1;
  }
  Results results(queries.size());
  for (std::size_t q = 0; q < queries.size(); ++q) {
    for (std::size_t line = 0; line < lines.size(); ++line) {
      if (lines[line].find(queries[q]) != std::string_view::npos) results[q].push_back(line);
    }
  }
  return results;
}

// "{0, 2, 5}", cut after 10 numbers.
std::string ListText(const std::vector<std::size_t>& lines) {
  std::string text = "{";
  for (std::size_t i = 0; i < lines.size() && i < 10; ++i) {
    text += (i > 0 ? ", " : "") + std::to_string(lines[i]);
  }
  if (lines.size() > 10) text += ", ... (" + std::to_string(lines.size()) + " numbers)";
  return text + "}";
}

// `text` in double quotes, with '\n' shown as \n.
std::string Quoted(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) quoted += c == '\n' ? std::string("\\n") : std::string(1, c);
  return quoted + "\"";
}

// Fails unless `actual` equals `expected`, naming the first wrong result.
void ExpectSame(const Results& actual, const Results& expected,
                const std::vector<std::string>& queries, const std::string& call) {
  if (actual.size() != expected.size()) {
    ADD_FAILURE() << call << ": " << actual.size() << " result lists for " << queries.size()
                  << " queries (expected one per query)";
    return;
  }
  for (std::size_t q = 0; q < actual.size(); ++q) {
    if (actual[q] != expected[q]) {
      ADD_FAILURE() << call << ": results[" << q << "] (query " << Quoted(queries[q])
                    << ") = " << ListText(actual[q]) << ", expected " << ListText(expected[q]);
      return;
    }
  }
}

TEST(WikiSearchBasics, OneLineOneQuery) {
  EXPECT_EQ(search_all("hello world", {"world"}, 1), Results({{0}}));
  EXPECT_EQ(search_all("hello world", {"hello world"}, 1), Results({{0}}));
  EXPECT_EQ(search_all("hello world", {"planet"}, 1), Results({{}}));
}

TEST(WikiSearchBasics, ResultsInQueryOrder) {
  EXPECT_EQ(search_all("apple pie\nbanana split\napple juice\ncherry\n",
                       {"apple", "banana", "juice", "kiwi", "e"}, 1),
            Results({{0, 2}, {1}, {2}, {}, {0, 2, 3}}));
}

TEST(WikiSearchBasics, FinalNewlineEndsTheLastLine) {
  EXPECT_EQ(search_all("a\nb\n", {"", "b"}, 1), Results({{0, 1}, {1}}))
      << "\"a\\nb\\n\" has two lines: a final '\\n' does not start a third, empty one";
  EXPECT_EQ(search_all("only line\n", {""}, 1), Results({{0}}));
}

TEST(WikiSearchBasics, LastLineWithoutNewline) {
  EXPECT_EQ(search_all("a\nb", {"", "b"}, 1), Results({{0, 1}, {1}}));
}

TEST(WikiSearchBasics, EmptyCorpusHasNoLines) {
  EXPECT_EQ(search_all("", {"", "a"}, 1), Results({{}, {}}));
}

TEST(WikiSearchBasics, EmptyLinesAreLines) {
  EXPECT_EQ(search_all("a\n\nb\n\n", {"", "b", "a"}, 1), Results({{0, 1, 2, 3}, {2}, {0}}));
  EXPECT_EQ(search_all("\n", {"", "x"}, 1), Results({{0}, {}}));
}

TEST(WikiSearchBasics, NoQueriesNoResults) { EXPECT_EQ(search_all("a\nb\n", {}, 1), Results()); }

TEST(WikiSearchBasics, LineListedOnceHoweverManyMatches) {
  EXPECT_EQ(search_all("aaaa\nbab\n", {"aa", "a", "b"}, 1), Results({{0}, {0, 1}, {1}}));
}

TEST(WikiSearchBasics, QueryLongerThanAnyLine) {
  EXPECT_EQ(search_all("ab\nabc\n", {"abcd", "abcabc"}, 1), Results({{}, {}}));
}

TEST(WikiSearchBasics, NoMatchAcrossLines) {
  EXPECT_EQ(search_all("ab\ncd\n", {"bc", "b\nc", "ab\ncd"}, 1), Results({{}, {}, {}}));
}

TEST(WikiSearchBasics, BytesCompareExactly) {
  EXPECT_EQ(
      search_all("Apple\napple\n\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0\n",  // Москва
                 {"apple", "A", "\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0"},                  // сква
                 1),
      Results({{1}, {0}, {2}}));
}

TEST(WikiSearchBasics, RepeatedQueries) {
  EXPECT_EQ(search_all("x\ny\nx\n", {"x", "y", "x"}, 1), Results({{0, 2}, {1}, {0, 2}}));
}

// --- With threads ---------------------------------------------------------------------
// A made-up text of `bytes` bytes: lines of 0 to 60 words from a small vocabulary, where
// "the" is frequent and "zebra" rare. Deterministic: the same text on every machine.
std::string MadeUpCorpus(std::size_t bytes) {
  static const char* const kWords[] = {"the", "of",   "and",  "wiki", "page",  "search", "thread",
                                       "the", "line", "text", "the",  "query", "lock",   "zebra"};
  std::uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(state >> 33);
  };
  std::string corpus;
  while (corpus.size() < bytes) {
    const std::size_t words = next() % 61;
    for (std::size_t w = 0; w < words; ++w) {
      const std::size_t pick = next() % 14;
      if (pick == 13 && next() % 50 != 0) continue;  // zebras are rare
      corpus += kWords[pick];
      corpus += ' ';
    }
    corpus += '\n';
  }
  return corpus;
}

const std::vector<std::string> kQueries = {"the",  "zebra", "",          "search thread", "lock ",
                                           "e\nt", "q",     "wikipedia", "of the",        "xyz"};

TEST(WikiSearchPublic, SmallCorporaAtEveryThreadCount) {
  for (std::string_view corpus :
       {"", "\n", "a", "a\n", "ab\n\ncd\n", "x\ny\nz", "the end\n\n\nthe start\nzebra\n"}) {
    const std::vector<std::string> queries = {"", "a", "the", "\n", "end\nthe", "zebra", "z"};
    const Results expected = SimpleSearch(corpus, queries);
    for (unsigned threads = 1; threads <= 16; ++threads) {
      ExpectSame(search_all(corpus, queries, threads), expected, queries,
                 "corpus " + Quoted(corpus) + ", threads = " + std::to_string(threads));
    }
  }
}

TEST(WikiSearchPublic, ManyQueriesAtEveryThreadCount) {
  const std::string corpus = MadeUpCorpus(300'000);
  std::vector<std::string> queries;
  for (int i = 0; i < 20; ++i) queries.insert(queries.end(), kQueries.begin(), kQueries.end());
  const Results expected = SimpleSearch(corpus, queries);
  for (unsigned threads = 1; threads <= 8; ++threads) {
    ExpectSame(search_all(corpus, queries, threads), expected, queries,
               "300 KB corpus, 200 queries, threads = " + std::to_string(threads));
  }
}

TEST(WikiSearchPublic, MoreThreadsThanLinesAndQueries) {
  const std::string corpus = "one\ntwo\nthree\n";
  const std::vector<std::string> queries = {"o", "e"};
  ExpectSame(search_all(corpus, queries, 16), SimpleSearch(corpus, queries), queries,
             "3 lines, 2 queries, threads = 16");
}

TEST(WikiSearchPublic, DISABLED_Speed) {
  const std::string corpus = MadeUpCorpus(50'000'000);
  std::vector<std::string> queries;
  while (queries.size() < 64) queries.insert(queries.end(), kQueries.begin(), kQueries.end());
  queries.resize(64);
  const Results expected = SimpleSearch(corpus, queries);
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  double one_thread = 0;
  for (unsigned threads : {1u, cores}) {
    const auto start = std::chrono::steady_clock::now();
    const Results results = search_all(corpus, queries, threads);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (threads == 1) one_thread = seconds;
    std::cout << "50 MB, 64 queries, threads = " << threads << ": " << seconds << " s";
    if (threads > 1) std::cout << " (speedup " << one_thread / seconds << ")";
    std::cout << "\n";
    ExpectSame(results, expected, queries, "50 MB corpus, threads = " + std::to_string(threads));
  }
}

}  // namespace
