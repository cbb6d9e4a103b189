// The dragonfly builder declared in builders.hpp (wiring rule stated there).
#include <string>
#include <vector>

#include "models/fabric/builder_checks.hpp"
#include "models/fabric/builders.hpp"

namespace clustersim::models::fabric {

Topology dragonfly(const DragonflyParams& p) {
  using detail::fail;
  const std::uint32_t a = p.routers_per_group;
  const std::uint32_t h = p.global_links_per_router;
  const std::uint32_t g = p.groups;
  detail::require_count("dragonfly.routers_per_group", a);
  detail::require_count("dragonfly.hosts_per_router", p.hosts_per_router);
  detail::require_count("dragonfly.groups", g);
  std::uint32_t m = 0;
  if (g > 1) {
    if (h == 0) {
      fail("dragonfly.global_links_per_router: must be >= 1 with " + std::to_string(g) +
           " groups (they would be disconnected), got 0");
    }
    const std::uint64_t ports = static_cast<std::uint64_t>(a) * h;
    if (g > ports + 1) {
      fail("dragonfly.groups: must be <= routers_per_group x global_links_per_router + 1 = " +
           std::to_string(ports + 1) + ", got " + std::to_string(g));
    }
    m = p.links_per_group_pair == 0 ? static_cast<std::uint32_t>(ports / (g - 1)) : p.links_per_group_pair;
    if (static_cast<std::uint64_t>(m) * (g - 1) > ports) {
      fail("dragonfly.links_per_group_pair: " + std::to_string(m) + " x " + std::to_string(g - 1) +
           " other groups needs more than the " + std::to_string(ports) +
           " global ports of a group (routers_per_group x global_links_per_router)");
    }
  }
  detail::require_bandwidth("dragonfly.host_link_bytes_per_s", p.host_link_bytes_per_s);
  if (a > 1) detail::require_bandwidth("dragonfly.local_link_bytes_per_s", p.local_link_bytes_per_s);
  if (g > 1) detail::require_bandwidth("dragonfly.global_link_bytes_per_s", p.global_link_bytes_per_s);
  detail::require_latency("dragonfly.host_latency", p.host_latency);
  detail::require_latency("dragonfly.local_latency", p.local_latency);
  detail::require_latency("dragonfly.global_latency", p.global_latency);
  detail::require_ports("dragonfly.router_radix", p.hosts_per_router + (a - 1) + h, p.router_radix,
                        "a router (hosts_per_router + routers_per_group - 1 + global_links_per_router)");

  Topology t("dragonfly a=" + std::to_string(a) + " p=" + std::to_string(p.hosts_per_router) +
             " h=" + std::to_string(h) + " g=" + std::to_string(g));
  std::vector<VertexId> router(static_cast<std::size_t>(g) * a);
  for (std::uint32_t grp = 0; grp < g; ++grp) {
    for (std::uint32_t r = 0; r < a; ++r) router[grp * a + r] = t.switch_vertex(t.add_switch(0, grp, r));
  }
  std::vector<detail::Block> group_blocks(g);
  std::vector<detail::Block> router_blocks(router.size());
  for (std::size_t R = 0; R < router.size(); ++R) {
    router_blocks[R].members.push_back(router[R]);
    for (std::uint32_t i = 0; i < p.hosts_per_router; ++i) {
      VertexId hv = t.host_vertex(t.add_host(static_cast<std::uint32_t>(R * p.hosts_per_router + i), 0));
      t.add_link(hv, router[R], p.host_link_bytes_per_s, p.host_latency, p.sharing);
      router_blocks[R].members.push_back(hv);
      router_blocks[R].hosts.push_back(hv);
    }
    auto& gb = group_blocks[R / a];
    gb.members.insert(gb.members.end(), router_blocks[R].members.begin(), router_blocks[R].members.end());
    gb.hosts.insert(gb.hosts.end(), router_blocks[R].hosts.begin(), router_blocks[R].hosts.end());
  }
  for (std::uint32_t grp = 0; grp < g; ++grp) {
    for (std::uint32_t r1 = 0; r1 < a; ++r1) {
      for (std::uint32_t r2 = r1 + 1; r2 < a; ++r2) {
        t.add_link(router[grp * a + r1], router[grp * a + r2], p.local_link_bytes_per_s, p.local_latency, p.sharing);
      }
    }
  }
  DragonflyLayout layout;
  layout.routers_per_group = a;
  layout.hosts_per_router = p.hosts_per_router;
  layout.global_links_per_router = h;
  layout.groups = g;
  layout.links_per_group_pair = m;
  layout.global_links.resize(static_cast<std::size_t>(g) * g);
  if (g > 1) {
    for (std::uint32_t G = 0; G < g; ++G) {
      for (std::uint32_t k = 0; k < m * (g - 1); ++k) {
        const std::uint32_t offset = k % (g - 1);
        const std::uint32_t copy = k / (g - 1);
        const std::uint32_t T = offset < G ? offset : offset + 1;
        if (T < G) continue;                              // created from T's side
        const std::uint32_t k_in_T = copy * (g - 1) + G;  // G < T
        LinkId l = t.add_link(router[G * a + k / h], router[T * a + k_in_T / h], p.global_link_bytes_per_s,
                              p.global_latency, p.sharing);
        layout.global_links[static_cast<std::size_t>(G) * g + T].push_back(l);
        layout.global_links[static_cast<std::size_t>(T) * g + G].push_back(l);
      }
    }
  }
  t.set_dragonfly_layout(std::move(layout));
  detail::set_halves(t, g > 1 ? group_blocks : router_blocks);
  detail::check_connected(t, "dragonfly");
  return t;
}

}  // namespace clustersim::models::fabric
