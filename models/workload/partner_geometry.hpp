// Partner geometry: which node holds a node's level-1 (partner_nvme) checkpoint copy, and whether a failure
// that takes down a run of nodes takes some node's partner copy with it.
//
// Nodes are numbered in rack order (models/failure/failure_domain.hpp): L nodes per rack (leaf), P per pod,
// N in all, with L dividing P and P dividing N (the fabric checks it; sizes above N are taken as N). next(n, s, G) is
// the node s places after n inside n's group of G consecutive nodes, wrapping around: g + (n - g + s) mod G with g = n
// - n mod G.
//   same_rack   partner(n) = next(n, 1, L): the next node of its rack;
//   other_rack  partner(n) = next(n, L, P): the same place in the next rack of its pod (a pod of one rack:
//               next(n, L, N), the next rack of the cluster; a cluster of one rack: as same_rack);
//   other_pod   partner(n) = next(n, P, N): the same place in the next pod (a single pod: as other_rack).
// So a rack's copies are on its neighbour rack: a power domain of two or more racks holds pairs of
// racks that are each other's partners (other_rack partners lost on a power event), a pod holds every
// other_rack pair of its own, and other_pod partners survive any single rack, power-domain (inside a pod)
// or pod event.
//
// A failure loses the partner copy of a failed node when that copy sits on a node the same failure takes
// down: copies_lost(nodes) is true when some node n of the run has partner(n) in the run as well. The failed
// node's shard must then come from an older tier (shared storage). Separate failures that fall between two
// recoveries are not combined (each is checked on its own run of nodes).
#pragma once

#include <cstdint>

#include "models/failure/failure_cause.hpp"
#include "models/workload/campaign_config.hpp"

namespace clustersim::models::workload {

class PartnerGeometry {
 public:
  PartnerGeometry(PartnerPlacement placement, const FabricConfig& fabric, std::int64_t nodes);

  std::int64_t partner(std::int64_t node) const;
  bool copies_lost(const failure::NodeRange& failed) const;

 private:
  PartnerPlacement placement_;
  std::int64_t nodes_per_leaf_;
  std::int64_t nodes_per_pod_;
  std::int64_t nodes_;
};

}  // namespace clustersim::models::workload
