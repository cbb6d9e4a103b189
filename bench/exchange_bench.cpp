// BM_GradientExchange/GPUs: the one-time simulation a scenario pays for its gradient exchange
// (models/study/gradient_exchange.hpp): one step of every data-parallel ring at once (one flow per GPU
// whose next rank is on another node), routed D-mod-k and shared max-min, on the reference scenarios'
// fabric shape: a fat-tree of 2-node leaves (16 GPUs per ToR) and 64-node pods at 1:7 between pods,
// Llama-3-405B-class parallelism (tp 8, pp 16). Building the fabric is not timed (resolve builds it
// anyway). 131,072 GPUs make 256 pods, so the core switches need 256 ports: the fabric is built with
// radix 256 (64-port switches stop at 65,536 hosts in three tiers).
#include <benchmark/benchmark.h>

#include "models/fabric/builders.hpp"
#include "models/study/gradient_exchange.hpp"

namespace {

using namespace clustersim;
namespace fabric = clustersim::models::fabric;

fabric::Topology reference_fat_tree(int gpus) {
  fabric::ClosThreeTierParams p;
  p.shape.hosts_per_leaf = 16;
  p.shape.leaves_per_pod = 32;
  p.shape.spines_per_pod = 16;
  p.shape.pods = static_cast<std::uint32_t>(gpus / (16 * 32));
  p.shape.cores_per_plane = 5;  // ceil(32 / 7)
  p.host_link_bytes_per_s = 50e9;
  p.leaf_uplink_bytes_per_s = 50e9;
  p.spine_uplink_bytes_per_s = 32 * 50e9 / (5 * 7.0);
  p.latency = sim::microseconds(1);
  return fabric::clos_three_tier(p);
}

void BM_GradientExchange(benchmark::State& state) {
  const int gpus = static_cast<int>(state.range(0));
  const fabric::Topology topology = reference_fat_tree(gpus);
  models::workload::CampaignConfig config;
  config.nodes = gpus / 8;
  config.node.gpus = 8;
  config.model.parameters = 405e9;
  config.model.tensor_parallel = 8;
  config.model.pipeline_parallel = 16;
  config.model.data_parallel = gpus / 128;
  const fabric::RingExchange exchange = models::study::gradient_ring_exchange(config, fabric::RoutingChoice::dmodk);
  double step_s = 0;
  for (auto _ : state) step_s = fabric::step_time(topology, exchange).to_seconds();
  state.counters["flows"] = static_cast<double>(exchange.messages.size());
  state.counters["step_ms"] = step_s * 1e3;
}

}  // namespace

BENCHMARK(BM_GradientExchange)->Arg(16384)->Arg(131072)->Unit(benchmark::kMillisecond)->Iterations(1);
