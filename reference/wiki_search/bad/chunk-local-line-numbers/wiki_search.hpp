// Pieces of whole lines, one per thread, each searched on its own, answers joined in corpus
// order: all right, except that each thread numbers the lines of its piece from 0. A line
// number must count the lines of the whole corpus: add the number of lines in the pieces
// before.
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
  const unsigned pieces = std::max(1u, threads);
  std::vector<std::size_t> begins(pieces + 1, corpus.size());  // begins[pieces]: the end
  begins[0] = 0;
  for (unsigned piece = 1; piece < pieces; ++piece) {
    const std::size_t cut = std::max(begins[piece - 1], corpus.size() / pieces * piece);
    const std::size_t newline = cut == 0 ? 0 : corpus.find('\n', cut - 1);
    begins[piece] = cut == 0 ? 0 : newline == std::string_view::npos ? corpus.size() : newline + 1;
  }
  std::vector<std::vector<std::vector<std::size_t>>> found(
      pieces, std::vector<std::vector<std::size_t>>(queries.size()));
  auto work = [&](unsigned piece) {
    const std::string_view text = corpus.substr(begins[piece], begins[piece + 1] - begins[piece]);
    for (std::size_t q = 0; q < queries.size(); ++q) {
      std::size_t line = 0;  // counted from the start of the piece
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
    for (unsigned piece = 0; piece < pieces; ++piece) pool.emplace_back(work, piece);
  }
  std::vector<std::vector<std::size_t>> results(queries.size());
  for (unsigned piece = 0; piece < pieces; ++piece) {
    for (std::size_t q = 0; q < queries.size(); ++q) {
      results[q].insert(results[q].end(), found[piece][q].begin(), found[piece][q].end());
    }
  }
  return results;
}
