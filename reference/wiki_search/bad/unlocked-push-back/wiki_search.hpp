// Query t, t + threads, t + 2 * threads, ... go to thread t, and every thread appends
// (query index, answer) to one shared vector with push_back, without a lock; the answers are
// sorted by query index at the end, so the order would be right. But push_back writes the
// vector's size and may reallocate its storage: two threads doing it at once is a data race
// (lost answers, or a crash). Python's GIL made the lecture's res.append safe; C++ has no
// GIL. Give each query its own slot (results[i]) or take a mutex around the push_back.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

inline std::vector<std::size_t> search_one(std::string_view corpus, std::string_view query) {
  std::vector<std::size_t> lines;
  std::size_t number = 0;
  for (std::size_t start = 0; start < corpus.size(); ++number) {
    std::size_t end = corpus.find('\n', start);
    if (end == std::string_view::npos) end = corpus.size();
    if (corpus.substr(start, end - start).find(query) != std::string_view::npos) {
      lines.push_back(number);
    }
    start = end + 1;
  }
  return lines;
}

inline std::vector<std::vector<std::size_t>> search_all(std::string_view corpus,
                                                        const std::vector<std::string>& queries,
                                                        unsigned threads) {
  std::vector<std::pair<std::size_t, std::vector<std::size_t>>> answers;
  auto work = [&](unsigned first) {
    for (std::size_t q = first; q < queries.size(); q += threads) {
      answers.push_back({q, search_one(corpus, queries[q])});  // no lock
    }
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
  }
  std::sort(answers.begin(), answers.end());
  std::vector<std::vector<std::size_t>> results;
  for (auto& [query, lines] : answers) results.push_back(std::move(lines));
  return results;
}
