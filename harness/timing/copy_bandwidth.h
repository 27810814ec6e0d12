// A STREAM-like copy (STREAM's "Copy" kernel, b[i] = a[i]), measured in the harness's own
// process: what the machine's memory system moves per second at a given data size and
// thread count. `grader bench` sets a workload's effective bandwidth (the bytes it must read
// over its time) against it, measured in the same run, to say how close the workload is to
// the machine's limit.
//
// As in STREAM, a copy of n bytes counts 2n bytes moved (n read, n written). The threads
// start once and stay for every repetition; each repetition releases them together at a
// barrier, each copies its contiguous share, and the repetition ends when the last one is
// done. Both arrays are written before timing, so no page fault is timed. The result is the
// fastest repetition: noise on a shared machine only ever adds time.
#pragma once

#include <cstddef>
#include <vector>

namespace grader {

struct CopyBandwidth {
  double seconds = 0;            // the fastest repetition
  double bytes_per_second = 0;   // 2 * bytes / seconds
};

// REQUIRES: bytes >= 8, threads >= 1, repetitions >= 1. With `cpus` not empty, thread i
// runs on cpus[i % cpus.size()] only (as the runs it is compared with were pinned).
CopyBandwidth MeasureCopyBandwidth(std::size_t bytes, unsigned threads, int repetitions,
                                   const std::vector<int>& cpus = {});

}  // namespace grader
