// A second correct `parallel_sum`: oneTBB's tbb::parallel_reduce, the library's own answer
// to "sum an array with threads". `grader validate` grades it on every test but
// thread-safety: the harness never builds it with ThreadSanitizer (Debian's TBB is not
// instrumented, so TSan would report false races inside it). Link with -ltbb (the spec's
// build.libs). It is not the speed bar: its worker threads outlive each call, which a
// solution that starts threads per call cannot match on a few-millisecond call.
//
// `threads` bounds the parallelism with a task_arena of that many slots (the calling thread
// takes one), so a run at P threads uses at most P threads, like the reference. The range
// is split by TBB's auto_partitioner into chunks of at least kGrain elements; each task
// sums its chunk into a local long long (the body's `sum` argument, kept in a register) and
// the join adds two partial sums, so nothing shared is written per element.
#pragma once

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <span>

inline long long parallel_sum(std::span<const int> data, unsigned threads) {
  // Below this many elements a task costs more to schedule than its additions.
  constexpr std::size_t kGrain = 16 * 1024;
  const int slots = static_cast<int>(std::max(threads, 1u));
  tbb::task_arena arena(slots);
  return arena.execute([&] {
    return tbb::parallel_reduce(
        tbb::blocked_range<std::size_t>(0, data.size(), kGrain), 0LL,
        [&](const tbb::blocked_range<std::size_t>& range, long long sum) {
          for (std::size_t i = range.begin(); i != range.end(); ++i) sum += data[i];
          return sum;
        },
        std::plus<long long>());
  });
}
