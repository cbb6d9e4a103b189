#include "models/workload/partner_geometry.hpp"

#include <algorithm>

namespace clustersim::models::workload {
namespace {

// The node `step` places after `node` inside its group of `group` consecutive nodes, wrapping around.
std::int64_t next_in_group(std::int64_t node, std::int64_t step, std::int64_t group) {
  const std::int64_t first = node - node % group;
  return first + (node - first + step) % group;
}

}  // namespace

PartnerGeometry::PartnerGeometry(PartnerPlacement placement, const FabricConfig& fabric, std::int64_t nodes)
    : placement_(placement),
      nodes_per_leaf_(std::max<std::int64_t>(1, std::min<std::int64_t>(fabric.nodes_per_leaf, nodes))),
      nodes_per_pod_(std::max(nodes_per_leaf_, std::min<std::int64_t>(fabric.nodes_per_pod, nodes))),
      nodes_(std::max<std::int64_t>(1, nodes)) {}

std::int64_t PartnerGeometry::partner(std::int64_t node) const {
  const std::int64_t rack = nodes_per_leaf_;
  const std::int64_t pod = nodes_per_pod_;
  if (placement_ == PartnerPlacement::other_pod && pod < nodes_) return next_in_group(node, pod, nodes_);
  if (placement_ != PartnerPlacement::same_rack) {
    if (rack < pod) return next_in_group(node, rack, pod);
    if (rack < nodes_) return next_in_group(node, rack, nodes_);
  }
  return next_in_group(node, 1, rack);
}

bool PartnerGeometry::copies_lost(const failure::NodeRange& failed) const {
  const std::int64_t end = failed.first + failed.count;
  for (std::int64_t node = failed.first; node < end; ++node) {
    const std::int64_t holder = partner(node);
    if (holder >= failed.first && holder < end) return true;
  }
  return false;
}

}  // namespace clustersim::models::workload
