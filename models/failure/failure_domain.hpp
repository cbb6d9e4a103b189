// Failure domains: how the nodes of a cluster group into the domains a correlated failure takes
// down together, and how large each domain is.
//
// Nodes are numbered 0..nodes-1 in rack order. Every domain is a run of consecutive nodes:
//   rack (leaf)     nodes_per_leaf nodes under one leaf switch;
//   power domain    nodes_per_power_domain nodes on one PDU or row, a whole number of racks;
//   pod             nodes_per_pod nodes with full bisection inside, a whole number of racks;
//   shared storage  one system that every node depends on: a domain of all nodes.
// Domain d of size k holds nodes [d k, min((d + 1) k, nodes)), so a partly filled last domain is its
// own domain. A cause whose blast radius is a domain has one component per domain: its layout
// (failure_cause.hpp) is components_per_node = 1/k, and its rate is per domain-hour.
//
// Validation (validate_geometry) throws std::invalid_argument naming the field, e.g.
//   "architecture.fabric.nodes_per_power_domain: must be at most the 2048 nodes of the cluster, got 4096".
#pragma once

#include <cstdint>
#include <string_view>

#include "models/failure/failure_cause.hpp"

namespace clustersim::models::failure {

struct DomainGeometry {
  std::int64_t nodes = 1;
  std::int64_t nodes_per_leaf = 1;
  std::int64_t nodes_per_power_domain = 1;
  std::int64_t nodes_per_pod = 1;
};

// Every size in [1, nodes]; power domains and pods a whole number of racks. `path` prefixes the
// field names ("architecture.fabric." -> "architecture.fabric.nodes_per_power_domain").
void validate_geometry(const DomainGeometry& geometry, std::string_view path);

// The nodes one component of a cause with this blast radius takes down: 1 for node-level and job
// causes, the domain's size for leaf_switch, power_domain and pod, all nodes for the shared storage.
std::int64_t nodes_per_domain(BlastRadius radius, const DomainGeometry& geometry);
// True for the radii whose layout comes from the geometry (leaf_switch, power_domain, pod, storage).
bool is_domain(BlastRadius radius);

}  // namespace clustersim::models::failure
