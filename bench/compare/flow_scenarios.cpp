#include "bench/compare/flow_scenarios.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "bench/compare/churn_workload.hpp"
#include "models/fabric/builders.hpp"
#include "models/fabric/routing.hpp"
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

struct Fabric {
  FlowScenario scenario;
  models::fabric::Topology topology;

  void add_flow(std::uint32_t worker, HostId source, HostId destination) {
    scenario.flows.push_back(PlannedFlow{worker, source, destination, kFlowBytes,
                                         models::fabric::dmodk(topology, source, destination),
                                         models::fabric::dmodk(topology, destination, source)});
  }
};

Fabric fabric(std::string_view name, std::uint32_t hosts_per_leaf) {
  Fabric f;
  f.scenario.name = std::string(name);
  f.topology = models::fabric::leaf_spine(hosts_per_leaf, hosts_per_leaf, hosts_per_leaf, kLinkBytesPerS,
                                          kLinkBytesPerS, sim::SimTime::from_ns(kLinkLatencyNs));
  f.scenario.hosts = f.topology.host_count();
  for (models::fabric::DirectedLinkId d = 0; d < f.topology.directed_link_count(); ++d) {
    f.scenario.links.push_back(ScenarioLink{f.topology.bytes_per_s(d), f.topology.latency(d)});
  }
  return f;
}

FlowScenario bursts(std::string_view name, std::uint32_t hosts_per_leaf, int permutations) {
  Fabric f = fabric(name, hosts_per_leaf);
  sim::RandomStream rng(kSeed);
  for (int k = 0; k < permutations; ++k) {
    const std::vector<HostId> p = derangement(rng, f.scenario.hosts);
    for (HostId h = 0; h < f.scenario.hosts; ++h) f.add_flow(f.scenario.workers++, h, p[h]);
  }
  return std::move(f.scenario);
}

FlowScenario churn(std::string_view name, std::uint32_t hosts_per_leaf, std::uint32_t workers) {
  Fabric f = fabric(name, hosts_per_leaf);
  sim::RandomStream rng(kSeed);
  const auto hosts = static_cast<std::int64_t>(f.scenario.hosts);
  f.scenario.workers = workers;
  for (std::uint32_t w = 0; w < workers; ++w) {
    for (int i = 0; i < kChurnFlowsPerWorker; ++i) {
      const auto source = static_cast<HostId>(rng.uniform_int(0, hosts - 1));
      auto destination = static_cast<HostId>(rng.uniform_int(0, hosts - 2));
      if (destination >= source) ++destination;
      f.add_flow(w, source, destination);
    }
  }
  return std::move(f.scenario);
}

FlowScenario flow_churn(std::string_view name, std::uint32_t workers, std::uint32_t flows_per_worker) {
  FlowScenario s;
  s.name = std::string(name);
  for (int i = 0; i < kChurnAccessConstraints; ++i) s.links.push_back({kChurnAccessBytesPerS, sim::SimTime::zero()});
  for (int i = 0; i < kChurnCoreConstraints; ++i) s.links.push_back({kChurnCoreBytesPerS, sim::SimTime::zero()});
  const std::uint64_t total = static_cast<std::uint64_t>(workers) * flows_per_worker;
  s.hosts = 2;
  while (static_cast<std::uint64_t>(s.hosts) * (s.hosts - 1) < total) ++s.hosts;
  s.workers = workers;
  for (std::uint32_t w = 0; w < workers; ++w) {
    sim::RandomStream rng(churn_worker_seed(w));
    for (std::uint32_t i = 0; i < flows_per_worker; ++i) {
      const ChurnFlow drawn = draw_churn_flow(rng);
      const auto k = static_cast<std::uint32_t>(s.flows.size());
      PlannedFlow flow;
      flow.worker = w;
      flow.source = k / (s.hosts - 1);
      flow.destination = k % (s.hosts - 1);
      if (flow.destination >= flow.source) ++flow.destination;
      flow.bytes = std::round(drawn.bytes);
      for (const int a : drawn.access) flow.route.push_back(static_cast<LinkIndex>(a));
      for (const int c : drawn.core) flow.route.push_back(static_cast<LinkIndex>(kChurnAccessConstraints + c));
      s.flows.push_back(std::move(flow));
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
  if (name == "flowchurn1k") return flow_churn(name, 1000, 20);
  if (name == "flowchurn10k") return flow_churn(name, 10000, 4);
  throw std::invalid_argument("unknown scenario '" + std::string(name) +
                              "' (known: burst4k, burst16k, burst40k, churn10k, flowchurn1k, flowchurn10k)");
}

sim::SimTime route_latency(const FlowScenario& scenario, const std::vector<LinkIndex>& route) {
  sim::SimTime total = sim::SimTime::zero();
  for (const LinkIndex l : route) total += scenario.links.at(l).latency;
  return total;
}

}  // namespace clustersim::bench
