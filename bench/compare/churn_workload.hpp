// The random two-level churn workload of BM_FlowChurn (bench/flow_bench.cpp), shared with its
// SimGrid comparison (the flowchurn scenarios of bench/compare/flow_scenarios.hpp) so that both
// draw exactly the same flows.
//
// Constraints: 900 "access" constraints of 100 Gb/s = 12.5 GB/s (think host NICs) and 100 "core"
// constraints of 80 GB/s (think spine uplinks: about as loaded per flow as the access ones, so both
// levels bottleneck some flows), no latency. Worker i draws its flows one after the other from its
// own stream RandomStream(splitmix64_mix(i + 1)); each flow, in this order: bytes uniform in
// [64 MiB, 192 MiB), then 2 distinct random access constraints, then a count of 1 or 2 (uniform),
// then that many distinct random core constraints (a repeated pick is redrawn). Weight 1.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/random.hpp"

namespace clustersim::bench {

inline constexpr int kChurnAccessConstraints = 900;
inline constexpr int kChurnCoreConstraints = 100;
inline constexpr double kChurnAccessBytesPerS = 12.5e9;
inline constexpr double kChurnCoreBytesPerS = 80e9;

struct ChurnFlow {
  double bytes = 0.0;
  std::vector<int> access;  // indices in [0, kChurnAccessConstraints), distinct
  std::vector<int> core;    // indices in [0, kChurnCoreConstraints), distinct
};

// The seed of worker `worker`'s stream (0-based).
std::uint64_t churn_worker_seed(std::uint64_t worker);
// Draws the next flow of a worker's stream.
ChurnFlow draw_churn_flow(sim::RandomStream& rng);

}  // namespace clustersim::bench
