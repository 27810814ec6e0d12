#include "search_check.h"

#include <cxxabi.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>
#include <thread>
#include <typeinfo>

#include "wiki_corpus.h"

namespace wiki_search_driver {
namespace {

std::uint64_t EnvNumber(const char* name, std::uint64_t fallback, std::uint64_t min,
                        std::uint64_t max) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  std::string_view view(text);
  std::uint64_t number = 0;
  auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), number);
  if (error != std::errc() || end != view.data() + view.size() || number < min || number > max) {
    std::fprintf(stderr, "wiki_search driver: %s='%s' is not a number in [%llu, %llu]\n", name,
                 text, static_cast<unsigned long long>(min), static_cast<unsigned long long>(max));
    std::exit(3);
  }
  return number;
}

std::string Demangle(const char* name) {
  if (name == nullptr) return "an unknown type";
  int status = 0;
  char* readable = abi::__cxa_demangle(name, nullptr, nullptr, &status);
  std::string text = status == 0 && readable != nullptr ? readable : name;
  std::free(readable);
  return text;
}

// The length of the valid UTF-8 sequence at text[at], or 0 when there is none.
std::size_t Utf8Length(std::string_view text, std::size_t at) {
  const unsigned char lead = static_cast<unsigned char>(text[at]);
  std::size_t length = 0;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((static_cast<unsigned char>(text[at + i]) & 0xc0) != 0x80) return 0;
  }
  return length;
}

// "line 12 \"...the query in its place...\"": a line, around the first place that holds
// `query` (or its start), for messages.
std::string LineText(const std::vector<std::string_view>& lines, std::size_t number,
                     std::string_view query) {
  std::string text = "line " + std::to_string(number);
  if (number >= lines.size()) return text;
  const std::string_view line = lines[number];
  std::size_t at = query.empty() ? std::string_view::npos : line.find(query);
  std::size_t from = at == std::string_view::npos || at < 20 ? 0 : at - 20;
  while (from > 0 && (static_cast<unsigned char>(line[from]) & 0xc0) == 0x80) --from;
  const std::size_t shown = std::max<std::size_t>(60, query.size() + 40);
  text += " (";
  text += std::to_string(line.size());
  text += " bytes) ";
  if (from > 0) text += "...";
  text += Quote(line.substr(from, shown), shown);
  if (from + shown < line.size()) text += "...";
  return text;
}

// "{"a", "", "x"}" for a few short queries, else "200 queries".
std::string QueriesText(const std::vector<std::string>& queries) {
  std::size_t bytes = 0;
  for (const std::string& query : queries) bytes += query.size();
  if (queries.size() > 6 || bytes > 80) return std::to_string(queries.size()) + " queries";
  std::string text = "{";
  for (std::size_t i = 0; i < queries.size(); ++i) {
    text += (i > 0 ? ", " : "") + Quote(queries[i], 40);
  }
  return text + "}";
}

bool StrictlyAscending(const std::vector<std::size_t>& lines) {
  return std::adjacent_find(lines.begin(), lines.end(), std::greater_equal<>()) == lines.end();
}

