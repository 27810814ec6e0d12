#include "wiki_corpus.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace wiki_corpus {
namespace {

// The most frequent words, as in English Wikipedia, then made-up ones. No word holds the
// letters q or x, so a query holding one of them occurs nowhere in a corpus.
constexpr std::array<std::string_view, 30> kFunctionWords = {
    "the",   "of",   "and",  "in",   "to",    "a",    "was",   "is",   "for",  "on",
    "as",    "by",   "with", "he",   "at",    "from", "his",   "an",   "were", "are",
    "which", "that", "it",   "also", "first", "new",  "after", "this", "be",   "or"};
constexpr std::array<std::string_view, 25> kOnsets = {
    "b", "c", "d", "f",  "g",  "h",  "k",  "l",  "m",  "n",  "p",  "r", "s",
    "t", "v", "z", "br", "ch", "st", "tr", "gr", "sh", "th", "kr", "pl"};
constexpr std::array<std::string_view, 10> kVowels = {"a",  "e",  "i",  "o",  "u",
                                                      "ai", "ea", "io", "ou", "y"};
constexpr std::array<std::string_view, 6> kAccented = {"\u00e9", "\u00f6", "\u00fc",
                                                       "\u00e5", "\u00e8", "\u00e1"};
constexpr std::array<std::string_view, 11> kCodas = {"",  "",  "",  "n",  "r", "s",
                                                     "l", "m", "t", "nd", "rt"};
constexpr std::array<std::string_view, 22> kCyrillicOnsets = {
    "\u0431", "\u0432", "\u0433", "\u0434",       "\u0436",       "\u0437",      "\u043a", "\u043b",
    "\u043c", "\u043d", "\u043f", "\u0440",       "\u0441",       "\u0442",      "\u0444", "\u0445",
    "\u0446", "\u0447", "\u0448", "\u0441\u0442", "\u043f\u0440", "\u043a\u0440"};
constexpr std::array<std::string_view, 9> kCyrillicVowels = {
    "\u0430", "\u0435", "\u0438", "\u043e", "\u0443", "\u044b", "\u044f", "\u044e", "\u0451"};
constexpr std::array<std::string_view, 9> kCyrillicCodas = {
    "", "", "\u043d", "\u0440", "\u0441", "\u043b", "\u0439", "\u0432", "\u0442\u044c"};
constexpr std::array<std::string_view, 10> kCjk = {"\u6771", "\u4eac", "\u5927", "\u5b66",
                                                   "\u5c71", "\u5ddd", "\u65e5", "\u672c",
                                                   "\u4e2d", "\u56fd"};
// Zipf's exponent for word ranks (close to English text).
constexpr double kZipfExponent = 1.05;

template <std::size_t N>
std::string_view Pick(Random& random, const std::array<std::string_view, N>& options) {
  return options[random.Below(N)];
}

std::string Capitalized(std::string_view word) {
  std::string text(word);
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

}  // namespace

Generator::Generator(std::uint64_t seed, std::size_t vocabulary_size)
    : random_(seed ^ 0x77696b6953656564ULL) {
  std::unordered_set<std::string> seen;
  for (std::string_view word : kFunctionWords) {
    if (words_.size() < vocabulary_size && seen.emplace(word).second) words_.emplace_back(word);
  }
  while (words_.size() < vocabulary_size) {
    const double kind = random_.Unit();
    std::string word;
    if (kind < 0.01) {
      for (std::uint64_t n = random_.Between(2, 3); n > 0; --n) word += Pick(random_, kCjk);
    } else {
      word = MadeUpWord(/*cyrillic=*/kind < 0.12);
    }
    if (seen.insert(word).second) words_.push_back(std::move(word));
  }
  // Shorter words are more frequent in real text: order the made-up words loosely by length.
  std::stable_sort(
      words_.begin() + static_cast<std::ptrdiff_t>(kFunctionWords.size()), words_.end(),
      [](const std::string& a, const std::string& b) { return a.size() / 4 < b.size() / 4; });
  cumulative_.resize(words_.size());
  double total = 0;
  for (std::size_t rank = 0; rank < words_.size(); ++rank) {
    total += 1.0 / std::pow(static_cast<double>(rank + 1), kZipfExponent);
    cumulative_[rank] = total;
  }
  for (double& value : cumulative_) value /= total;
  cumulative_.back() = 1.0;
  guide_.resize(words_.size());
  std::size_t rank = 0;
  for (std::size_t k = 0; k < guide_.size(); ++k) {
    const double at = static_cast<double>(k) / static_cast<double>(guide_.size());
    while (cumulative_[rank] < at) ++rank;
    guide_[k] = static_cast<std::uint32_t>(rank);
  }
}

std::string Generator::MadeUpWord(bool cyrillic) {
  std::string word;
  const std::uint64_t syllables = random_.Between(1, 4);
  for (std::uint64_t s = 0; s < syllables; ++s) {
    if (cyrillic) {
      word += Pick(random_, kCyrillicOnsets);
      word += Pick(random_, kCyrillicVowels);
    } else {
      word += Pick(random_, kOnsets);
      word += random_.Chance(0.04) ? Pick(random_, kAccented) : Pick(random_, kVowels);
    }
  }
  word += cyrillic ? Pick(random_, kCyrillicCodas) : Pick(random_, kCodas);
  return word;
}

const std::string& Generator::RandomWord() {
  const double u = random_.Unit();
  std::size_t rank = guide_[static_cast<std::size_t>(u * static_cast<double>(guide_.size()))];
  while (cumulative_[rank] <= u && rank + 1 < cumulative_.size()) ++rank;
  return words_[rank];
}

void Generator::AppendSentence(std::string& out) {
  const std::uint64_t length = random_.Between(5, 24);
  for (std::uint64_t i = 0; i < length; ++i) {
    if (i > 0) out += ' ';
    const std::string& word = RandomWord();
    if (i == 0) {
      out += Capitalized(word);
    } else {
      out += word;
    }
    if (i + 1 < length && random_.Chance(0.07)) out += ',';
  }
  if (random_.Chance(0.08)) {
    out += " (";
    out += std::to_string(random_.Between(1500, 2024));
    out += ')';
  }
  out += '.';
}

void Generator::AppendParagraph(std::string& out) {
  const std::uint64_t sentences = random_.Between(1, 8);
  for (std::uint64_t s = 0; s < sentences; ++s) {
    if (s > 0) out += ' ';
    AppendSentence(out);
  }
  out += '\n';
}

void Generator::AppendList(std::string& out) {
  const std::size_t target = out.size() + random_.Between(20'000, 120'000);
  while (out.size() < target) {
    out += "* ";
    out += Capitalized(RandomWord());
    out += ' ';
    out += RandomWord();
    out += random_.Chance(0.3) ? " (" + std::to_string(random_.Between(1500, 2024)) + ") " : " ";
  }
  out += '\n';
}

void Generator::AppendArticle(std::string& out) {
  for (std::uint64_t n = random_.Between(1, 3); n > 0; --n) {
    const std::string* word = &RandomWord();
    while (word->size() < 3) word = &RandomWord();
    out += Capitalized(*word);
    out += n > 1 ? " " : "\n";
  }
  for (std::uint64_t p = random_.Between(2, 10); p > 0; --p) {
    if (random_.Chance(0.25)) {
      out += "== ";
      out += Capitalized(RandomWord());
      out += " ==\n";
    }
    if (random_.Chance(1.0 / 400)) {
      AppendList(out);
    } else {
      AppendParagraph(out);
    }
    if (random_.Chance(0.2)) out += '\n';
  }
  const double gap = random_.Unit();
  out += gap < 0.05 ? "" : gap < 0.9 ? "\n" : "\n\n";
}

std::string Generator::Corpus(std::size_t bytes) {
  std::string out;
  if (bytes == 0) return out;
  out.reserve(bytes + 130'000);
  while (out.size() < bytes) AppendArticle(out);
  out.resize(bytes);
  out[bytes - 1] = '\n';
  // The cut may have split a multi-byte letter: keep the text valid UTF-8.
  if (bytes >= 2) {
    std::size_t start = bytes - 2;  // the start of the last letter before the '\n'
    while (start > 0 && (static_cast<unsigned char>(out[start]) & 0xc0) == 0x80) --start;
    const unsigned char lead = static_cast<unsigned char>(out[start]);
    const std::size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (start + length > bytes - 1) {
      for (std::size_t i = start; i < bytes - 1; ++i) out[i] = '.';
    }
  }
  return out;
}

std::vector<std::string> Generator::Queries(std::string_view corpus, std::size_t count) {
  enum Kind {
    kFrequent,
    kMiddle,
    kRare,
    kPhrase,
    kCyrillic,
    kNowhere,
    kPiece,
    kAlteredPiece,
    kHeading,
    kYear,
    kPunctuation
  };
  // The kinds of query, interleaved so that a short list still mixes them.
  static constexpr std::array<Kind, 21> kCycle = {
      kFrequent, kPhrase,   kMiddle,  kRare,        kCyrillic,     kNowhere, kPhrase,
      kMiddle,   kRare,     kPhrase,  kPunctuation, kFrequent,     kMiddle,  kRare,
      kPhrase,   kCyrillic, kNowhere, kPiece,       kAlteredPiece, kHeading, kYear};
  std::vector<std::size_t> cyrillic_ranks;
  for (std::size_t rank = 0; rank < words_.size() && cyrillic_ranks.size() < 200; ++rank) {
    if (static_cast<unsigned char>(words_[rank][0]) == 0xd0 ||
        static_cast<unsigned char>(words_[rank][0]) == 0xd1) {
      cyrillic_ranks.push_back(rank);
    }
  }
  // A piece of a random line of the corpus: `words` whole words, or (words == 0) `bytes`
  // bytes. Empty when the line drawn is too short.
  auto piece = [&](std::size_t words, std::size_t bytes) -> std::string {
    for (int attempt = 0; attempt < 1000 && !corpus.empty(); ++attempt) {
      std::size_t at = random_.Below(corpus.size());
      const std::size_t space = corpus.find_first_of(" \n", at);
      if (space == std::string_view::npos || corpus[space] == '\n') continue;
      at = space + 1;
      std::size_t end = at;
      if (words == 0) {
        end = at + bytes;
        if (end > corpus.size() || corpus.substr(at, bytes).find('\n') != std::string_view::npos) {
          continue;
        }
      } else {
        for (std::size_t w = 0; w < words && end != std::string_view::npos; ++w) {
          end = corpus.find_first_of(" \n", end + 1);
          if (end != std::string_view::npos && corpus[end] == '\n' && w + 1 < words) {
            end = std::string_view::npos;
          }
        }
        if (end == std::string_view::npos) continue;
      }
      if (end > at) return std::string(corpus.substr(at, end - at));
    }
    return "Trelonda";
  };
  std::vector<std::string> queries;
  if (count == 0) return queries;
  queries.emplace_back();  // the empty query: matches every line
  for (std::size_t i = 1; i < count; ++i) {
    std::string query;
    switch (kCycle[(i - 1) % kCycle.size()]) {
      case kFrequent:
        query = words_[random_.Below(std::min<std::size_t>(30, words_.size()))];
        break;
      case kMiddle:  // ranks 100 to 2500 of 50000
        query = words_[random_.Between(words_.size() / 500, words_.size() / 20)];
        break;
      case kRare:  // ranks 10000 to 49999 of 50000
        query = words_[random_.Between(words_.size() / 5, words_.size() - 1)];
        break;
      case kPhrase:
        query = piece(random_.Between(2, 4), 0);
        break;
      case kCyrillic:
        query = cyrillic_ranks.empty()
                    ? std::string("\u0432\u0438\u043a\u0438")
                    : words_[cyrillic_ranks[random_.Below(cyrillic_ranks.size())]];
        break;
      case kNowhere:
        query = random_.Chance(0.5) ? "q" + words_[random_.Below(words_.size())]
                                    : MadeUpWord(false) + "x" + MadeUpWord(true);
        break;
      case kPiece:
        query = piece(0, 300);
        break;
      case kAlteredPiece:
        query = piece(0, 300);
        query[random_.Below(query.size())] = 'q';
        break;
      case kHeading:
        query = random_.Chance(0.5) ? "== " : "== " + Capitalized(RandomWord()) + " ==";
        break;
      case kYear:
        query = "(" + std::to_string(random_.Between(1900, 2024)) + ")";
        break;
      case kPunctuation:
        query = random_.Chance(0.5) ? ", and the" : ". The";
        break;
    }
    queries.push_back(std::move(query));
  }
  for (std::size_t i = queries.size() - 1; i > 0; --i) {
    std::swap(queries[i], queries[random_.Below(i + 1)]);
  }
  return queries;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace wiki_corpus
