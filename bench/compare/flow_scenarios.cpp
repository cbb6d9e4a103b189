#include "bench/compare/flow_scenarios.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "models/fabric/builders.hpp"
#include "sim/random.hpp"

namespace clustersim::bench {

namespace {

using models::fabric::HostId;

constexpr std::uint64_t kSeed = 20261123;

// A random permutation of [0, n) without fixed points (Fisher-Yates, then each fixed point swapped
// with its successor).
std::vector<HostId> derangement(sim::RandomStream& rng, std::uint32_t n) {
  std::vector<HostId> p(n);
  for (std::uint32_t i = 0; i < n; ++i) p[i] = i;
  for (std::uint32_t i = n - 1; i > 0; --i) {
    std::swap(p[i], p[static_cast<std::size_t>(rng.uniform_int(0, i))]);
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    if (p[i] == i) std::swap(p[i], p[(i + 1) % n]);
  }
  return p;
}

void add_flow(FlowScenario& s, std::uint32_t worker, HostId source, HostId destination) {
  s.flows.push_back(PlannedFlow{worker, source, destination, models::fabric::dmodk(s.topology, source, destination),
                                models::fabric::dmodk(s.topology, destination, source)});
}

FlowScenario fabric(std::string_view name, std::uint32_t hosts_per_leaf) {
  FlowScenario s;
  s.name = std::string(name);
  s.hosts_per_leaf = hosts_per_leaf;
  s.topology = models::fabric::leaf_spine(hosts_per_leaf, hosts_per_leaf, hosts_per_leaf, kLinkBytesPerS,
                                          kLinkBytesPerS, sim::SimTime::from_ns(kLinkLatencyNs));
  return s;
}

FlowScenario bursts(std::string_view name, std::uint32_t hosts_per_leaf, int permutations) {
  FlowScenario s = fabric(name, hosts_per_leaf);
  sim::RandomStream rng(kSeed);
  const std::uint32_t hosts = s.topology.host_count();
  for (int k = 0; k < permutations; ++k) {
    const std::vector<HostId> p = derangement(rng, hosts);
    for (HostId h = 0; h < hosts; ++h) add_flow(s, s.workers++, h, p[h]);
  }
  return s;
}

FlowScenario churn(std::string_view name, std::uint32_t hosts_per_leaf, std::uint32_t workers) {
  FlowScenario s = fabric(name, hosts_per_leaf);
  sim::RandomStream rng(kSeed);
  const auto hosts = static_cast<std::int64_t>(s.topology.host_count());
  s.workers = workers;
  for (std::uint32_t w = 0; w < workers; ++w) {
    for (int i = 0; i < kChurnFlowsPerWorker; ++i) {
      const auto source = static_cast<HostId>(rng.uniform_int(0, hosts - 1));
      auto destination = static_cast<HostId>(rng.uniform_int(0, hosts - 2));
      if (destination >= source) ++destination;
      add_flow(s, w, source, destination);
    }
  }
  return s;
}

}  // namespace

FlowScenario make_scenario(std::string_view name) {
  if (name == "burst4k") return bursts(name, 64, 1);
  if (name == "burst16k") return bursts(name, 128, 1);
  if (name == "burst40k") return bursts(name, 64, 10);
  if (name == "churn10k") return churn(name, 128, 10000);
  throw std::invalid_argument("unknown scenario '" + std::string(name) +
                              "' (known: burst4k, burst16k, burst40k, churn10k)");
}

}  // namespace clustersim::bench
