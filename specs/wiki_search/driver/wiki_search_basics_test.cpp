// Hidden driver of the `wiki_search` exercise (GoogleTest): the single-threaded contract.
//
// Theory of operation: the driver never sees wiki_search.hpp. It calls the student's
// search_all only through wiki_search_adapter.h, which glue/wiki_search_glue.cpp implements
// per submission, so the driver is compiled once per flavor. WikiSearchBasics (this file)
// checks the contract on small hand-made corpora with threads = 1, the same checks as the
// public tests; the answers are written out here. Lines and Matches (wiki_search_edges_test)
// check the corner cases at every thread count from 1 to 16, Order and Chunks
// (wiki_search_threads_test) check larger searches at GRADER_THREADS threads, and Speed
// (wiki_search_speed_test) times a 50 MB search. Those take their expected answers from
// SerialSearch (search_check.h), and their corpora from the seeded generator in
// wiki_corpus.h. Every corpus is passed in a heap block of exactly its size (ExactText), so
// AddressSanitizer reports a search that reads past its end.
//
// Failure messages are read by students: each says what was called, what came back, what was
// expected and what that usually means (search_check.cpp, Compare).
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "search_check.h"

namespace {

using wiki_search_driver::Compare;
using wiki_search_driver::ExactText;
using wiki_search_driver::Results;
using wiki_search_driver::RunContext;
using wiki_search_driver::Search;

// Fails the test unless search_all(corpus, queries, 1) returns `expected`.
void ExpectResults(std::string_view corpus, const std::vector<std::string>& queries,
                   const Results& expected) {
  const ExactText exact(corpus);
  const std::string problem =
      Compare(Search(exact.view(), queries, 1), expected, corpus, queries, 1, "");
  if (!problem.empty()) ADD_FAILURE() << problem << RunContext();
}

TEST(WikiSearchBasics, OneLineOneQuery) {
  ExpectResults("hello world", {"world"}, {{0}});
  ExpectResults("hello world", {"hello world"}, {{0}});
  ExpectResults("hello world", {"planet"}, {{}});
}

TEST(WikiSearchBasics, ResultsInQueryOrder) {
  ExpectResults("apple pie\nbanana split\napple juice\ncherry\n",
                {"apple", "banana", "juice", "kiwi", "e"}, {{0, 2}, {1}, {2}, {}, {0, 2, 3}});
}

TEST(WikiSearchBasics, FinalNewlineEndsTheLastLine) {
  ExpectResults("a\nb\n", {"", "b"}, {{0, 1}, {1}});
  ExpectResults("only line\n", {""}, {{0}});
}

TEST(WikiSearchBasics, LastLineWithoutNewline) { ExpectResults("a\nb", {"", "b"}, {{0, 1}, {1}}); }

TEST(WikiSearchBasics, EmptyCorpusHasNoLines) { ExpectResults("", {"", "a"}, {{}, {}}); }

TEST(WikiSearchBasics, EmptyLinesAreLines) {
  ExpectResults("a\n\nb\n\n", {"", "b", "a"}, {{0, 1, 2, 3}, {2}, {0}});
  ExpectResults("\n", {"", "x"}, {{0}, {}});
}

TEST(WikiSearchBasics, NoQueriesNoResults) { ExpectResults("a\nb\n", {}, {}); }

TEST(WikiSearchBasics, LineListedOnceHoweverManyMatches) {
  ExpectResults("aaaa\nbab\n", {"aa", "a", "b"}, {{0}, {0, 1}, {1}});
}

TEST(WikiSearchBasics, QueryLongerThanAnyLine) {
  ExpectResults("ab\nabc\n", {"abcd", "abcabc"}, {{}, {}});
}

TEST(WikiSearchBasics, NoMatchAcrossLines) {
  ExpectResults("ab\ncd\n", {"bc", "b\nc", "ab\ncd"}, {{}, {}, {}});
}

TEST(WikiSearchBasics, BytesCompareExactly) {
  ExpectResults("Apple\napple\n\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0\n",  // Москва
                {"apple", "A", "\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0"},                  // сква
                {{1}, {0}, {2}});
}

TEST(WikiSearchBasics, RepeatedQueries) {
  ExpectResults("x\ny\nx\n", {"x", "y", "x"}, {{0, 2}, {1}, {0, 2}});
}

}  // namespace
