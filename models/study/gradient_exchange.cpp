#include "models/study/gradient_exchange.hpp"

#include <algorithm>
#include <mutex>
#include <stdexcept>

namespace clustersim::models::study {

fabric::RingExchange gradient_ring_exchange(const workload::CampaignConfig& config, fabric::RoutingChoice routing,
                                            bool with_messages) {
  const workload::TrainingModelConfig& model = config.model;
  const long long tp = model.tensor_parallel, pp = model.pipeline_parallel, dp = model.data_parallel;
  const long long gpus_per_node = config.node.gpus;
  if (tp * pp * dp != static_cast<long long>(config.nodes) * gpus_per_node) {
    throw std::logic_error("gradient_ring_exchange: tp x pp x dp does not match the GPUs (resolve checks it first)");
  }
  fabric::RingExchange exchange;
  exchange.routing = routing;
  if (dp <= 1) return exchange;
  exchange.steps = static_cast<std::uint32_t>(2 * (dp - 1));
  exchange.message_bytes =
      model.parameters * model.gradient_bytes_per_parameter / static_cast<double>(tp * pp) / static_cast<double>(dp);
  if (!with_messages) return exchange;
  // The next data-parallel rank of GPU g holds the same shard: g + tp x pp (mod the GPUs).
  const long long gpus = tp * pp * dp;
  for (long long from = 0; from < gpus; ++from) {
    const long long to = (from + tp * pp) % gpus;
    if (from / gpus_per_node == to / gpus_per_node) continue;  // NVLink
    exchange.messages.push_back({static_cast<fabric::HostId>(from), static_cast<fabric::HostId>(to)});
  }
  return exchange;
}

int exchange_sample_nodes(const workload::CampaignConfig& config, bool fat_tree) {
  const long long per_pod = config.fabric.nodes_per_pod;
  const long long pod_gpus = per_pod * config.node.gpus;
  const long long replica_gpus = static_cast<long long>(config.model.tensor_parallel) * config.model.pipeline_parallel;
  if (!fat_tree || static_cast<long long>(config.nodes) * config.node.gpus <= kExchangeSampleGpus ||
      pod_gpus % replica_gpus != 0) {
    return config.nodes;
  }
  const long long pods = std::max<long long>(2, kExchangeSampleGpus / pod_gpus);
  return static_cast<int>(std::min<long long>(config.nodes, pods * per_pod));
}

double gradient_exchange_s(const ScenarioFabric& fabric, const workload::CampaignConfig& config, int sample_nodes) {
  static std::mutex mutex;
  static fabric::CollectiveCache cache;
  workload::CampaignConfig sample = config;
  sample.nodes = sample_nodes;
  sample.model.data_parallel =
      static_cast<int>(static_cast<long long>(sample_nodes) * config.node.gpus /
                       (static_cast<long long>(config.model.tensor_parallel) * config.model.pipeline_parallel));
  fabric::RingExchange exchange = gradient_ring_exchange(sample, fabric.routing);
  const fabric::RingExchange job = gradient_ring_exchange(config, fabric.routing, false);
  exchange.message_bytes = job.message_bytes;
  exchange.steps = job.steps;
  const std::lock_guard<std::mutex> lock(mutex);
  return fabric::exchange_time(fabric.topology, exchange, cache).to_seconds();
}

}  // namespace clustersim::models::study
