#include "models/inference/router.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace clustersim::models::inference {

std::string_view to_string(RoutingPolicy policy) {
  return policy == RoutingPolicy::least_loaded ? "least_loaded" : "prefix_affinity";
}

RoutingPolicy parse_routing_policy(std::string_view text, std::string_view field) {
  if (text == "least_loaded") return RoutingPolicy::least_loaded;
  if (text == "prefix_affinity") return RoutingPolicy::prefix_affinity;
  throw std::invalid_argument(std::string(field) + ": expected least_loaded or prefix_affinity, got \"" +
                              std::string(text) + "\"");
}

std::size_t route(const RoutingConfig& config, std::span<const ReplicaScheduler> replicas,
                  std::span<const std::uint64_t> keys) {
  std::size_t least = 0;
  for (std::size_t r = 1; r < replicas.size(); ++r) {
    if (replicas[r].outstanding() < replicas[least].outstanding()) least = r;
  }
  if (config.policy == RoutingPolicy::least_loaded || keys.empty()) return least;
  const std::int64_t load_limit = replicas[least].outstanding() + config.affinity_load_slack;
  std::size_t best = least;
  std::int64_t best_prefix = replicas[least].cache().hbm_prefix_blocks(keys);
  for (std::size_t r = 0; r < replicas.size(); ++r) {
    const std::int64_t load = replicas[r].outstanding();
    if (r == least || load > load_limit) continue;
    const std::int64_t prefix = replicas[r].cache().hbm_prefix_blocks(keys);
    const bool longer = prefix > best_prefix;
    const bool as_long_less_loaded = prefix == best_prefix && load < replicas[best].outstanding();
    if (longer || as_long_less_loaded) {
      best = r;
      best_prefix = prefix;
    }
  }
  return best;
}

}  // namespace clustersim::models::inference
