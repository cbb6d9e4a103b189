// BM_Campaign/GPUs: one seed of a 54-day Llama-3-405B-class campaign (DGX-H100-class nodes, 3-level
// asynchronous checkpointing, per-component failures at the Llama 3 Table 5 rates) per iteration.
// Issue 4 targets: 16,384 GPUs in under 2 s, 131,072 GPUs in under 10 s and 2 GiB.
#include <benchmark/benchmark.h>

#include "models/workload/campaign.hpp"

namespace {

using namespace clustersim;
using namespace clustersim::models::workload;
namespace failure = clustersim::models::failure;

failure::FailureCause cause(const char* name, double count_in_54_days, double per_node, failure::BlastRadius radius,
                            double repair_h) {
  // Llama 3 Table 5: counts over 54 days on 2,048 nodes; rate per component-hour.
  failure::FailureCause result;
  result.name = name;
  result.components_per_node = per_node;
  result.rate_per_component_hour = count_in_54_days / (2048.0 * per_node * 54 * 24);
  result.blast_radius = radius;
  result.repair_time = sim::hours(repair_h);
  return result;
}

CampaignConfig llama_campaign(int gpus) {
  CampaignConfig config;
  config.nodes = gpus / 8;
  config.node = {"DGX-H100", 8, 989e12, 80e9, 55e9, 2e12, 400e9, 50e9, 25e9, 12e9, 30.72e12};
  config.fabric.nodes_per_leaf = 2;
  config.fabric.nodes_per_pod = 384;
  config.fabric.pod_oversubscription = 7;
  config.storage.name = "object-store";
  config.storage.kind = StorageKind::object_store;
  config.storage.servers = 16;  // gateways
  config.storage.write_bytes_per_s = 500e9;
  config.storage.read_bytes_per_s = 1000e9;
  config.storage.first_byte_latency = sim::milliseconds(20);
  config.storage.prefixes = 64;
  config.model.parameters = 405e9;
  config.model.tokens_per_step = 16.0 * 1024 * 1024;
  config.model.layers = 126;
  config.model.hidden_size = 16384;
  config.model.sequence_length = 8192;
  config.model.tensor_parallel = 8;
  config.model.pipeline_parallel = 16;
  config.model.data_parallel = gpus / 128;
  config.model.mfu = 0.41;
  config.model.comm_overlap_fraction = 0.9;
  config.model.token_budget = 15.6e12 * gpus / 16384.0;
  config.checkpoint.levels = {{CheckpointTarget::host_dram, 0, sim::minutes(2)},
                              {CheckpointTarget::partner_nvme, 0, sim::minutes(20)},
                              {CheckpointTarget::shared_storage, 0, sim::minutes(60)}};
  using failure::BlastRadius;
  config.failures.causes = {cause("gpu", 148 + 72 + 19 + 17 + 6 + 6, 8, BlastRadius::node, 24),
                            cause("software", 54 + 7 + 2, 1, BlastRadius::job, 0),
                            cause("switch", 35, 0.5, BlastRadius::leaf_switch, 4),
                            cause("host", 32 + 7 + 3 + 2 + 2 + 2 + 2, 1, BlastRadius::node, 24),
                            cause("ssd", 3, 8, BlastRadius::node_and_local_storage, 24)};
  config.failures.spare_nodes = config.nodes / 64;
  config.horizon = sim::days(54);
  return config;
}

void BM_Campaign(benchmark::State& state) {
  const CampaignConfig config = llama_campaign(static_cast<int>(state.range(0)));
  std::uint64_t seed = 1;
  double interruptions = 0;
  for (auto _ : state) {
    const CampaignResult result = run_campaign(config, seed++);
    interruptions += static_cast<double>(result.interruptions);
    benchmark::DoNotOptimize(result.forward_progress);
  }
  state.counters["interruptions"] = benchmark::Counter(interruptions, benchmark::Counter::kAvgIterations);
}

}  // namespace

BENCHMARK(BM_Campaign)->Arg(16384)->Arg(131072)->Unit(benchmark::kMillisecond)->Iterations(3);
