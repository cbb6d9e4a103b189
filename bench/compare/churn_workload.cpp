#include "bench/compare/churn_workload.hpp"

#include <algorithm>

namespace clustersim::bench {

namespace {

constexpr double kMiB = 1024.0 * 1024.0;

// Appends `count` distinct picks from [0, pool) to `out`, redrawing repeats.
void pick_distinct(sim::RandomStream& rng, int pool, int count, std::vector<int>& out) {
  while (static_cast<int>(out.size()) < count) {
    const auto pick = static_cast<int>(rng.uniform_int(0, pool - 1));
    if (std::find(out.begin(), out.end(), pick) == out.end()) out.push_back(pick);
  }
}

}  // namespace

std::uint64_t churn_worker_seed(std::uint64_t worker) {
  return sim::splitmix64_mix(worker + 1);
}

ChurnFlow draw_churn_flow(sim::RandomStream& rng) {
  ChurnFlow flow;
  flow.bytes = rng.uniform(64 * kMiB, 192 * kMiB);
  pick_distinct(rng, kChurnAccessConstraints, 2, flow.access);
  pick_distinct(rng, kChurnCoreConstraints, static_cast<int>(rng.uniform_int(1, 2)), flow.core);
  return flow;
}

}  // namespace clustersim::bench