// What is wrong with one result list, for a student. `actual` differs from `expected`.
std::string DescribeWrongList(const std::vector<std::size_t>& actual,
                              const std::vector<std::size_t>& expected,
                              const std::vector<std::string_view>& lines, std::string_view corpus,
                              std::string_view query, unsigned threads) {
  std::ostringstream text;
  text << ListText(actual) << ", expected " << ListText(expected) << ".";
  if (!StrictlyAscending(actual)) {
    const auto bad = std::adjacent_find(actual.begin(), actual.end(), std::greater_equal<>());
    if (bad[0] == bad[1]) {
      text << " Line " << bad[0]
           << " is listed twice: each line that holds the query is listed once, however many "
              "times it holds it (even overlapping).";
    } else {
      text << " " << bad[0] << " comes before " << bad[1]
           << ": the line numbers of each query must be ascending.";
    }
    if (threads > 1) {
      text << " If the threads search pieces of the corpus: is a line cut between two pieces "
              "and found in both, does a piece number its lines from 0 instead of from its "
              "first line's number in the corpus, or are the pieces' finds joined in the order "
              "the threads finish instead of in corpus order?";
    }
    return text.str();
  }
  std::vector<std::size_t> missing;
  std::vector<std::size_t> extra;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                      std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                      std::back_inserter(extra));
  if (actual.size() == expected.size() && !actual.empty()) {
    const long long shift = static_cast<long long>(actual[0]) - static_cast<long long>(expected[0]);
    bool shifted = true;
    for (std::size_t k = 0; k < actual.size() && shifted; ++k) {
      shifted = static_cast<long long>(actual[k]) - static_cast<long long>(expected[k]) == shift;
    }
    if (shifted) {
      text << " Every line number is off by " << shift
           << ": lines are numbered from 0 over the whole corpus, and empty lines count.";
      return text.str();
    }
  }
  if (!extra.empty()) {
    const std::size_t line = extra[0];
    if (line >= lines.size()) {
      text << " Line " << line << " does not exist: the corpus has " << lines.size()
           << (lines.size() == 1 ? " line" : " lines");
      if (lines.size() > 1) text << ", numbered 0 to " << lines.size() - 1;
      text << ".";
      if (line == lines.size() && !corpus.empty() && corpus.back() == '\n') {
        text << " A final '\\n' ends the last line; it does not start another, empty one.";
      }
      if (corpus.empty()) text << " An empty corpus has no lines at all.";
    } else if (query.find('\n') != std::string_view::npos) {
      text << " The query holds a '\\n', and a line never does, so it matches no line: a match "
              "that runs across the end of a line does not count.";
    } else {
      text << " " << LineText(lines, line, query) << " does not hold " << Quote(query, 40)
           << (extra.size() > 1 ? " (nor do " + std::to_string(extra.size() - 1) + " more)" : "")
           << ".";
    }
  }
  if (!missing.empty()) {
    text << " Missing: " << LineText(lines, missing[0], query);
    if (missing.size() > 1) {
      text << " and " << missing.size() - 1 << (missing.size() == 2 ? " more line" : " more lines");
    }
    text << ".";
    if (query.empty()) text << " The empty query matches every line, empty lines included.";
    if (threads > 1) {
      text << " If the threads search pieces of the corpus: is a piece cut in the middle of a "
              "line, or a line skipped where a piece starts?";
    }
  }
  return text.str();
}

}  // namespace

unsigned GraderThreads() {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(EnvNumber("GRADER_THREADS", cores, 1, 256));
}

std::uint64_t GraderSeed() { return EnvNumber("GRADER_SEED", 1, 0, UINT64_MAX); }

std::string RunContext() {
  std::string text = " [";
  if (const char* threads = std::getenv("GRADER_THREADS"); threads != nullptr) {
    text += "GRADER_THREADS=" + std::to_string(GraderThreads()) + " ";
  }
  return text + "GRADER_SEED=" + std::to_string(GraderSeed()) + "]";
}

Results SerialSearch(std::string_view corpus, const std::vector<std::string>& queries) {
  const std::vector<std::string_view> lines = wiki_corpus::SplitLines(corpus);
  Results results(queries.size());
  for (std::size_t q = 0; q < queries.size(); ++q) {
    for (std::size_t line = 0; line < lines.size(); ++line) {
      if (lines[line].find(queries[q]) != std::string_view::npos) results[q].push_back(line);
    }
  }
  return results;
}

ExactText::ExactText(std::string_view text)
    : bytes_(new char[std::max<std::size_t>(1, text.size())]), size_(text.size()) {
  if (!text.empty()) std::memcpy(bytes_.get(), text.data(), text.size());
}

Outcome Search(std::string_view corpus, const std::vector<std::string>& queries, unsigned threads) {
  Outcome outcome;
  try {
    outcome.results = wiki_search_adapter::SearchAll(corpus, queries, threads);
    outcome.returned = true;
  } catch (const std::exception& error) {
    outcome.error = Demangle(typeid(error).name()) + ": " + error.what();
  } catch (...) {
    outcome.error =
        "an exception of type " + Demangle(abi::__cxa_current_exception_type() == nullptr
                                               ? nullptr
                                               : abi::__cxa_current_exception_type()->name());
  }
  return outcome;
}

