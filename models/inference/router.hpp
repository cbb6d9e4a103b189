// Router: which replica serves an arriving request.
//   least_loaded     the replica with the fewest outstanding (waiting + running) requests; ties go to the
//                    lowest index.
//   prefix_affinity  among the replicas within `affinity_load_slack` outstanding requests of the least loaded
//                    one, the replica whose HBM cache holds the longest prefix of the request's blocks; ties go
//                    to the less loaded, then to the lowest index. The slack bounds the imbalance that chasing
//                    one popular prefix (a shared system prompt) would otherwise cause (Mooncake's Conductor and
//                    llm-d's prefix-aware scheduling weigh cache hits against load in the same spirit).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "models/inference/replica_scheduler.hpp"

namespace clustersim::models::inference {

enum class RoutingPolicy { least_loaded, prefix_affinity };
std::string_view to_string(RoutingPolicy policy);
// "least_loaded" or "prefix_affinity"; throws std::invalid_argument naming `field` otherwise.
RoutingPolicy parse_routing_policy(std::string_view text, std::string_view field);

struct RoutingConfig {
  RoutingPolicy policy = RoutingPolicy::least_loaded;
  std::int64_t affinity_load_slack = 4;
};

// The index of the replica that takes a request with prompt keys `keys` (full blocks only).
std::size_t route(const RoutingConfig& config, std::span<const ReplicaScheduler> replicas,
                  std::span<const std::uint64_t> keys);

}  // namespace clustersim::models::inference
