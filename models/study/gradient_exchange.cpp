#include "models/study/gradient_exchange.hpp"

#include <mutex>
#include <stdexcept>

namespace clustersim::models::study {

fabric::RingExchange gradient_ring_exchange(const workload::CampaignConfig& config, fabric::RoutingChoice routing) {
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
  // The next data-parallel rank of GPU g holds the same shard: g + tp x pp (mod the GPUs).
  const long long gpus = tp * pp * dp;
  for (long long from = 0; from < gpus; ++from) {
    const long long to = (from + tp * pp) % gpus;
    if (from / gpus_per_node == to / gpus_per_node) continue;  // NVLink
    exchange.messages.push_back({static_cast<fabric::HostId>(from), static_cast<fabric::HostId>(to)});
  }
  return exchange;
}

double gradient_exchange_s(const ScenarioFabric& fabric, const workload::CampaignConfig& config) {
  static std::mutex mutex;
  static fabric::CollectiveCache cache;
  const fabric::RingExchange exchange = gradient_ring_exchange(config, fabric.routing);
  const std::lock_guard<std::mutex> lock(mutex);
  return fabric::exchange_time(fabric.topology, exchange, cache).to_seconds();
}

}  // namespace clustersim::models::study
