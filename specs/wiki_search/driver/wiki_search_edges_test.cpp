// Hidden driver of the `wiki_search` exercise (GoogleTest): corner cases at every thread count.
//
// Lines checks what a line is: a final '\n', no final '\n', an empty corpus, empty lines,
// one very long line, many tiny lines. Matches checks what a match is: queries longer than
// any line, overlapping matches, queries at and across line ends, UTF-8 and other bytes,
// repeated queries, more queries than lines. Each corpus is searched with threads = 1 to 16,
// so most calls have more threads than lines or queries, and each answer is compared with
// SerialSearch's (see wiki_search_basics_test.cpp for the driver's theory of operation).
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "search_check.h"
#include "wiki_corpus.h"

namespace {

using wiki_search_driver::ExpectSearchAtAllThreadCounts;

// --- What a line is -------------------------------------------------------------------
TEST(Lines, FinalNewlineEndsTheLastLine) {
  const std::vector<std::string> queries = {"", "a", "c", "d"};
  for (const char* corpus : {"a\n", "abc\ndef\n", "abc\nd\n", "x\ny\nz\n", "c\nc\nc\nc\nc\n"}) {
    if (!ExpectSearchAtAllThreadCounts(corpus, queries)) return;
  }
}

TEST(Lines, LastLineWithoutNewline) {
  const std::vector<std::string> queries = {"", "a", "f", "def"};
  for (const char* corpus : {"a", "abc\ndef", "\ndef", "a\n\nf", "abc\nabc\nabcdef"}) {
    if (!ExpectSearchAtAllThreadCounts(corpus, queries)) return;
  }
}

TEST(Lines, EmptyCorpus) {
  if (!ExpectSearchAtAllThreadCounts("", {"", "a", "\n", ""})) return;
  ExpectSearchAtAllThreadCounts("", {});
}

TEST(Lines, EmptyLines) {
  const std::vector<std::string> queries = {"", "a", "b", "ab"};
  for (const char* corpus : {"\n", "\n\n", "\n\n\n\n\n\n\n", "a\n\nb\n\n", "\n\na\n\n\nb\n\n",
                             "\na", "a\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\nb"}) {
    if (!ExpectSearchAtAllThreadCounts(corpus, queries)) return;
  }
}

TEST(Lines, EmptyQueryMatchesEveryLine) {
  for (const char* corpus : {"one\ntwo\n\nfour", "one\ntwo\n\nfour\n", "\n\nthree\n\n"}) {
    if (!ExpectSearchAtAllThreadCounts(corpus, {"", "o", "", "four", ""})) return;
  }
}

TEST(Lines, OneVeryLongLine) {
  std::string line;
  for (int i = 0; line.size() < 200'000; ++i) line += "word" + std::to_string(i) + ' ';
  const std::vector<std::string> queries = {
      "", "word0 ", "word9999 ", line.substr(0, 30), line.substr(line.size() - 30), "absent"};
  if (!ExpectSearchAtAllThreadCounts(line, queries, "one line")) return;
  if (!ExpectSearchAtAllThreadCounts(line + '\n', queries, "one line and its '\\n'")) return;
  ExpectSearchAtAllThreadCounts("short\n" + line + "\nshort", queries, "a long line between two");
}

TEST(Lines, ManyTinyLines) {
  wiki_corpus::Random random(17);
  std::string corpus;
  for (int line = 0; line < 5000; ++line) {
    const std::size_t length = random.Below(4);  // a quarter of the lines are empty
    for (std::size_t i = 0; i < length; ++i) corpus += static_cast<char>('a' + random.Below(3));
    corpus += '\n';
  }
  ExpectSearchAtAllThreadCounts(corpus, {"", "a", "abc", "cc", "ccc", "d"},
                                "5000 lines of 0 to 3 letters");
}

// --- What a match is ------------------------------------------------------------------
TEST(Matches, QueriesLongerThanAnyLine) {
  const std::string corpus = "short\nlines\nonly\nshortlines\n";
  ExpectSearchAtAllThreadCounts(
      corpus, {"shortlinesonly", "short\nlines", "lines\nonly\n", corpus, corpus + corpus,
               std::string(1000, 's'), "shortlines", "shortlines\n"});
}

TEST(Matches, OverlappingMatchesCountTheLineOnce) {
  ExpectSearchAtAllThreadCounts("aaaaaaaa\nabababab\naaa\nbaab\nab\n",
                                {"aa", "aaa", "aba", "abab", "bab", "a", "b", "baab"});
}

TEST(Matches, NeverAcrossTheEndOfALine) {
  const std::vector<std::string> queries = {"c\nd", "cd", "abc", "ghi",  "def\n", "\nd",     "\n",
                                            "i",    "a",  "fg",  "f\ng", "\n\n",  "abc\ndef"};
  for (const char* corpus : {"abc\ndef\nghi", "abc\ndef\nghi\n", "abc\n\ndef\n\nghi\n\n"}) {
    if (!ExpectSearchAtAllThreadCounts(corpus, queries)) return;
  }
}

TEST(Matches, AtTheStartAndEndOfLines) {
  ExpectSearchAtAllThreadCounts("start middle end\nend start\nmiddle\nstartend\n",
                                {"start", "end", "start middle end", "middle", "dst", "tst",
                                 "end start", "startend", "d\ns", "ddle"});
}

TEST(Matches, Utf8AndOtherBytes) {
  // "Москва\nмосква\n東京 大学\n🙂 smile\nnaïve café\n" with a byte 0xff and a
  // '\0'.
  const std::string corpus =
      "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0\n"
      "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0\n"
      "\xe6\x9d\xb1\xe4\xba\xac \xe5\xa4\xa7\xe5\xad\xa6\n"
      "\xf0\x9f\x99\x82 smile\n"
      "na\xc3\xafve caf\xc3\xa9\n"
      "bytes \xff and\r\n" +
      std::string("nul \0 inside\n", 13) + "tab\there";
  ExpectSearchAtAllThreadCounts(
      corpus,
      {"\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0",  // сква: in both Moscow lines
       "\xd0\x9c",                          // М: only the capitalised one
       "\xd0",                              // a lone lead byte: every Cyrillic line
       "\xe4\xba\xac \xe5\xa4\xa7",         // 京 大
       "\xf0\x9f\x99\x82", "caf\xc3\xa9", "\xa9", "\xff", "\r", std::string("\0", 1),
       std::string("nul \0 inside", 12), "\t", "inside", "naive"},
      "");
}

TEST(Matches, RepeatedAndEmptyQueries) {
  ExpectSearchAtAllThreadCounts("red\ngreen\nblue\nred green\n",
                                {"red", "", "red", "green", "", "red", "re", "red", "e"});
}

TEST(Matches, MoreQueriesThanLines) {
  // Every string of 1 to 3 letters from {a, b, c}: 39 queries on 4 lines.
  std::vector<std::string> queries;
  for (std::string query : {"a", "b", "c"}) {
    queries.push_back(query);
    for (char second : {'a', 'b', 'c'}) {
      queries.push_back(query + second);
      for (char third : {'a', 'b', 'c'}) queries.push_back(query + second + third);
    }
  }
  ExpectSearchAtAllThreadCounts("abcabc\nccc\n\nbaab", queries);
}

TEST(Matches, QueryIsTheWholeCorpus) {
  const std::string corpus = "the whole corpus";
  ExpectSearchAtAllThreadCounts(corpus, {corpus, corpus + "\n", "whole", ""});
  ExpectSearchAtAllThreadCounts(corpus + "\n", {corpus, corpus + "\n", "whole", ""});
}

}  // namespace
