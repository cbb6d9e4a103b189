// The TORUS cluster of the SimGrid platform import, wired and routed as SimGrid 3.32 does (learnt
// from the routes Host::route_to() prints; no SimGrid code is used).
//
// Nodes: topo_parameters "d_0,d_1,..": node n has coordinates c_i = (n / (d_0 x .. x d_{i-1})) mod d_i
// (dimension 0 varies fastest); host n of the radical is node n. A host is the node itself: there is
// no host link, a route holds only torus links.
// Links: in every dimension i with d_i >= 2, node n has one link to its next node in that dimension
// (c_i + 1 mod d_i), named "torus_link_from_<n>_to_<next>", with the cluster's bw, lat and sharing
// policy (a ring of 2 thus has two parallel links, of which routes use the one leaving coordinate 0;
// SimGrid also builds a never-used link from a node to itself when d_i = 1, left out here).
// Routing, dimension by dimension from 0 up: while the current coordinate c differs from the
// destination's t, step to the next node (c + 1) when the forward distance (t - c) mod d is shorter
// than the backward one (c - t) mod d, to the previous node (c - 1) when it is longer; on a tie
// (d even, t - c = d/2) forward, unless t = 0, then backward. A forward step from a uses the link
// from a, direction UP (a -> next); a backward step from a to b uses the link from b, direction DOWN.
// Routes are computed on demand (Topology::set_route_rule), never tabled: 100,000 hosts cost nothing.
#include <utility>

#include "models/fabric/simgrid_reader.hpp"

namespace clustersim::models::fabric::detail {

namespace {

// Coordinates of node n, dimension 0 first.
std::vector<std::uint32_t> coordinates(std::uint32_t n, const std::vector<std::uint32_t>& dimensions) {
  std::vector<std::uint32_t> c;
  for (std::uint32_t d : dimensions) {
    c.push_back(n % d);
    n /= d;
  }
  return c;
}

// True: step forward (c + 1) from c toward t in a ring of d; c != t.
bool forward_step(std::uint32_t c, std::uint32_t t, std::uint32_t d) {
  const std::uint32_t ahead = (t + d - c) % d;
  const std::uint32_t behind = d - ahead;
  return ahead < behind || (ahead == behind && t != 0);
}

}  // namespace

Platform simgrid_torus(const std::string& name, std::vector<std::string> host_names,
                       const std::vector<std::uint32_t>& dimensions, double bytes_per_s, sim::SimTime latency,
                       LinkSharing sharing) {
  Platform platform{Topology(name), std::move(host_names), {}};
  Topology& t = platform.topology;
  const auto nodes = static_cast<std::uint32_t>(platform.host_names.size());
  std::vector<std::uint32_t> stride;  // node-number distance of one step in each dimension
  std::uint32_t s = 1;
  for (std::uint32_t d : dimensions) {
    stride.push_back(s);
    s *= d;
  }
  for (std::uint32_t n = 0; n < nodes; ++n) {
    t.add_host(n, 0);
    t.add_switch(0, 0, n);
  }
  const std::size_t k = dimensions.size();
  // link_from[n * k + i]: the link from node n to its next node in dimension i (d_i >= 2).
  std::vector<LinkId> link_from(nodes * k, 0);
  for (std::uint32_t n = 0; n < nodes; ++n) {
    const auto c = coordinates(n, dimensions);
    for (std::size_t i = 0; i < k; ++i) {
      if (dimensions[i] < 2) continue;
      const std::uint32_t next = n - c[i] * stride[i] + ((c[i] + 1) % dimensions[i]) * stride[i];
      link_from[n * k + i] = t.add_link(t.switch_vertex(n), t.switch_vertex(next), bytes_per_s, latency, sharing);
      platform.link_names.push_back("torus_link_from_" + std::to_string(n) + "_to_" + std::to_string(next));
    }
  }
  t.set_route_rule([dimensions, stride, link_from, k](HostId source, HostId destination) {
    std::vector<DirectedLinkId> route;
    auto c = coordinates(source, dimensions);
    const auto target = coordinates(destination, dimensions);
    std::uint32_t n = source;
    for (std::size_t i = 0; i < k; ++i) {
      const std::uint32_t d = dimensions[i];
      while (c[i] != target[i]) {
        const bool forward = forward_step(c[i], target[i], d);
        const std::uint32_t step_to = forward ? (c[i] + 1) % d : (c[i] + d - 1) % d;
        const std::uint32_t m = n - c[i] * stride[i] + step_to * stride[i];
        // Forward: the link from n, UP; backward: the link from m (n is its next node), DOWN.
        route.push_back(forward ? Topology::forward(link_from[n * k + i]) : Topology::backward(link_from[m * k + i]));
        n = m;
        c[i] = step_to;
      }
    }
    return route;
  });
  return platform;
}

}  // namespace clustersim::models::fabric::detail
