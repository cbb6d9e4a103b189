#include "models/fabric/ring_exchange.hpp"

#include <algorithm>

namespace clustersim::models::fabric {

std::vector<FlowRow> step_flows(const RingExchange& exchange) {
  std::vector<FlowRow> rows;
  rows.reserve(exchange.messages.size());
  for (const RingMessage& m : exchange.messages) {
    rows.push_back({m.src, m.dst, exchange.message_bytes, sim::SimTime::zero(), rows.size() + 1});
  }
  return rows;
}

sim::SimTime step_time(const Topology& topology, const RingExchange& exchange) {
  sim::SimTime makespan = sim::SimTime::zero();
  if (exchange.messages.empty() || exchange.message_bytes <= 0) return makespan;
  for (const FlowResult& result : simulate_flows(topology, step_flows(exchange), exchange.routing)) {
    makespan = std::max(makespan, result.finish);
  }
  return makespan;
}

sim::SimTime exchange_time(const Topology& topology, const RingExchange& exchange, CollectiveCache& cache) {
  std::vector<HostId> placement;
  placement.reserve(2 * exchange.messages.size());
  for (const RingMessage& m : exchange.messages) {
    placement.push_back(m.src);
    placement.push_back(m.dst);
  }
  CollectiveKey key;
  key.collective = Collective::all_reduce;
  key.algorithm = CollectiveAlgorithm::ring;
  key.group_size = static_cast<std::uint32_t>(exchange.messages.size());
  key.placement = placement_signature(placement);
  key.bytes = exchange.message_bytes;
  key.configuration = static_cast<std::uint64_t>(exchange.routing);
  key.fabric_state = fabric_state_signature(topology);
  const sim::SimTime step = cache.get_or_compute(key, [&] { return step_time(topology, exchange); });
  return sim::SimTime::from_ns(step.ns() * exchange.steps);
}

}  // namespace clustersim::models::fabric
