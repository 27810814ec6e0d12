// Adapts the submitted search_all (wiki_search.hpp) to include/wiki_search_adapter.h.
//
// Compiled per submission next to the student's header. It holds no test logic: it checks
// the function's shape at compile time, so a wrong declaration fails the build with one
// message that shows the declaration expected, and forwards the call. The check is a concept
// over a dummy template parameter because a requires-expression outside a template makes an
// invalid call a hard error instead of a false condition.
#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "wiki_search.hpp"
#include "wiki_search_adapter.h"

namespace {

using wiki_search_adapter::Results;

// Braces around `threads` make a narrowing conversion ill-formed, so a parameter narrower
// than unsigned (a char, say) does not pass.
template <class Corpus>
concept SearchesAll = requires(Corpus corpus, const std::vector<std::string>& queries,
                               unsigned threads) {
  { search_all(corpus, queries, {threads}) } -> std::same_as<Results>;
};

static_assert(SearchesAll<std::string_view>,
              "wiki_search.hpp: declare `std::vector<std::vector<std::size_t>> search_all("
              "std::string_view corpus, const std::vector<std::string>& queries, unsigned "
              "threads);` (in the global namespace, returning exactly that type)");

// The call itself, as a template so that `if constexpr` drops it when the declaration is
// wrong and the static_assert above is the only error.
template <class Corpus>
Results Call(Corpus corpus, const std::vector<std::string>& queries, unsigned threads) {
  if constexpr (SearchesAll<Corpus>) {
    return search_all(corpus, queries, threads);
  } else {
    return {};
  }
}

}  // namespace

namespace wiki_search_adapter {

Results SearchAll(std::string_view corpus, const std::vector<std::string>& queries,
                  unsigned threads) {
  return Call<std::string_view>(corpus, queries, threads);
}

}  // namespace wiki_search_adapter
