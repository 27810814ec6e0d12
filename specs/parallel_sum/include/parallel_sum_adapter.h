// The interface between the hidden `parallel_sum` drivers and a submitted parallel_sum.
//
// The drivers (driver/*.cpp) never include the student's parallel_sum.hpp: they are
// compiled once per flavor and only call this function. glue/parallel_sum_glue.cpp
// implements it on top of the student's function and is compiled per submission, next to
// parallel_sum.hpp, with the same flavor's flags (so in the release flavor the student's
// loop is optimised at -O2, as the speed test needs).
#pragma once

#include <span>

namespace parallel_sum_adapter {

// parallel_sum(data, threads) of the submission. May be called from any thread; it adds
// no locking and no timing of its own.
long long ParallelSum(std::span<const int> data, unsigned threads);

}  // namespace parallel_sum_adapter
