// Right answers, but no speedup: the work is cut into pieces of whole lines for `threads`
// threads, yet each thread is joined right after it is started, so only one ever runs at a
// time. Start all the threads first, then join them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <numeric>
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
  std::vector<std::size_t> lines_in(pieces, 0);
  std::vector<std::vector<std::vector<std::size_t>>> found(
      pieces, std::vector<std::vector<std::size_t>>(queries.size()));
  auto work = [&](unsigned piece) {
    const std::string_view text = corpus.substr(begins[piece], begins[piece + 1] - begins[piece]);
    std::vector<std::size_t> starts;
    for (std::size_t at = 0; at < text.size();) {
      starts.push_back(at);
      const std::size_t newline = text.find('\n', at);
      if (newline == std::string_view::npos) break;
      at = newline + 1;
    }
    lines_in[piece] = starts.size();
    for (std::size_t q = 0; q < queries.size(); ++q) {
      const std::string_view query = queries[q];
      if (query.empty()) {
        found[piece][q].resize(starts.size());
        std::iota(found[piece][q].begin(), found[piece][q].end(), std::size_t{0});
        continue;
      }
      if (query.find('\n') != std::string_view::npos) continue;
      std::size_t line = 0;
      for (std::size_t at = text.find(query); at != std::string_view::npos;) {
        line = static_cast<std::size_t>(std::upper_bound(starts.begin() + line, starts.end(), at) -
                                        starts.begin()) -
               1;
        found[piece][q].push_back(line);
        if (line + 1 == starts.size()) break;
        at = text.find(query, starts[line + 1]);
      }
    }
  };
  for (unsigned piece = 0; piece < pieces; ++piece) {
    std::thread thread(work, piece);
    thread.join();  // waits for this piece before the next thread even starts
  }
  std::vector<std::vector<std::size_t>> results(queries.size());
  std::size_t first_line = 0;
  for (unsigned piece = 0; piece < pieces; ++piece) {
    for (std::size_t q = 0; q < queries.size(); ++q) {
      for (std::size_t line : found[piece][q]) results[q].push_back(first_line + line);
    }
    first_line += lines_in[piece];
  }
  return results;
}
