// How many cores this process can really use at once: the CPUs of its affinity mask, capped
// by a CFS bandwidth quota of its cgroup (a container limited to 1.5 CPUs on a 64-core host
// can use 2 threads' worth, not 64). Speed tests judge speedups at this many threads, so the
// same spec means the same thing on 2 cores and on 64.
#pragma once

#include <optional>
#include <string>

namespace grader {

struct CoreCount {
  unsigned cores = 1;          // min(affinity, ceil(quota)); at least 1
  unsigned affinity = 1;       // CPUs in the affinity mask
  std::optional<double> quota; // CPUs' worth of time the cgroup allows; nullopt: unlimited
  std::string quota_source;    // the file the quota came from, for reports
};

CoreCount AvailableCores();

// The quota of a cgroup v2 `cpu.max` text ("max 100000", "150000 100000"), in CPUs; nullopt
// for "max" or text that cannot be read.
std::optional<double> QuotaFromCpuMax(const std::string& text);

// The quota of cgroup v1's cpu.cfs_quota_us and cpu.cfs_period_us texts, in CPUs; nullopt
// when the quota is -1 (none) or unreadable.
std::optional<double> QuotaFromCfs(const std::string& quota_us, const std::string& period_us);

}  // namespace grader