std::string Compare(const Outcome& outcome, const Results& expected, std::string_view corpus,
                    const std::vector<std::string>& queries, unsigned threads,
                    std::string_view what) {
  if (outcome.returned && outcome.results == expected) return "";
  const std::vector<std::string_view> lines = wiki_corpus::SplitLines(corpus);
  std::ostringstream text;
  const char* line_word = lines.size() == 1 ? " line" : " lines";
  text << "search_all(";
  if (what.empty()) {
    text << Quote(corpus, 80) << " (" << lines.size() << line_word << ")";
  } else {
    text << what << " (" << corpus.size() << " bytes, " << lines.size() << line_word << ")";
  }
  text << ", " << QueriesText(queries) << ", " << threads << ") ";
  if (!outcome.returned) {
    text << "threw " << outcome.error;
    if (outcome.error.find("Resource temporarily unavailable") != std::string::npos) {
      text << " (no more threads could be started: start at most `threads` threads, not one "
              "per query or per line)";
    }
    return text.str();
  }
  const Results& actual = outcome.results;
  if (actual.size() != queries.size()) {
    text << "returned " << actual.size() << " result lists for " << queries.size()
         << " queries: expected one list per query, results[i] for queries[i]";
    return text.str();
  }
  std::size_t wrong = 0;
  while (actual[wrong] == expected[wrong]) ++wrong;
  text << "returned a wrong results[" << wrong << "], for queries[" << wrong
       << "] = " << Quote(queries[wrong], 80) << ": ";
  // The right answers in a wrong order: the same lists, rearranged.
  Results sorted_actual = actual;
  Results sorted_expected = expected;
  std::sort(sorted_actual.begin(), sorted_actual.end());
  std::sort(sorted_expected.begin(), sorted_expected.end());
  std::size_t answer_of = queries.size();
  for (std::size_t j = 0; j < queries.size() && sorted_actual == sorted_expected; ++j) {
    if (expected[j] == actual[wrong]) {
      answer_of = j;
      break;
    }
  }
  if (answer_of < queries.size()) {
    text << ListText(actual[wrong]) << ", which is the answer for queries[" << answer_of
         << "] = " << Quote(queries[answer_of], 80) << " (expected " << ListText(expected[wrong])
         << "). The results are not in query order: this is the lecture's \"Failed on results "
            "order\". Threads finish in any order; store each query's answer at its own index, "
            "results[i] for queries[i], instead of appending answers as they come.";
  } else {
    text << DescribeWrongList(actual[wrong], expected[wrong], lines, corpus, queries[wrong],
                              threads);
  }
  if (threads > 1) {
    const Outcome serial = Search(corpus, queries, 1);
    if (serial.returned && serial.results == expected) {
      text << " With threads = 1 the same call returned the right results: the mistake is in "
              "how the work is split between the threads or how their results are joined.";
    } else {
      text << " With threads = 1 the same call is wrong too.";
    }
  }
  return text.str();
}

bool ExpectSearch(std::string_view corpus, const std::vector<std::string>& queries,
                  unsigned threads, std::string_view what) {
  const ExactText exact(corpus);
  const Results expected = SerialSearch(corpus, queries);
  const std::string problem =
      Compare(Search(exact.view(), queries, threads), expected, corpus, queries, threads, what);
  if (!problem.empty()) ADD_FAILURE() << problem << RunContext();
  return problem.empty();
}

bool ExpectSearchAtAllThreadCounts(std::string_view corpus, const std::vector<std::string>& queries,
                                   std::string_view what) {
  const ExactText exact(corpus);
  const Results expected = SerialSearch(corpus, queries);
  for (unsigned threads = 1; threads <= 16; ++threads) {
    const std::string problem =
        Compare(Search(exact.view(), queries, threads), expected, corpus, queries, threads, what);
    if (!problem.empty()) {
      ADD_FAILURE() << problem << RunContext();
      return false;
    }
  }
  return true;
}

int ThreadsNow() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::atoi(line.c_str() + 8);
  }
  return 0;
}

ThreadWatch::ThreadWatch() {
  watcher_ = std::thread([this] {
    while (!stop_.load()) {
      const int now = ThreadsNow();
      if (now > peak_.load()) peak_.store(now);
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
  });
  baseline_ = ThreadsNow();  // the watcher's thread included
}

ThreadWatch::~ThreadWatch() {
  if (watcher_.joinable()) Stop();
}

int ThreadWatch::Stop() {
  stop_.store(true);
  watcher_.join();
  return std::max(0, peak_.load() - baseline_);
}

std::string Quote(std::string_view text, std::size_t max) {
  std::string quoted = "\"";
  std::size_t shown = 0;
  while (shown < text.size() && quoted.size() < max) {
    const unsigned char c = static_cast<unsigned char>(text[shown]);
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += static_cast<char>(c);
    } else if (c == '\n') {
      quoted += "\\n";
    } else if (c >= 0x20 && c < 0x7f) {
      quoted += static_cast<char>(c);
    } else if (const std::size_t length = Utf8Length(text, shown); length > 0) {
      quoted += text.substr(shown, length);
      shown += length;
      continue;
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      quoted += "\\x";
      quoted += kHex[c >> 4];
      quoted += kHex[c & 15];
    }
    ++shown;
  }
  quoted += '"';
  if (shown < text.size()) quoted += "... (" + std::to_string(text.size()) + " bytes)";
  return quoted;
}

std::string ListText(const std::vector<std::size_t>& lines, std::size_t max) {
  std::string text = "{";
  for (std::size_t i = 0; i < lines.size() && i < max; ++i) {
    text += (i > 0 ? ", " : "") + std::to_string(lines[i]);
  }
  if (lines.size() > max) text += ", ... (" + std::to_string(lines.size()) + " numbers)";
  return text + "}";
}

}  // namespace wiki_search_driver
