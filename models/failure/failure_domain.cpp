#include "models/failure/failure_domain.hpp"

#include <string>
#include <utility>

#include "models/failure/field_error.hpp"

namespace clustersim::models::failure {

void validate_geometry(const DomainGeometry& geometry, std::string_view path) {
  validate_nodes(geometry.nodes, std::string(path) + "nodes");
  const auto check = [&](std::string_view name, std::int64_t size) {
    const std::string field = std::string(path) + std::string(name);
    if (size < 1) reject_field(field, "must be >= 1", std::to_string(size));
    if (size > geometry.nodes) {
      reject_field(field, "must be at most the " + std::to_string(geometry.nodes) + " nodes of the cluster",
                   std::to_string(size));
    }
  };
  check("nodes_per_leaf", geometry.nodes_per_leaf);
  check("nodes_per_power_domain", geometry.nodes_per_power_domain);
  check("nodes_per_pod", geometry.nodes_per_pod);
  for (const auto& [name, size] :
       {std::pair<std::string_view, std::int64_t>{"nodes_per_power_domain", geometry.nodes_per_power_domain},
        {"nodes_per_pod", geometry.nodes_per_pod}}) {
    if (size % geometry.nodes_per_leaf != 0) {
      reject_field(std::string(path) + std::string(name),
                   "must be a whole number of racks (a multiple of nodes_per_leaf = " +
                       std::to_string(geometry.nodes_per_leaf) + ")",
                   std::to_string(size));
    }
  }
}

std::int64_t nodes_per_domain(BlastRadius radius, const DomainGeometry& geometry) {
  switch (radius) {
    case BlastRadius::leaf_switch:
      return geometry.nodes_per_leaf;
    case BlastRadius::power_domain:
      return geometry.nodes_per_power_domain;
    case BlastRadius::pod:
      return geometry.nodes_per_pod;
    case BlastRadius::storage_outage:
    case BlastRadius::storage_degraded:
      return geometry.nodes;
    case BlastRadius::node:
    case BlastRadius::node_and_local_storage:
    case BlastRadius::job:
      break;
  }
  return 1;
}

bool is_domain(BlastRadius radius) {
  switch (radius) {
    case BlastRadius::leaf_switch:
    case BlastRadius::power_domain:
    case BlastRadius::pod:
    case BlastRadius::storage_outage:
    case BlastRadius::storage_degraded:
      return true;
    case BlastRadius::node:
    case BlastRadius::node_and_local_storage:
    case BlastRadius::job:
      break;
  }
  return false;
}

}  // namespace clustersim::models::failure
