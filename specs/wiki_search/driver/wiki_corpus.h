// A deterministic generator of wiki-like text and of search queries for it: the hidden
// driver's stand-in for the lecture's Wikipedia dump, so that nothing is downloaded or stored.
//
// The text is a run of articles: a title line, paragraphs (one line each) of sentences whose
// words come from a Zipf-distributed vocabulary (a few very frequent English function words,
// then made-up words, some Cyrillic, some with accented or CJK letters, so the text holds
// multi-byte UTF-8), "== Section ==" heading lines, empty lines between articles and now and
// then a very long line (a list of tens of kilobytes). The same seed and size give the same
// bytes on every machine: the random numbers come from SplitMix64 and the sampling is done
// here, never by a standard-library distribution (whose results vary between libraries).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wiki_corpus {

// SplitMix64 (Steele, Lea, Flood 2014): small, fast, the same sequence everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}

  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, bound). REQUIRES: bound > 0.
  std::uint64_t Below(std::uint64_t bound) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(Next()) * bound) >> 64);
  }

  // Uniform in [low, high]. REQUIRES: low <= high.
  std::uint64_t Between(std::uint64_t low, std::uint64_t high) {
    return low + Below(high - low + 1);
  }

  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // True with probability `p`.
  bool Chance(double p) { return Unit() < p; }

 private:
  std::uint64_t state_;
};

class Generator {
 public:
  // Builds the vocabulary of `vocabulary_size` distinct words from `seed` (in a
  // ThreadSanitizer build, 50000 words take about half a second).
  // REQUIRES: vocabulary_size >= 1000.
  explicit Generator(std::uint64_t seed, std::size_t vocabulary_size = 50'000);

  // A wiki-like text of exactly `bytes` bytes that ends with '\n' (when bytes > 0). Lines
  // are a few hundred bytes long on average; about one paragraph in 400 is a long list of
  // 20-120 KB; empty lines separate articles. Each call continues the generator's random
  // sequence, so two calls give different texts.
  std::string Corpus(std::size_t bytes);

  // `count` queries for `corpus`, in a shuffled order: frequent and rare words, phrases of
  // 2-4 words copied from the corpus, Cyrillic words, "== Section ==" headings, queries that
  // occur nowhere (made-up words, a 300-byte piece of a line with one byte changed) and
  // exactly one empty query (when count > 0). None holds '\n'.
  std::vector<std::string> Queries(std::string_view corpus, std::size_t count);

  // The word of rank `rank` (0 is the most frequent).
  const std::string& Word(std::size_t rank) const { return words_.at(rank); }
  std::size_t VocabularySize() const { return words_.size(); }

  // A word drawn from the Zipf distribution of the vocabulary.
  const std::string& RandomWord();

 private:
  void AppendSentence(std::string& out);
  void AppendParagraph(std::string& out);
  void AppendList(std::string& out);
  void AppendArticle(std::string& out);
  std::string MadeUpWord(bool cyrillic);

  Random random_;
  std::vector<std::string> words_;    // by rank
  std::vector<double> cumulative_;    // cumulative_[r]: P(rank <= r)
  std::vector<std::uint32_t> guide_;  // guide_[k]: the first rank whose cumulative >= k/size
};

// The text split into lines as the exercise defines them: at each '\n'; a final '\n' ends
// the last line and does not start an empty one; an empty text has no lines.
std::vector<std::string_view> SplitLines(std::string_view text);

}  // namespace wiki_corpus
