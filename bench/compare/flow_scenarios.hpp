// Flow workloads run side by side in clustersim and SimGrid (bench/flow_compare.sh).
//
// Platform: a two-level non-blocking fat-tree (leaf-spine, models/fabric/builders.hpp) of
// `hosts_per_leaf` hosts per leaf, as many leaves and as many spines, every link full duplex at
// 50 GB/s (each direction its own shared constraint) with 1 us latency; D-mod-k routing
// (models/fabric/routing.hpp), so a route from another leaf is host -> leaf -> spine -> leaf -> host
// (4 links, 4 us) and one inside a leaf is 2 links (2 us).
// Workloads (seeded, the same for both simulators): every flow moves 1 GB (1e9 bytes).
//   burst4k:  4,096 hosts, one random permutation (host i sends to p(i)), all at t = 0.
//   burst16k: 16,384 hosts, one random permutation, all at t = 0.
//   burst40k: 4,096 hosts, 10 independent random permutations: 40,960 flows at t = 0.
//   churn10k: 16,384 hosts, 10,000 workers; each runs kChurnFlowsPerWorker flows one after the
//             other between random distinct hosts (a completion starts the worker's next flow),
//             so about 1e4 flows are in flight until the workers run out.
// A host never sends to itself (a permutation's fixed points are redrawn by swapping).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/fabric/routing.hpp"
#include "models/fabric/topology.hpp"

namespace clustersim::bench {

inline constexpr double kFlowBytes = 1e9;
inline constexpr double kLinkBytesPerS = 50e9;
inline constexpr std::int64_t kLinkLatencyNs = 1000;
inline constexpr int kChurnFlowsPerWorker = 4;

struct PlannedFlow {
  std::uint32_t worker = 0;  // flows of one worker run one after the other, in list order
  models::fabric::HostId source = 0;
  models::fabric::HostId destination = 0;
  models::fabric::Route route;    // D-mod-k, source -> destination
  models::fabric::Route reverse;  // D-mod-k, destination -> source (SimGrid's cross-traffic path)
};

struct FlowScenario {
  std::string name;
  std::uint32_t hosts_per_leaf = 0;  // = leaves = spines
  models::fabric::Topology topology;
  std::uint32_t workers = 0;
  std::vector<PlannedFlow> flows;  // grouped by worker, in order
};

// Throws std::invalid_argument listing the known names.
FlowScenario make_scenario(std::string_view name);

}  // namespace clustersim::bench
