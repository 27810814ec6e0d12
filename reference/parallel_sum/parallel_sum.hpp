// Reference solution of `parallel_sum`: the lecture's "split the array into parts, sum each
// part in its own thread, add the partial sums", with std::thread instead of Python threads.
//
// The input is cut into `workers` contiguous chunks whose sizes differ by at most one (the
// first size % workers chunks get one element more), so no element is lost or counted twice
// whatever the size. Each worker sums its chunk into a local long long, kept in a register,
// and writes it once, at the end, into its own slot of `partial`: the slots share a cache
// line, but one write per thread costs nothing (writing a slot per element would bounce
// that line between the cores: false sharing). The calling thread sums the first chunk
// itself, so `threads` threads work in all, and std::jthread joins the others even if
// starting one of them throws. There is no shared mutable state but `partial`, and each
// slot has one writer that finishes before the join that the reader waits for: no lock,
// no data race.
#pragma once

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <span>
#include <thread>
#include <vector>

namespace parallel_sum_detail {

// The sum of `chunk` in 64 bits: each int is widened before it is added.
inline long long SumChunk(std::span<const int> chunk) {
  long long sum = 0;
  for (const int value : chunk) sum += value;
  return sum;
}

}  // namespace parallel_sum_detail

// The exact sum of `data`, computed by `threads` threads (the calling thread included).
// REQUIRES: threads >= 1. Never more threads than elements: an empty or one-element span is
// summed by the calling thread alone.
inline long long parallel_sum(std::span<const int> data, unsigned threads) {
  const std::size_t size = data.size();
  const std::size_t workers = std::clamp<std::size_t>(size, 1, std::max(threads, 1u));
  if (workers == 1) return parallel_sum_detail::SumChunk(data);

  const std::size_t base = size / workers;   // every chunk has base elements...
  const std::size_t extra = size % workers;  // ...and the first `extra` one more
  auto chunk = [&](std::size_t worker) {
    const std::size_t begin = worker * base + std::min(worker, extra);
    return data.subspan(begin, base + (worker < extra ? 1 : 0));
  };

  std::vector<long long> partial(workers, 0);
  {
    std::vector<std::jthread> helpers;
    helpers.reserve(workers - 1);
    for (std::size_t worker = 1; worker < workers; ++worker) {
      helpers.emplace_back([&partial, part = chunk(worker), worker] {
        partial[worker] = parallel_sum_detail::SumChunk(part);
      });
    }
    partial[0] = parallel_sum_detail::SumChunk(chunk(0));
  }  // joins every helper
  return std::accumulate(partial.begin(), partial.end(), 0LL);
}
