// The threads share the work through a plain counter, `next`: each takes the next query with
// `q = next++`. That read-and-increment is not atomic and not locked, so two threads may read
// the same value and search the same query while another is skipped, and in any case the
// unsynchronised accesses are a data race. Make the counter a std::atomic<std::size_t> (its
// ++ is one indivisible step), or take a mutex around it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

inline std::vector<std::vector<std::size_t>> search_all(std::string_view corpus,
                                                        const std::vector<std::string>& queries,
                                                        unsigned threads) {
  std::vector<std::vector<std::size_t>> results(queries.size());
  std::size_t next = 0;  // shared by all the threads, unprotected
  auto work = [&] {
    for (std::size_t q = next++; q < queries.size(); q = next++) {
      std::vector<std::size_t> lines;
      std::size_t number = 0;
      for (std::size_t start = 0; start < corpus.size(); ++number) {
        std::size_t end = corpus.find('\n', start);
        if (end == std::string_view::npos) end = corpus.size();
        if (corpus.substr(start, end - start).find(queries[q]) != std::string_view::npos) {
          lines.push_back(number);
        }
        start = end + 1;
      }
      results[q] = std::move(lines);
    }
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  }
  return results;
}
