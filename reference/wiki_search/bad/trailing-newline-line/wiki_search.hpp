// Lines split the way Python's text.split("\n") splits them (as the lecture's WikiReader
// does with a subprocess's output): a text with k '\n' always gives k + 1 lines. So a final
// '\n' starts an extra, empty line, which the empty query then matches, and an empty corpus
// has one empty line instead of none. The threads and the order are right.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

inline std::vector<std::vector<std::size_t>> search_all(std::string_view corpus,
                                                        const std::vector<std::string>& queries,
                                                        unsigned threads) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0;;) {
    const std::size_t end = corpus.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(corpus.substr(start));  // after a final '\n': an empty "line"
      break;
    }
    lines.push_back(corpus.substr(start, end - start));
    start = end + 1;
  }
  std::vector<std::vector<std::size_t>> results(queries.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t q = next++; q < queries.size(); q = next++) {
      for (std::size_t line = 0; line < lines.size(); ++line) {
        if (lines[line].find(queries[q]) != std::string_view::npos) results[q].push_back(line);
      }
    }
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  }  // joined
  return results;
}
