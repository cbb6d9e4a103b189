// The DRAGONFLY cluster of the SimGrid platform import, wired and routed as SimGrid 3.32 does
// (learnt from the links and routes SimGrid prints for such platforms; no SimGrid code is used).
//
// topo_parameters "g,blue;c,black;r,green;n": g groups of c chassis of r routers ("blades"), n hosts
// per router. Router (G, C, B) is number (G x c + C) x r + B; host h hangs on router h / n.
// Links, in SimGrid's creation order (the running number ending each name is the LinkId), each with
// the cluster's lat and sharing policy; forward (UP) is the first-named end toward the second:
//   host links      "local_link_from_router_<R>_to_node_<h mod n>_<h>", bw, UP = host -> router;
//   green, for each group and chassis, each pair of routers i < j of the chassis:
//                   "green_link_in_chassis_<C>_between_routers_<i>_and_<j>_<#>", green x bw;
//   black, for each group, each pair of chassis C1 < C2, each blade B:
//                   "black_link_in_group_<G>_between_chassis_<C1>_and_<C2>_blade_<B>_<#>", black x bw;
//   blue, for each pair of groups G1 < G2, one link from router (G1, 0, G2) to router (G2, 0, G1):
//                   "blue_link_between_group_<G1>_and_<G2>_routers_<R1>_and_<R2>_<#>", blue x bw.
// The blue links need r >= g (router G2 of chassis 0 must exist): SimGrid 3.32 crashes on a platform
// with g > 1 and r < g, this import refuses it.
// Routing from host s on router (G1, C1, B1) to host t on router (G2, C2, B2):
//   s's host link UP, then
//   - other group: inside G1 from (C1, B1) to the router holding the blue link, (0, G2); the blue
//     link; inside G2 from (0, G1) to (C2, B2);
//   - same group: inside G1 from (C1, B1) to (C2, B2), where SimGrid counts the black hop from
//     chassis 0 once a green hop was taken: (C1, B1) -> green -> (C1, B2), then black from chassis 0
//     to C2 at blade B2 (UP) when C2 != 0. When C1 != 0 this list is not a connected path (it may
//     miss a black hop or take one that is not needed); it is what SimGrid charges, kept as is;
//   then t's host link DOWN.
//   "inside from (Ca, Ba) to (Cb, Bb)": the green link between Ba and Bb in chassis Ca when Ba != Bb
//   (UP when Ba < Bb), then the black link between Ca and Cb at blade Bb when Ca != Cb (UP when Ca < Cb).
// Routes are computed on demand (Topology::set_route_rule).
#include <algorithm>
#include <utility>

#include "models/fabric/simgrid_reader.hpp"

namespace clustersim::models::fabric::detail {

namespace {

// Position of the pair i < j among the pairs of 0..n-1 in lexicographic order.
std::uint64_t pair_index(std::uint64_t i, std::uint64_t j, std::uint64_t n) {
  return i * n - i * (i + 1) / 2 + (j - i - 1);
}

struct Wiring {
  SimgridDragonfly p;
  std::uint64_t green_base = 0;
  std::uint64_t black_base = 0;
  std::uint64_t blue_base = 0;

