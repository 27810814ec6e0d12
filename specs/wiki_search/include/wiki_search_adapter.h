// The interface between the hidden `wiki_search` driver and a submitted search_all.
//
// The driver (driver/*_test.cpp) never includes the student's wiki_search.hpp: it is compiled
// once per flavor and only calls this function. glue/wiki_search_glue.cpp implements it on
// top of the student's search_all and is compiled per submission, next to wiki_search.hpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wiki_search_adapter {

// For each query, the 0-based numbers of the lines that contain it, ascending.
using Results = std::vector<std::vector<std::size_t>>;

// search_all(corpus, queries, threads). Exceptions of search_all pass through unchanged.
// Threading: may be called from several threads at once; whether that is safe is the
// submission's business, so the adapter adds no locking.
Results SearchAll(std::string_view corpus, const std::vector<std::string>& queries,
                  unsigned threads);

}  // namespace wiki_search_adapter
