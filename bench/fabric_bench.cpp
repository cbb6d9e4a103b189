// BM_FatTreeRoutes/cache: FabricNetwork::routes() for ecmp on a k=16 fat tree (1,024 hosts, diameter 6),
// host a to host a + 512 with flow key a, with the route cache off (0) or on (1); reports calls per second.
// BM_FlowsPermutation/routing: `clustersim flows` without the CSV (simulate_flows) on the same fat tree:
// a random permutation of the 1,024 hosts, one 1 GB flow per host that is not its own image, all at
// t = 0; routing 0 = ecmp, 1 = dmodk, 2 = spray; reports the batched re-solves (solves) per run.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "models/fabric/builders.hpp"
#include "models/fabric/fabric_network.hpp"
#include "models/fabric/flows_tool.hpp"
#include "sim/engine.hpp"
#include "sim/flow_network.hpp"

namespace {

using namespace clustersim;
using namespace clustersim::models::fabric;

constexpr HostId kHosts = 1024;

Topology fat_tree_k16() {
  return k_ary_fat_tree(16, 50e9, sim::microseconds(1));
}

void BM_FatTreeRoutes(benchmark::State& state) {
  const Topology topology = fat_tree_k16();
  sim::Engine engine;
  sim::FlowNetwork network(engine);
  FabricNetwork::Options options;
  options.cache_routes = state.range(0) != 0;
  FabricNetwork fabric(network, topology, options);
  HostId a = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(fabric.routes(a, (a + kHosts / 2) % kHosts, RoutingChoice::ecmp, a));
    a = (a + 1) % kHosts;
  }
  state.counters["calls_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_FlowsPermutation(benchmark::State& state) {
  const Topology topology = fat_tree_k16();
  const RoutingChoice routing = std::vector{RoutingChoice::ecmp, RoutingChoice::dmodk,
                                            RoutingChoice::spray}[static_cast<std::size_t>(state.range(0))];
  std::vector<HostId> image(kHosts);
  for (HostId h = 0; h < kHosts; ++h) image[h] = h;
  std::mt19937_64 rng(42);  // the shuffle only picks the input
  for (std::size_t i = image.size() - 1; i > 0; --i) std::swap(image[i], image[rng() % (i + 1)]);
  std::vector<FlowRow> rows;
  for (HostId h = 0; h < kHosts; ++h) {
    if (image[h] != h) rows.push_back(FlowRow{h, image[h], 1e9, sim::SimTime::zero(), rows.size() + 2});
  }
  FlowsToolResult stats;
  for (auto _ : state) benchmark::DoNotOptimize(simulate_flows(topology, rows, routing, &stats));
  state.SetLabel(std::string(to_string(routing)));
  state.counters["flows"] = static_cast<double>(rows.size());
  state.counters["solves"] = static_cast<double>(stats.solves);
}

}  // namespace

BENCHMARK(BM_FatTreeRoutes)->Arg(0)->Arg(1);
BENCHMARK(BM_FlowsPermutation)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