  std::uint32_t router(std::uint32_t g, std::uint32_t c, std::uint32_t b) const {
    return (g * p.chassis + c) * p.routers + b;
  }
  LinkId green(std::uint32_t g, std::uint32_t c, std::uint32_t i, std::uint32_t j) const {
    const std::uint64_t pairs = std::uint64_t{p.routers} * (p.routers - 1) / 2;
    return static_cast<LinkId>(green_base + (std::uint64_t{g} * p.chassis + c) * pairs + pair_index(i, j, p.routers));
  }
  LinkId black(std::uint32_t g, std::uint32_t c1, std::uint32_t c2, std::uint32_t b) const {
    const std::uint64_t pairs = std::uint64_t{p.chassis} * (p.chassis - 1) / 2;
    return static_cast<LinkId>(black_base + (g * pairs + pair_index(c1, c2, p.chassis)) * p.routers + b);
  }
  LinkId blue(std::uint32_t g1, std::uint32_t g2) const {
    return static_cast<LinkId>(blue_base + pair_index(g1, g2, p.groups));
  }
  // Link l crossed from end index `from` to end index `to`: UP (forward) when from < to.
  static DirectedLinkId toward(LinkId l, std::uint32_t from, std::uint32_t to) {
    return from < to ? Topology::forward(l) : Topology::backward(l);
  }
  // Inside group g from (ca, ba) to (cb, bb); `same_group` applies SimGrid's chassis-0 count.
  void inside(std::vector<DirectedLinkId>& route, std::uint32_t g, std::uint32_t ca, std::uint32_t ba, std::uint32_t cb,
              std::uint32_t bb, bool same_group) const {
    if (ba != bb) {
      route.push_back(toward(green(g, ca, std::min(ba, bb), std::max(ba, bb)), ba, bb));
      if (same_group) ca = 0;
    }
    if (ca != cb) route.push_back(toward(black(g, std::min(ca, cb), std::max(ca, cb), bb), ca, cb));
  }
};

}  // namespace

Platform simgrid_dragonfly(const std::string& name, std::vector<std::string> host_names, const SimgridDragonfly& p) {
  Platform platform{Topology(name), std::move(host_names), {}};
  Topology& t = platform.topology;
  const std::uint32_t routers = p.groups * p.chassis * p.routers;
  for (std::uint32_t r = 0; r < routers; ++r) t.add_switch(0, r / (p.chassis * p.routers), r % (p.chassis * p.routers));
  std::uint32_t number = 0;
  auto add = [&](VertexId a, VertexId b, double multiplier, const std::string& label) {
    t.add_link(a, b, p.bytes_per_s * multiplier, p.latency, p.sharing);
    platform.link_names.push_back(label + "_" + std::to_string(number++));
  };
  for (HostId h = 0; h < platform.host_names.size(); ++h) {
    t.add_host(h, 0);
    add(t.host_vertex(h), t.switch_vertex(h / p.hosts_per_router), 1.0,
        "local_link_from_router_" + std::to_string(h / p.hosts_per_router) + "_to_node_" +
            std::to_string(h % p.hosts_per_router));
  }
  Wiring w{p};
  w.green_base = number;
  for (std::uint32_t g = 0; g < p.groups; ++g) {
    for (std::uint32_t c = 0; c < p.chassis; ++c) {
      for (std::uint32_t i = 0; i < p.routers; ++i) {
        for (std::uint32_t j = i + 1; j < p.routers; ++j) {
          add(t.switch_vertex(w.router(g, c, i)), t.switch_vertex(w.router(g, c, j)), p.green,
              "green_link_in_chassis_" + std::to_string(c) + "_between_routers_" + std::to_string(i) + "_and_" +
                  std::to_string(j));
        }
      }
    }
  }
  w.black_base = number;
  for (std::uint32_t g = 0; g < p.groups; ++g) {
    for (std::uint32_t c1 = 0; c1 < p.chassis; ++c1) {
      for (std::uint32_t c2 = c1 + 1; c2 < p.chassis; ++c2) {
        for (std::uint32_t b = 0; b < p.routers; ++b) {
          add(t.switch_vertex(w.router(g, c1, b)), t.switch_vertex(w.router(g, c2, b)), p.black,
              "black_link_in_group_" + std::to_string(g) + "_between_chassis_" + std::to_string(c1) + "_and_" +
                  std::to_string(c2) + "_blade_" + std::to_string(b));
        }
      }
    }
  }
  w.blue_base = number;
  for (std::uint32_t g1 = 0; g1 < p.groups; ++g1) {
    for (std::uint32_t g2 = g1 + 1; g2 < p.groups; ++g2) {
      const std::uint32_t r1 = w.router(g1, 0, g2);
      const std::uint32_t r2 = w.router(g2, 0, g1);
      add(t.switch_vertex(r1), t.switch_vertex(r2), p.blue,
          "blue_link_between_group_" + std::to_string(g1) + "_and_" + std::to_string(g2) + "_routers_" +
              std::to_string(r1) + "_and_" + std::to_string(r2));
    }
  }
  t.set_route_rule([w](HostId source, HostId destination) {
    const std::uint32_t n = w.p.hosts_per_router;
    const std::uint32_t per_group = w.p.chassis * w.p.routers;
    const std::uint32_t rs = source / n;
    const std::uint32_t rd = destination / n;
    const std::uint32_t g1 = rs / per_group, c1 = rs % per_group / w.p.routers, b1 = rs % w.p.routers;
    const std::uint32_t g2 = rd / per_group, c2 = rd % per_group / w.p.routers, b2 = rd % w.p.routers;
    std::vector<DirectedLinkId> route{Topology::forward(source)};
    if (g1 == g2) {
      w.inside(route, g1, c1, b1, c2, b2, true);
    } else {
      w.inside(route, g1, c1, b1, 0, g2, false);
      route.push_back(Wiring::toward(w.blue(std::min(g1, g2), std::max(g1, g2)), g1, g2));
      w.inside(route, g2, 0, g1, c2, b2, false);
    }
    route.push_back(Topology::backward(destination));
    return route;
  });
  return platform;
}

}  // namespace clustersim::models::fabric::detail
