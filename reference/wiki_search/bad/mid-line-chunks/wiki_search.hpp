// The corpus is cut into `threads` pieces of equal size, wherever the cut falls, and each
// thread finds the queries in its piece alone. A match that runs across a cut is found by
// neither thread, and a line cut in two is listed by both threads when both halves hold the
// query (the empty query, for one). With one thread there is no cut and all is right. Cut at
// line ends instead.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

inline std::vector<std::vector<std::size_t>> search_all(std::string_view corpus,
                                                        const std::vector<std::string>& queries,
                                                        unsigned threads) {
  // found[piece][query]: line numbers in the whole corpus, found in that piece.
  std::vector<std::vector<std::vector<std::size_t>>> found(
      threads, std::vector<std::vector<std::size_t>>(queries.size()));
  auto work = [&](unsigned piece) {
    const std::size_t begin = corpus.size() * piece / threads;
    const std::size_t end = corpus.size() * (piece + 1) / threads;
    const std::string_view text = corpus.substr(begin, end - begin);
    const std::size_t first_line =
        static_cast<std::size_t>(std::count(corpus.begin(), corpus.begin() + begin, '\n'));
    for (std::size_t q = 0; q < queries.size(); ++q) {
      // Each line of the piece, as far as the piece goes.
      std::size_t line = first_line;
      for (std::size_t start = 0; start < text.size(); ++line) {
        std::size_t stop = text.find('\n', start);
        if (stop == std::string_view::npos) stop = text.size();
        if (text.substr(start, stop - start).find(queries[q]) != std::string_view::npos) {
          found[piece][q].push_back(line);
        }
        start = stop + 1;
      }
    }
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned piece = 0; piece < threads; ++piece) pool.emplace_back(work, piece);
  }
  std::vector<std::vector<std::size_t>> results(queries.size());
  for (unsigned piece = 0; piece < threads; ++piece) {
    for (std::size_t q = 0; q < queries.size(); ++q) {
      results[q].insert(results[q].end(), found[piece][q].begin(), found[piece][q].end());
    }
  }
  return results;
}
