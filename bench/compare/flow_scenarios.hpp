// Flow workloads run side by side in clustersim and SimGrid (bench/flow_compare.sh).
//
// A scenario is a list of links (each one shared constraint: bandwidth, latency), a host count, and
// flows grouped by worker: a worker runs its flows one after the other (a completion starts its
// next flow), all workers start at t = 0. A flow's route is a list of link indices; its reverse
// route (destination -> source) is SimGrid's cross-traffic path under CM02 (empty where the
// scenario has none).
//
// Fabric scenarios: a two-level non-blocking fat-tree (leaf-spine, models/fabric/builders.hpp) of
// `hosts_per_leaf` hosts per leaf, as many leaves and as many spines, every link full duplex at
// 50 GB/s with 1 us latency, each direction one scenario link (the fabric's DirectedLinkId);
// D-mod-k routing (models/fabric/routing.hpp), so a route from another leaf is
// host -> leaf -> spine -> leaf -> host (4 links, 4 us) and one inside a leaf is 2 links (2 us).
// Every flow moves 1 GB (1e9 bytes).
//   burst4k:  4,096 hosts, one random permutation (host i sends to p(i)), all at t = 0.
//   burst16k: 16,384 hosts, one random permutation, all at t = 0.
//   burst40k: 4,096 hosts, 10 independent random permutations: 40,960 flows at t = 0.
//   churn10k: 16,384 hosts, 10,000 workers; each runs kChurnFlowsPerWorker flows one after the
//             other between random distinct hosts, so about 1e4 flows are in flight until the
//             workers run out.
// A host never sends to itself (a permutation's fixed points are redrawn by swapping).
//
// BM_FlowChurn's workload (bench/compare/churn_workload.hpp): links 0-899 are its access
// constraints, 900-999 its core constraints (no latency, so only plain semantics apply); worker w
// draws its flows from BM_FlowChurn's stream of worker w, bytes rounded to whole bytes (SimGrid
// sends whole bytes). SimGrid needs a host pair per route: flow k (in scenario order) goes from
// host k / (H - 1) to the (k mod (H - 1))-th other host, H the smallest host count giving every
// flow its own ordered pair.
//   flowchurn1k:  1,000 workers x 20 flows (N = 1e3 in flight until the workers run out).
//   flowchurn10k: 10,000 workers x 4 flows (N = 1e4).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/time.hpp"

namespace clustersim::bench {

inline constexpr double kFlowBytes = 1e9;
inline constexpr double kLinkBytesPerS = 50e9;
inline constexpr std::int64_t kLinkLatencyNs = 1000;
inline constexpr int kChurnFlowsPerWorker = 4;

using LinkIndex = std::uint32_t;
using HostIndex = std::uint32_t;

struct ScenarioLink {
  double bytes_per_s = 0.0;
  sim::SimTime latency;
};

struct PlannedFlow {
  std::uint32_t worker = 0;  // flows of one worker run one after the other, in list order
  HostIndex source = 0;
  HostIndex destination = 0;
  double bytes = 0.0;              // whole bytes
  std::vector<LinkIndex> route;    // source -> destination
  std::vector<LinkIndex> reverse;  // destination -> source (SimGrid's cross-traffic path); may be empty
};

struct FlowScenario {
  std::string name;
  std::uint32_t hosts = 0;
  std::vector<ScenarioLink> links;
  std::uint32_t workers = 0;
  std::vector<PlannedFlow> flows;  // grouped by worker, in order
};

// Throws std::invalid_argument listing the known names.
FlowScenario make_scenario(std::string_view name);

// Sum of the latencies of the route's links.
sim::SimTime route_latency(const FlowScenario& scenario, const std::vector<LinkIndex>& route);

}  // namespace clustersim::bench
