// Internal to the routing code: the DAG of live shortest paths between two hosts.
// One BFS over the live switch graph from the destination's switches gives every switch its hop
// distance to the destination host (hosts never forward, so they are not searched); it is shared
// by every route to a host on the same switches (Topology::cached_switch_distances); the next hops
// of v are its live neighbours one hop closer, sorted by (neighbour vertex, directed link) so that
// every choice is deterministic.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "models/fabric/topology.hpp"

namespace clustersim::models::fabric::detail {

struct NextHop {
  VertexId vertex = 0;      // the neighbour one hop closer to the destination
  DirectedLinkId link = 0;  // the direction of the link taken to get there
};

class ShortestPathDag {
 public:
  static constexpr std::uint32_t unreached = std::numeric_limits<std::uint32_t>::max();

  // Throws UnreachableError (routing.hpp) if the destination cannot be reached.
  ShortestPathDag(const Topology& topology, HostId source, HostId destination);

  VertexId source() const { return source_; }
  VertexId destination() const { return destination_; }
  // Hops from v to the destination host; `unreached` for hosts other than the two ends.
  std::uint32_t distance(VertexId v) const;
  std::vector<NextHop> next_hops(VertexId v) const;

 private:
  const Topology* topology_;
  VertexId source_;
  VertexId destination_;
  std::shared_ptr<const std::vector<std::uint32_t>> switch_distance_;  // per SwitchId, hops to the nearest
                                                                       // destination switch
  std::uint32_t source_distance_ = unreached;
};

}  // namespace clustersim::models::fabric::detail
