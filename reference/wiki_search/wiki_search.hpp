// Reference solution of `wiki_search`: the lecture's WikiReader, with threads that really run
// at the same time, and results in query order.
//
// The corpus is cut into pieces of whole lines, several per thread, each about 1 MiB (so it
// stays in a core's cache while every query is searched in it). The threads take pieces from
// an atomic counter until none is left; each piece's answer goes to its own slot, which only
// the thread that took the piece writes, so no lock is needed, and std::jthread's join makes
// every slot visible to the caller. The caller then joins the answers piece by piece, in
// corpus order, shifting each piece's line numbers by the lines before it: the results come
// out in query order and ascending, whichever thread finished first.
//
// In a piece, each query is found with std::string_view::find over the whole piece, not
// line by line: a query without '\n' can only occur inside one line, so each occurrence
// names its line (a binary search over the piece's line starts), and the search goes on at
// the next line, so a line is listed once however many times it holds the query. A query
// holding '\n' matches no line; the empty query matches every line.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <numeric>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace wiki_search_detail {

inline constexpr std::size_t kPieceBytes = std::size_t{1} << 20;  // target size of a piece
inline constexpr std::size_t kMinPieceBytes = std::size_t{16} << 10;
inline constexpr std::size_t kPiecesPerThread = 4;  // so that a slow piece does not idle others

// Bytes [begin, end) of the corpus: whole lines, `begin` at a line start.
struct Piece {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// One piece's answer: its number of lines and, per query, the lines that hold the query,
// counted from the piece's first line.
struct PieceAnswer {
  std::size_t lines = 0;
  std::vector<std::vector<std::size_t>> found;  // [query]
};

// Cuts the corpus into at most `count` pieces of about equal size, each ending after a '\n'
// (or at the end of the corpus). A line longer than a piece makes its piece longer, and the
// pieces it swallows are left out, never empty or overlapping.
inline std::vector<Piece> CutIntoPieces(std::string_view corpus, std::size_t count) {
  std::vector<Piece> pieces;
  std::size_t begin = 0;
  for (std::size_t k = 1; k <= count && begin < corpus.size(); ++k) {
    std::size_t end = corpus.size() / count * k + corpus.size() % count * k / count;
    if (end <= begin) continue;
    // Extend to the end of the line that holds byte end - 1.
    const std::size_t newline = corpus.find('\n', end - 1);
    end = k == count || newline == std::string_view::npos ? corpus.size() : newline + 1;
    pieces.push_back({begin, end});
    begin = end;
  }
  return pieces;
}

inline PieceAnswer SearchPiece(std::string_view text, const std::vector<std::string>& queries) {
  std::vector<std::size_t> starts;  // where each line of the piece starts
  for (std::size_t at = 0; at < text.size();) {
    starts.push_back(at);
    const std::size_t newline = text.find('\n', at);
    if (newline == std::string_view::npos) break;
    at = newline + 1;
  }
  PieceAnswer answer;
  answer.lines = starts.size();
  answer.found.resize(queries.size());
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const std::string_view query = queries[q];
    std::vector<std::size_t>& found = answer.found[q];
    if (query.empty()) {
      found.resize(starts.size());
      std::iota(found.begin(), found.end(), std::size_t{0});
      continue;
    }
    if (query.find('\n') != std::string_view::npos) continue;
    std::size_t line = 0;
    for (std::size_t at = text.find(query); at != std::string_view::npos;) {
      line = static_cast<std::size_t>(std::upper_bound(starts.begin() + line, starts.end(), at) -
                                      starts.begin()) -
             1;
      found.push_back(line);
      if (line + 1 == starts.size()) break;
      at = text.find(query, starts[line + 1]);
    }
  }
  return answer;
}

}  // namespace wiki_search_detail

// For each query, in query order, the 0-based numbers of the lines of `corpus` that hold it,
// ascending. Uses at most `threads` threads: the caller and threads - 1 it starts.
inline std::vector<std::vector<std::size_t>> search_all(std::string_view corpus,
                                                        const std::vector<std::string>& queries,
                                                        unsigned threads) {
  using namespace wiki_search_detail;
  const std::size_t workers = std::max(1u, threads);
  const std::size_t wanted = std::max(workers * kPiecesPerThread, corpus.size() / kPieceBytes);
  const std::size_t count = std::clamp<std::size_t>(corpus.size() / kMinPieceBytes, 1, wanted);
  const std::vector<Piece> pieces = CutIntoPieces(corpus, count);

  std::vector<PieceAnswer> answers(pieces.size());  // [piece], each written by one thread
  std::atomic<std::size_t> next_piece{0};
  auto work = [&] {
    for (std::size_t p = next_piece.fetch_add(1); p < pieces.size(); p = next_piece.fetch_add(1)) {
      answers[p] =
          SearchPiece(corpus.substr(pieces[p].begin, pieces[p].end - pieces[p].begin), queries);
    }
  };
  {
    std::vector<std::jthread> helpers;
    const std::size_t helper_count = std::min(workers, std::max<std::size_t>(pieces.size(), 1)) - 1;
    for (std::size_t t = 0; t < helper_count; ++t) helpers.emplace_back(work);
    work();
  }  // the helpers are joined here: every answer is complete and visible

  std::vector<std::vector<std::size_t>> results(queries.size());
  for (std::size_t q = 0; q < queries.size(); ++q) {
    std::size_t total = 0;
    for (const PieceAnswer& answer : answers) total += answer.found[q].size();
    results[q].reserve(total);
  }
  std::size_t first_line = 0;  // of the current piece, in the whole corpus
  for (const PieceAnswer& answer : answers) {
    for (std::size_t q = 0; q < queries.size(); ++q) {
      for (std::size_t line : answer.found[q]) results[q].push_back(first_line + line);
    }
    first_line += answer.lines;
  }
  return results;
}
